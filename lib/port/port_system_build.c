/*
 * Building a port's system image from its plan: a raw copy of the base's image (a sparse one
 * expanded, its holes kept), each planned path removed and the phone's grafted in through
 * libext2fs (lib/image/ext4_write.c), then written sparse with the file system's block size.
 */
#include "core/file.h"
#include "core/internal.h"
#include "port/port_internal.h"

#include <mtkfw/sparse.h>

#include <unistd.h>

int mtkfwi_port_system_build(const mtkfw_port_plan *plan, const char *tmpdir, const char *out, mtkfw_ctx *ctx)
{
	const struct mtkfw_port_system *sy = &plan->system;
	char *raw = mtkfw_path_join(tmpdir, ".system.raw");
	mtkfw_ext4 *w = NULL, *phone = NULL;
	uint8_t head[4] = { 0 };
	size_t got = 0;
	int rc;

	if (!raw)
		return mtkfw_nomem();
	/* A raw copy to change: a sparse image expanded (its holes stay holes), a raw one copied. */
	rc = mtkfwi_port_from_head(&sy->base, head, sizeof(head), &got);
	if (!rc)
		rc = mtkfw_sparse_probe(head, got) ? mtkfw_sparse_expand(sy->base.path, raw, ctx)
						   : mtkfwi_port_from_copy(&sy->base, raw, "system", ctx);
	if (!rc)
		rc = mtkfw_ext4_open_rw(&w, raw);
	if (!rc && sy->phone.path)
		rc = mtkfw_ext4_open_at(&phone, sy->phone.path, sy->phone.offset);
	for (size_t i = 0; i < sy->count && !rc; i++) {
		const struct mtkfw_port_path *p = &sy->paths[i];

		if (p->in_base)
			rc = mtkfw_ext4_remove(w, p->path);
		if (!rc && p->source == MTKFW_PORT_PHONE)
			rc = mtkfw_ext4_graft(w, p->path, phone, p->path, NULL);
		if (!rc)
			rc = mtkfw_progress(ctx, "system: board files", i + 1, sy->count);
	}
	if (!rc)
		rc = mtkfw_ext4_commit(w);
	mtkfw_ext4_free(w);
	mtkfw_ext4_free(phone);
	if (!rc)
		rc = mtkfw_sparse_make(raw, out, sy->block_size, ctx);
	unlink(raw);
	free(raw);
	return rc;
}
