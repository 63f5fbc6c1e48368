/*
 * mtkfw-modemtag: copy a modem image with fields of its identity trailer changed, through the
 * library's trailer writer. Tests make "another board's modem" and "a band variant" out of one
 * real modem this way (never committed: they are made in the test's temp folder).
 *
 *   mtkfw-modemtag IN OUT [--project P] [--flavor F] [--verno V] [--platform P] [--build-time T]
 */
#include "core/file.h"

#include <mtkfw/mtkfw.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: mtkfw-modemtag IN OUT [--project P] [--flavor F] [--verno V] [--platform P] [--build-time T]\n";

static void set(char *dst, size_t cap, const char *v)
{
	snprintf(dst, cap, "%s", v);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "project", required_argument, NULL, 'p' }, { "flavor", required_argument, NULL, 'f' },
		{ "verno", required_argument, NULL, 'v' },   { "platform", required_argument, NULL, 'P' },
		{ "build-time", required_argument, NULL, 't' }, { NULL, 0, NULL, 0 },
	};
	struct mtkfw_modem *m = calloc(1, sizeof(*m));
	uint8_t *buf = NULL, trailer[MTKFW_MODEM_TRAILER_MAX];
	size_t len = 0, tl = 0, tail;
	int c;

	if (!m)
		return 1;
	if (argc < 3) {
		fputs(usage, stderr);
		return 2;
	}
	if (mtkfw_read_file(argv[1], 64u << 20, &buf, &len) != 0)
		goto fail;
	tail = len < MTKFW_MODEM_TRAILER_MAX ? len : MTKFW_MODEM_TRAILER_MAX;
	if (mtkfw_modem_parse_trailer(m, buf + len - tail, tail, len, argv[1]) != 0)
		goto fail;
	optind = 3;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': set(m->project, sizeof(m->project), optarg); break;
		case 'f': set(m->flavor, sizeof(m->flavor), optarg); break;
		case 'v': set(m->verno, sizeof(m->verno), optarg); break;
		case 'P': set(m->platform, sizeof(m->platform), optarg); break;
		case 't': set(m->build_time, sizeof(m->build_time), optarg); break;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (mtkfw_modem_write_trailer(trailer, sizeof(trailer), &tl, m) != 0)
		goto fail;
	memcpy(buf + len - tl, trailer, tl);
	if (mtkfw_write_file_atomic(argv[2], buf, len) != 0)
		goto fail;
	free(buf);
	free(m);
	return 0;
fail:
	fprintf(stderr, "mtkfw-modemtag: %s\n", mtkfw_error_last()->message);
	free(buf);
	free(m);
	return 1;
}
