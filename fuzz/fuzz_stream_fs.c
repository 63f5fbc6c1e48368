/*
 * A system image streamed out of an archive (lib/catalog/stream_fs.c): the sparse chunk
 * headers are parsed as they arrive and libext2fs reads through the forward-only spool. Any
 * bytes, handed out in small uneven pieces as a decompressor does, must give build.prop and
 * the modem or an error; and what a whole-file reader finds, the streamed one finds too.
 */
#include "catalog/stream_fs.h"

#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct src {
	const uint8_t *b;
	size_t n, pos;
};

static int pull(void *user, void *buf, size_t n, size_t *got)
{
	struct src *s = user;
	size_t k = s->n - s->pos < n ? s->n - s->pos : n;

	if (k > 1000 + s->pos % 777)
		k = 1000 + s->pos % 777;
	memcpy(buf, s->b + s->pos, k);
	s->pos += k;
	*got = k;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct src s = { data, size, 0 };
	struct mtkfw_modem *m = calloc(1, sizeof(*m));
	size_t head = size < 4096 ? size : 4096, len = 0, whole_len = 0;
	uint8_t *prop = NULL, *whole = NULL;
	bool has_modem = false;
	mtkfw_ext4 *fs;
	int rc;

	if (!m)
		return 0;
	s.pos = head;
	rc = mtkfwi_stream_system(&prop, &len, m, &has_modem, pull, &s, data, head, size, "/tmp", "system.img", NULL);
	/* The same bytes read whole (raw or sparse, as lib/image opens them). */
	if (mtkfw_ext4_open_mem(&fs, data, size, "whole") == 0) {
		if (mtkfw_ext4_read(&whole, &whole_len, fs, "/build.prop", 1u << 20) == 0 && rc == 0 &&
		    (!prop || whole_len != len || memcmp(whole, prop, len) != 0))
			abort(); /* the streamed reader found another build.prop */
		free(whole);
		mtkfw_ext4_free(fs);
	}
	if (has_modem)
		mtkfw_modem_clear(m);
	free(m);
	free(prop);
	return 0;
}
