/*
 * The SECCFG (v3) and SEC_RO partitions: header fields only. Their bodies are encrypted with
 * the chip's key on real phones, so mtkfw reports what the clear header says and nothing it
 * would have to guess (the lock state of SECCFG lives in the encrypted part).
 * Layouts: anchors-formats.md §A.4 and §B.9; SECCFG v3 field order as mtkclient's SecCfgV3
 * reads it (facts only), checked on Mobiwire_S10/nodl_seccfg.
 */
#include "core/bytes.h"
#include "core/fields.h"
#include "core/internal.h"
#include "firmware/identity_internal.h"

#include <mtkfw/identity.h>

static const struct mtkfw_field seccfg_fields[] = {
	{ "info_header", 0x00, 16, MTKFW_F_BYTES },
	{ "magic", 0x10, 4, MTKFW_F_LE },
	{ "version", 0x14, 4, MTKFW_F_LE },
	{ "size", 0x18, 4, MTKFW_F_LE },
	{ "enc_offset", 0x1C, 4, MTKFW_F_LE },
	{ "enc_length", 0x20, 4, MTKFW_F_LE },
	{ "lock_try", 0x24, 1, MTKFW_F_LE },
	{ "lock_done", 0x25, 1, MTKFW_F_LE },
	{ "page_size", 0x26, 2, MTKFW_F_LE },
	{ "page_count", 0x28, 4, MTKFW_F_LE },
};
#define SECCFG_HEAD 0x2C
#define SECCFG_MAGIC 0x4D4D4D4Du  /* "MMMM" */
#define SECCFG_END 0x45454545u    /* "EEEE" */
/* The structure is 0x1860 bytes on MT6572; a bound keeps a hostile size from mattering. */
#define SECCFG_SIZE_MAX 0x100000u

const uint8_t mtkfw_seccfg_id[16] = "AND_SECCFG_v\0\0\0";
const uint8_t mtkfw_secro_id[16] = "AND_AC_REGION\0\0";

int mtkfw_seccfg_parse(mtkfw_seccfg *out, const uint8_t *buf, size_t len, const char *name)
{
	if (!out || (!buf && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_seccfg_parse: NULL argument");
	name = name ? name : "seccfg";
	memset(out, 0, sizeof(*out));
	if (len < SECCFG_HEAD)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, shorter than a SECCFG header", name, len);
	if (memcmp(buf, mtkfw_seccfg_id, 16) != 0 || mtkfw_field_get(&seccfg_fields[1], buf) != SECCFG_MAGIC)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a SECCFG partition (no AND_SECCFG_v/MMMM)", name);
	out->version = (uint32_t)mtkfw_field_get(&seccfg_fields[2], buf);
	out->size = (uint32_t)mtkfw_field_get(&seccfg_fields[3], buf);
	out->enc_offset = (uint32_t)mtkfw_field_get(&seccfg_fields[4], buf);
	out->enc_length = (uint32_t)mtkfw_field_get(&seccfg_fields[5], buf);
	out->lock_try = (uint8_t)mtkfw_field_get(&seccfg_fields[6], buf);
	out->lock_done = (uint8_t)mtkfw_field_get(&seccfg_fields[7], buf);
	out->page_size = (uint16_t)mtkfw_field_get(&seccfg_fields[8], buf);
	out->page_count = (uint32_t)mtkfw_field_get(&seccfg_fields[9], buf);
	if (out->version != 3)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: SECCFG version %u (mtkfw reads version 3, "
				    "the MT6572 one)", name, out->version);
	if (out->size < SECCFG_HEAD + 4 || out->size > SECCFG_SIZE_MAX)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: SECCFG size %u is not plausible", name, out->size);
	if (!span_ok(len, out->size - 4, 4))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, the SECCFG header says %u", name, len,
				    out->size);
	out->end_marker_ok = rd_le32(buf + out->size - 4) == SECCFG_END;
	return 0;
}

int mtkfw_seccfg_write(const mtkfw_seccfg *in, uint8_t *buf, size_t len)
{
	if (!in || !buf)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_seccfg_write: NULL argument");
	if (len < SECCFG_HEAD || in->size < SECCFG_HEAD + 4 || !span_ok(len, in->size - 4, 4))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "seccfg: buffer of %zu bytes is too small", len);
	memcpy(buf, mtkfw_seccfg_id, 16);
	mtkfw_field_put(&seccfg_fields[1], buf, SECCFG_MAGIC);
	mtkfw_field_put(&seccfg_fields[2], buf, in->version);
	mtkfw_field_put(&seccfg_fields[3], buf, in->size);
	mtkfw_field_put(&seccfg_fields[4], buf, in->enc_offset);
	mtkfw_field_put(&seccfg_fields[5], buf, in->enc_length);
	mtkfw_field_put(&seccfg_fields[6], buf, in->lock_try);
	mtkfw_field_put(&seccfg_fields[7], buf, in->lock_done);
	mtkfw_field_put(&seccfg_fields[8], buf, in->page_size);
	mtkfw_field_put(&seccfg_fields[9], buf, in->page_count);
	/* The end marker is written only where it was: a damaged one stays visible. */
	if (in->end_marker_ok)
		wr_le32(buf + in->size - 4, SECCFG_END);
	return 0;
}

int mtkfw_secro_parse(mtkfw_secro *out, const uint8_t *buf, size_t len, const char *name)
{
	if (!out || (!buf && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_secro_parse: NULL argument");
	name = name ? name : "secro";
	memset(out, 0, sizeof(*out));
	if (len < 0x44)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, shorter than a SEC_RO header", name, len);
	if (memcmp(buf, mtkfw_secro_id, 16) != 0 || memcmp(buf + 16, "HHHH", 4) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a SEC_RO partition (no AND_AC_REGION/HHHH)", name);
	for (int i = 0; i < 11; i++)
		out->header_words[i] = rd_le32(buf + 0x14 + 4 * i);
	out->body_plain = memcmp(buf + 0x40, "AAAA", 4) == 0;
	out->size = len;
	return 0;
}
