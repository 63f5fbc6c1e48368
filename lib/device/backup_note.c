/* Small helpers shared by the backup's copies out of file systems (backup_tree.c: /data/nvram,
 * backup_modem.c: the radio files). */
#include "device/backup.h"
#include "core/internal.h"

#include <stdarg.h>
#include <stdio.h>

bool mtkfwi_backup_spans_meet(const struct mtkfw_backup_opts *o, const struct mtkfw_partition *p)
{
	if (!o || !p || !p->has_start || !p->has_size)
		return false;
	for (size_t i = 0; i < o->erasing_count; i++) {
		const struct mtkfw_span *s = &o->erasing[i];

		if (s->area == p->area && s->offset < p->start + p->size && p->start < s->offset + s->length)
			return true;
	}
	return false;
}

int mtkfwi_backup_note(char **slot, bool keep_first, mtkfw_ctx *ctx, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One line in the manifest: no control bytes from an error message. */
	for (char *c = msg; *c; c++)
		if ((unsigned char)*c < ' ')
			*c = ' ';
	mtkfw_log(ctx, MTKFW_LOG_WARN, "backup: %s", msg);
	if (*slot && keep_first)
		return 0;
	free(*slot);
	*slot = mtkfw_strdup(msg);
	return *slot ? 0 : MTKFW_ERR_NOMEM;
}
