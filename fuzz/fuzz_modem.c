/*
 * The modem formats: the input as a whole modem file (trailer from its end, the version record
 * searched in its body, or a DbgInfo / stub by its head), and its trailer parsed, written back
 * (byte-identical) and parsed again; the same bytes as a DbgInfo, a stub and an mddb file name;
 * the JSON object written and read back.
 */
#include "firmware/modem_internal.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
	const uint8_t *b;
	size_t n;
};

static int mem_read(void *user, uint64_t off, void *buf, size_t n)
{
	const struct mem *m = user;

	if (off > m->n || n > m->n - off)
		abort(); /* the module asked for bytes past the end it was told of */
	memcpy(buf, m->b + off, n);
	return 0;
}

static void same(const struct mtkfw_modem *a, const struct mtkfw_modem *b)
{
	if (strcmp(a->project, b->project) || strcmp(a->flavor, b->flavor) || strcmp(a->verno, b->verno) ||
	    strcmp(a->platform, b->platform) || strcmp(a->build_time, b->build_time) ||
	    a->image_type != b->image_type || a->mem_size != b->mem_size || a->image_size != b->image_size ||
	    a->header_size != b->header_size)
		abort();
}

static void trailer(const uint8_t *data, size_t size)
{
	size_t tn = size < MTKFW_MODEM_TRAILER_MAX ? size : MTKFW_MODEM_TRAILER_MAX, tl = 0;
	struct mtkfw_modem *m = calloc(1, sizeof(*m)), *again = calloc(1, sizeof(*again));
	uint8_t *out = malloc(MTKFW_MODEM_TRAILER_MAX);
	json_t *o;

	if (!m || !again || !out)
		abort();
	if (mtkfw_modem_parse_trailer(m, data + size - tn, tn, size, "fuzz") == 0) {
		if (mtkfw_modem_write_trailer(out, MTKFW_MODEM_TRAILER_MAX, &tl, m) != 0 || tl > size ||
		    memcmp(out, data + size - tl, tl) != 0)
			abort(); /* parse -> write must be byte-identical */
		if (mtkfw_modem_parse_trailer(again, out, tl, tl, "rewrite") != 0)
			abort();
		same(m, again);
		mtkfw_modem_clear(again);
		mtkfw_modem_names(m, "BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V47_1_wg_n");
		mtkfw_modem_names(m, "DbgInfo_WR8.W1315.MD.WG.MP_P_MOLY_WR8_2017_09_20_22_17_1_wg_n");
		o = mtkfwi_modem_json(m);
		if (!o || mtkfwi_modem_from_json(again, o, "json") != 0)
			abort();
		same(m, again);
		json_decref(o);
		mtkfw_modem_clear(again);
	}
	mtkfw_modem_clear(m);
	free(m);
	free(again);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_modem *m = calloc(1, sizeof(*m));
	struct mem src = { data, size };
	char name[256];

	if (!m)
		abort();
	trailer(data, size);
	if (mtkfwi_modem_read(m, mem_read, &src, size, "fuzz/modem_1_wg_n.img") == 0)
		mtkfw_modem_clear(m);
	if (mtkfw_modem_parse_dbginfo(m, data, size, "fuzz") == 0)
		mtkfw_modem_clear(m);
	if (mtkfw_modem_parse_stub(m, data, size, "fuzz") == 0)
		mtkfw_modem_clear(m);
	/* the bytes as a file name (mddb identity is in the name) */
	memcpy(name, data, size < sizeof(name) - 1 ? size : sizeof(name) - 1);
	name[size < sizeof(name) - 1 ? size : sizeof(name) - 1] = '\0';
	if (mtkfw_modem_parse_mddb_name(m, name) == 0)
		mtkfw_modem_clear(m);
	free(m);
	return 0;
}
