/* How `mtkfw info`'s probes fill the report (identify_internal.h). */
#include "analysis/identify_internal.h"
#include "core/file.h"
#include "core/internal.h"

#include <stdarg.h>
#include <stdio.h>

int mtkfwi_probe_whole(struct probe_in *in, uint64_t max)
{
	if (in->whole)
		return 0;
	if (in->size > max)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %llu bytes, more than this probe reads", in->path,
				    (unsigned long long)in->size);
	if (!(in->whole = malloc(in->size ? in->size : 1)))
		return mtkfw_nomem();
	in->whole_len = (size_t)in->size;
	return mtkfw_pread_exact(in->fd, in->whole, in->whole_len, 0, in->path);
}

static struct mtkfw_info_field *add(struct mtkfw_info *o, const char *key, mtkfw_info_kind k)
{
	struct mtkfw_info_field *f;

	if (o->nfields >= MTKFW_INFO_MAX_FIELDS)
		return NULL;
	f = &o->fields[o->nfields++];
	memset(f, 0, sizeof(*f));
	f->key = key;
	f->kind = k;
	return f;
}

void mtkfwi_info_int(struct mtkfw_info *o, const char *key, uint64_t v)
{
	struct mtkfw_info_field *f = add(o, key, MTKFW_INFO_INT);

	if (f)
		f->num = v;
}

void mtkfwi_info_bool(struct mtkfw_info *o, const char *key, bool v)
{
	struct mtkfw_info_field *f = add(o, key, MTKFW_INFO_BOOL);

	if (f)
		f->num = v;
}

void mtkfwi_info_str(struct mtkfw_info *o, const char *key, const char *fmt, ...)
{
	struct mtkfw_info_field *f = add(o, key, MTKFW_INFO_STR);
	va_list ap;

	if (!f)
		return;
	va_start(ap, fmt);
	if (vasprintf(&f->str, fmt, ap) < 0)
		f->str = NULL;
	va_end(ap);
	if (!f->str)
		o->nfields--;
}

void mtkfwi_printable(char *out, size_t outn, const uint8_t *p, size_t n)
{
	size_t l = strnlen((const char *)p, n);

	if (!outn)
		return;
	if (l >= outn)
		l = outn - 1;
	for (size_t i = 0; i < l; i++)
		out[i] = p[i] >= 0x20 && p[i] < 0x7F ? (char)p[i] : '?';
	out[l] = '\0';
}

void mtkfwi_info_text(struct mtkfw_info *o, const char *key, const uint8_t *p, size_t n)
{
	char buf[1100];

	mtkfwi_printable(buf, sizeof(buf), p, n);
	mtkfwi_info_str(o, key, "%s", buf);
}

void mtkfwi_info_addr(struct mtkfw_info *o, const char *key, uint64_t v)
{
	struct mtkfw_info_field *f = add(o, key, MTKFW_INFO_ADDR);

	if (f)
		f->num = v;
}

void mtkfwi_info_describe(struct mtkfw_info *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->description, sizeof(o->description), fmt, ap);
	va_end(ap);
}
