/*
 * mtkfw explain: what an SP Flash Tool / BROM / DA / mtkclient error means and how to fix it,
 * for one code, symbol or message, or for every error found in a log file.
 */
#include "cli.h"

#include <mtkfw/explain.h>

#include <string.h>
#include <sys/stat.h>

static const char *const usage[] = {
	"mtkfw explain [--json] CODE|SYMBOL|MESSAGE",
	"mtkfw explain [--json] LOGFILE",
	"mtkfw explain --list [--json]",
	NULL,
};

static const char options[] =
	"  CODE                4032, 0xC0050005 or -1073414139 (every numbering that knows it)\n"
	"  SYMBOL              S_FT_ENABLE_DRAM_FAIL, any case, S_ optional\n"
	"  MESSAGE             a message or log line, e.g. \"EMI Config not accepted\"\n"
	"  LOGFILE             an SP Flash Tool or mtkclient log: each error once, with its lines\n"
	"      --list          the whole catalogue\n"
	"      --json          JSON on stdout\n";

/* Print `text` after `label`, wrapped at 78 columns with a hanging indent. */
static void wrap(const char *label, const char *text)
{
	const int indent = 11, width = 78;
	int col;

	col = printf("  %-*s", indent - 2, label);
	while (*text) {
		const char *sp = strchr(text, ' ');
		int wl = sp ? (int)(sp - text) : (int)strlen(text);

		if (col > indent && col + 1 + wl > width) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			putchar(' ');
			col++;
		}
		printf("%.*s", wl, text);
		col += wl;
		text += wl;
		while (*text == ' ')
			text++;
	}
	putchar('\n');
}

static void print_entry(const mtkfw_error_info *e)
{
	if (!*e->code_text && !*e->symbol && e->npatterns)
		printf("\"%s\"  [%s]\n", e->patterns[0], e->tool);
	else
		printf("%s%s%s  [%s]\n", e->code_text, *e->code_text && *e->symbol ? " " : "", e->symbol, e->tool);
	if (mtkfw_severity_parse(e->severity) != MTKFW_SEV_ERROR)
		wrap("severity", e->severity);
	wrap("says", e->text);
	wrap("cause", e->cause);
	wrap("meaning", e->meaning);
	wrap("fix", e->fix);
}

/* A document of lib/json (made with status `rc`) printed and freed: EXIT_DONE, or EXIT_FINDING
 * when it could not be made or written. */
static int print_doc(int rc, char *doc)
{
	rc = rc == 0 && cli_json_print_text(doc) == 0 ? EXIT_DONE : EXIT_FINDING;
	free(doc);
	return rc;
}

static int show_matches(const char *query, const mtkfw_error_info *const *m, size_t n, bool json)
{
	if (json) {
		char *doc = NULL;
		int rc = mtkfw_json_explain(&doc, query, m, n);

		return print_doc(rc, doc);
	}
	if (n > 1 && query)
		printf("%s: %zu catalogue entries (numbers differ between tool generations: trust the "
		       "symbol)\n\n", query, n);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putchar('\n');
		print_entry(m[i]);
	}
	return EXIT_DONE;
}

static int show_log(const mtkfw_log_scan *s, bool json)
{
	if (json) {
		char *doc = NULL;
		int rc = mtkfw_json_log_scan(&doc, s);

		return print_doc(rc, doc);
	}
	if (!s->count) {
		printf("%s: no known error in %llu lines\n", s->file, (unsigned long long)s->lines);
		return EXIT_DONE;
	}
	printf("%s: %zu known error%s in %llu lines%s\n", s->file, s->count, s->count == 1 ? "" : "s",
	       (unsigned long long)s->lines, s->truncated ? " (only the first 512 MiB read)" : "");
	for (size_t i = 0; i < s->count; i++) {
		const mtkfw_log_error *e = &s->errors[i];

		printf("\nline %llu", (unsigned long long)e->line);
		if (e->count > 1) {
			printf(" (also");
			/* A handful of line numbers is enough to find them; JSON has up to 32. */
			size_t shown = e->nlines < 8 ? e->nlines : 8;

			for (size_t k = 1; k < shown; k++)
				printf(" %llu", (unsigned long long)e->lines[k]);
			if (e->count > shown)
				printf(" and %llu more", (unsigned long long)(e->count - shown));
			printf(")");
		}
		printf(": %s\n", e->text);
		print_entry(e->match);
	}
	return EXIT_DONE;
}

/* Is the argument meant as a code? Then a file of that name does not win. */
static bool looks_like_code(const char *a)
{
	size_t i = (*a == '-' || *a == '(') ? 1 : 0;

	if (!a[i])
		return false;
	for (; a[i]; i++)
		if (!((a[i] >= '0' && a[i] <= '9') || (a[i] >= 'a' && a[i] <= 'f') || (a[i] >= 'A' && a[i] <= 'F') ||
		      a[i] == 'x' || a[i] == 'X' || a[i] == ')'))
			return false;
	return true;
}

static int run_args(int argc, char **argv, struct cli_env *env);

static int run(int argc, char **argv, struct cli_env *env)
{
	int rc;

	/* A negative code (-1073414139, as SP Flash Tool v5 prints STATUS_ codes) is an operand,
	 * not an option: move such words behind a "--" before getopt sees them. */
	char **nargv = calloc((size_t)argc + 2, sizeof(*nargv));
	int nargc = 0, negs = 0;
	bool dashdash = false;

	if (!nargv) {
		cli_error(env, "out of memory");
		return EXIT_FINDING;
	}
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			dashdash = true;
		if (i && !dashdash && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9')
			negs++;
		else
			nargv[nargc++] = argv[i];
	}
	if (negs) {
		if (!dashdash)
			nargv[nargc++] = "--";
		dashdash = false;
		for (int i = 1; i < argc; i++) {
			if (!strcmp(argv[i], "--"))
				dashdash = true;
			if (!dashdash && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9')
				nargv[nargc++] = argv[i];
		}
	}
	rc = run_args(nargc, nargv, env);
	free(nargv);
	return rc;
}

static int run_args(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "list", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, list = false;
	struct stat st;
	char *query;
	size_t qlen = 0;
	int c, rc;

	optind = 1;
	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'l': list = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (list) {
		const mtkfw_error_info *cat;
		const mtkfw_error_info **all;
		size_t n;

		if (optind != argc)
			return cli_usage_error(env, "--list takes no argument");
		if (mtkfw_errors_catalogue(&cat, &n) != 0)
			return cli_fail(env);
		if (!(all = calloc(n ? n : 1, sizeof(*all)))) {
			cli_error(env, "out of memory");
			return EXIT_FINDING;
		}
		for (size_t i = 0; i < n; i++)
			all[i] = &cat[i];
		rc = show_matches(NULL, all, n, json);
		free(all);
		return rc;
	}
	if (optind >= argc)
		return cli_usage_error(env, "give a code, a symbol, a message or a log file");
	if (argc - optind == 1 && !looks_like_code(argv[optind]) && stat(argv[optind], &st) == 0) {
		mtkfw_log_scan *scan;

		if (mtkfw_explain_log(&scan, argv[optind], env->ctx) != 0) {
			rc = cli_fail(env);
			/* An unreadable log is unreadable input, whatever the library's reason. */
			return rc == EXIT_FINDING && mtkfw_error_last()->code == MTKFW_ERR_IO ? EXIT_USAGE : rc;
		}
		rc = show_log(scan, json);
		mtkfw_log_scan_free(scan);
		return rc;
	}
	/* Several words are one message: `mtkfw explain EMI Config not accepted` works unquoted. */
	for (int i = optind; i < argc; i++)
		qlen += strlen(argv[i]) + 1;
	if (!(query = malloc(qlen))) {
		cli_error(env, "out of memory");
		return EXIT_FINDING;
	}
	query[0] = '\0';
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			strcat(query, " ");
		strcat(query, argv[i]);
	}
	{
		mtkfw_explain *e;

		if (mtkfw_explain_query(&e, query) != 0) {
			free(query);
			return cli_fail(env);
		}
		rc = show_matches(e->query, (const mtkfw_error_info *const *)e->matches, e->count, json);
		mtkfw_explain_free(e);
	}
	free(query);
	return rc;
}

const struct cli_command cli_cmd_explain = {
	"explain", run, CLI_JSON,
	"what an SP Flash Tool, BROM, DA or mtkclient error means, and the fix",
	usage, options,
};
