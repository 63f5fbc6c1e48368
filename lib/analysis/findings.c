/*
 * The finding list: one report model for check, compat and the flash pre-flight, so every
 * command that judges a firmware speaks the same words (contracts.md: error/warning/info).
 */
#include "core/internal.h"

#include <mtkfw/check.h>

#include <string.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>

/* A check of a hostile folder cannot grow a list without end. */
#define FINDINGS_MAX 10000

const char *mtkfw_severity_name(int severity)
{
	switch (severity) {
	case MTKFW_SEV_ERROR: return "error";
	case MTKFW_SEV_WARNING: return "warning";
	default: return "info";
	}
}

int mtkfw_severity_parse(const char *word)
{
	for (int v = MTKFW_SEV_INFO; word && v <= MTKFW_SEV_ERROR; v++) {
		const char *w = mtkfw_severity_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

int mtkfw_findings_add(mtkfw_findings *list, int severity, const char *code, const char *partition,
		       const char *fmt, ...)
{
	struct mtkfw_finding *items, *f;
	va_list ap;
	int n;

	if (!list || !code || !fmt)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_findings_add: NULL argument");
	if (list->count >= FINDINGS_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "more than %d findings", FINDINGS_MAX);
	items = mtkfw_reallocarray(list->items, list->count + 1, sizeof(*items));
	if (!items)
		return MTKFW_ERR_NOMEM;
	list->items = items;
	f = &items[list->count];
	memset(f, 0, sizeof(*f));
	f->severity = severity < MTKFW_SEV_INFO ? MTKFW_SEV_INFO : severity > MTKFW_SEV_ERROR ? MTKFW_SEV_ERROR : severity;
	va_start(ap, fmt);
	n = vasprintf(&f->message, fmt, ap);
	va_end(ap);
	if (n < 0)
		f->message = NULL;
	f->code = mtkfw_strdup(code);
	f->partition = partition ? mtkfw_strdup(partition) : NULL;
	if (!f->message || !f->code || (partition && !f->partition)) {
		free(f->message);
		free(f->code);
		free(f->partition);
		return mtkfw_nomem();
	}
	list->count++;
	if (f->severity == MTKFW_SEV_ERROR)
		list->errors++;
	else if (f->severity == MTKFW_SEV_WARNING)
		list->warnings++;
	else
		list->infos++;
	return 0;
}

void mtkfw_findings_clear(mtkfw_findings *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].code);
		free(list->items[i].partition);
		free(list->items[i].message);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

const struct mtkfw_finding *mtkfw_findings_find(const mtkfw_findings *list, const char *code, const char *partition)
{
	if (!list || !code)
		return NULL;
	for (size_t i = 0; i < list->count; i++) {
		const struct mtkfw_finding *f = &list->items[i];

		if (strcmp(f->code, code) != 0)
			continue;
		if (partition && (!f->partition || strcasecmp(f->partition, partition) != 0))
			continue;
		return f;
	}
	return NULL;
}
