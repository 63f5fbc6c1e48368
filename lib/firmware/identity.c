/*
 * Identity data in NVRAM files: Wi-Fi MAC, Bluetooth address, IMEI record checksums; and
 * content detection for all identity files (see include/mtkfw/identity.h). Layouts:
 * ../shared/specs/anchors-formats.md §B.9.
 */
#include "core/bytes.h"
#include "core/fields.h"
#include "core/internal.h"
#include "firmware/identity_internal.h"

#include <mtkfw/identity.h>

/* WIFI_CFG_PARAM_STRUCT: the part mtkfw reads. */
static const struct mtkfw_field wifi_fields[] = {
	{ "own_version", 0, 2, MTKFW_F_LE },
	{ "peer_version", 2, 2, MTKFW_F_LE },
	{ "mac", 4, 6, MTKFW_F_BYTES },
	{ "country", 10, 2, MTKFW_F_BYTES },
};
#define WIFI_HEAD 12

/* ap_nvram_btradio_struct: the address is its first field. */
static const struct mtkfw_field bt_fields[] = {
	{ "addr", 0, 6, MTKFW_F_BYTES },
};

/* Versions of the Wi-Fi struct are small numbers (0x0104 on MT6572); an upper bound keeps
 * detection from taking any 514-byte file for a Wi-Fi record. */
#define WIFI_VERSION_MAX 0x0FFF

const char *mtkfw_identity_kind_name(mtkfw_identity_kind kind)
{
	switch (kind) {
	case MTKFW_IDENTITY_WIFI: return "wifi";
	case MTKFW_IDENTITY_BT_ADDR: return "bt_addr";
	case MTKFW_IDENTITY_IMEI: return "imei";
	case MTKFW_IDENTITY_SECCFG: return "seccfg";
	case MTKFW_IDENTITY_SECRO: return "secro";
	default: return "unknown";
	}
}

int mtkfw_identity_kind_parse(const char *word)
{
	for (int v = MTKFW_IDENTITY_UNKNOWN; word && v <= MTKFW_IDENTITY_SECRO; v++) {
		const char *w = mtkfw_identity_kind_name((mtkfw_identity_kind)v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

const char *mtkfw_imei_slot_name(mtkfw_imei_slot s)
{
	switch (s) {
	case MTKFW_IMEI_PRESENT: return "present";
	case MTKFW_IMEI_EMPTY: return "empty";
	default: return "invalid";
	}
}

int mtkfw_imei_slot_parse(const char *word)
{
	for (int v = MTKFW_IMEI_PRESENT; word && v <= MTKFW_IMEI_INVALID; v++) {
		const char *w = mtkfw_imei_slot_name((mtkfw_imei_slot)v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

static bool addr_set(const uint8_t *a)
{
	static const uint8_t zero[6], ff[6] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

	return memcmp(a, zero, 6) != 0 && memcmp(a, ff, 6) != 0;
}

int mtkfw_wifi_nvram_parse(mtkfw_wifi_nvram *out, const uint8_t *buf, size_t len, const char *name)
{
	if (!out || (!buf && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_wifi_nvram_parse: NULL argument");
	name = name ? name : "WIFI";
	memset(out, 0, sizeof(*out));
	if (len < WIFI_HEAD)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, a Wi-Fi NVRAM record has at least %d",
				    name, len, WIFI_HEAD);
	if (len > 64 * 1024)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %zu bytes is too big for a Wi-Fi NVRAM record", name, len);
	out->own_version = (uint16_t)mtkfw_field_get(&wifi_fields[0], buf);
	out->peer_version = (uint16_t)mtkfw_field_get(&wifi_fields[1], buf);
	memcpy(out->mac, buf + wifi_fields[2].offset, 6);
	for (int i = 0; i < 2; i++) {
		uint8_t c = buf[wifi_fields[3].offset + i];

		/* A country code is two ASCII letters; anything else is reported as unset. */
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
			out->country[0] = '\0';
			break;
		}
		out->country[i] = (char)c;
	}
	out->mac_set = addr_set(out->mac);
	out->mac_unicast = !(out->mac[0] & 1);
	out->size = len;
	return 0;
}

int mtkfw_wifi_nvram_write(const mtkfw_wifi_nvram *in, uint8_t *buf, size_t len)
{
	if (!in || !buf)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_wifi_nvram_write: NULL argument");
	if (len < WIFI_HEAD)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "WIFI: buffer of %zu bytes is too small", len);
	mtkfw_field_put(&wifi_fields[0], buf, in->own_version);
	mtkfw_field_put(&wifi_fields[1], buf, in->peer_version);
	memcpy(buf + wifi_fields[2].offset, in->mac, 6);
	/* The country is written back only when it was two letters, so unset bytes stay as read. */
	if (in->country[0] && in->country[1])
		memcpy(buf + wifi_fields[3].offset, in->country, 2);
	return 0;
}

int mtkfw_bt_nvram_parse(mtkfw_bt_nvram *out, const uint8_t *buf, size_t len, const char *name)
{
	if (!out || (!buf && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_bt_nvram_parse: NULL argument");
	name = name ? name : "BT_Addr";
	memset(out, 0, sizeof(*out));
	if (len < 6)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, a Bluetooth NVRAM record has at least 6",
				    name, len);
	if (len > 64 * 1024)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %zu bytes is too big for a Bluetooth NVRAM record", name, len);
	memcpy(out->addr, buf + bt_fields[0].offset, 6);
	out->addr_set = addr_set(out->addr);
	out->size = len;
	return 0;
}

int mtkfw_bt_nvram_write(const mtkfw_bt_nvram *in, uint8_t *buf, size_t len)
{
	if (!in || !buf)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_bt_nvram_write: NULL argument");
	if (len < 6)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "BT_Addr: buffer of %zu bytes is too small", len);
	memcpy(buf + bt_fields[0].offset, in->addr, 6);
	return 0;
}

/* The two additive checksum bytes over the scrambled bytes (spec §B.9, verified on real files). */
static bool imei_checksum_ok(const uint8_t *r)
{
	unsigned even = 0, odd = 0;

	for (int i = 0; i < 10; i += 2) {
		even += r[i];
		odd += r[i + 1];
	}
	return r[10] == (uint8_t)even && r[11] == (uint8_t)odd;
}

static bool all_bytes(const uint8_t *r, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (r[i] != v)
			return false;
	return true;
}

int mtkfw_imei_file_parse(mtkfw_imei_file *out, const uint8_t *buf, size_t len, const char *name)
{
	if (!out || (!buf && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_imei_file_parse: NULL argument");
	name = name ? name : "MP0B_001";
	memset(out, 0, sizeof(*out));
	if (len != MTKFW_IMEI_FILE_SIZE)
		return mtkfw_seterr(len < MTKFW_IMEI_FILE_SIZE ? MTKFW_ERR_TRUNCATED : MTKFW_ERR_FORMAT,
				    "%s: %zu bytes; an IMEI record file has %d (10 records of 12)", name, len,
				    MTKFW_IMEI_FILE_SIZE);
	for (int i = 0; i < MTKFW_IMEI_RECORDS; i++) {
		mtkfw_imei_record *r = &out->records[i];

		memcpy(r->raw, buf + i * MTKFW_IMEI_RECORD_SIZE, MTKFW_IMEI_RECORD_SIZE);
		r->checksum_ok = imei_checksum_ok(r->raw);
	}
	for (int i = 0; i < MTKFW_IMEI_RECORDS; i++) {
		mtkfw_imei_record *r = &out->records[i];

		for (int j = 0; j < MTKFW_IMEI_RECORDS; j++)
			r->copies += memcmp(r->raw, out->records[j].raw, MTKFW_IMEI_RECORD_SIZE) == 0;
		/* Unused slots hold one filler (the scrambled form of "no IMEI"), repeated in every
		 * unused slot; a phone has at most a few SIMs, and two SIMs sharing an IMEI is the
		 * most a real pair can repeat, so 3 or more copies are filler. */
		if (all_bytes(r->raw, MTKFW_IMEI_RECORD_SIZE, 0x00) || all_bytes(r->raw, MTKFW_IMEI_RECORD_SIZE, 0xFF))
			r->state = MTKFW_IMEI_EMPTY;
		else if (!r->checksum_ok)
			r->state = MTKFW_IMEI_INVALID;
		else if (r->copies >= 3)
			r->state = MTKFW_IMEI_EMPTY;
		else
			r->state = MTKFW_IMEI_PRESENT;
		out->present += r->state == MTKFW_IMEI_PRESENT;
		out->empty += r->state == MTKFW_IMEI_EMPTY;
		out->invalid += r->state == MTKFW_IMEI_INVALID;
	}
	return 0;
}

int mtkfw_imei_file_write(const mtkfw_imei_file *in, uint8_t out[MTKFW_IMEI_FILE_SIZE])
{
	if (!in || !out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_imei_file_write: NULL argument");
	for (int i = 0; i < MTKFW_IMEI_RECORDS; i++)
		memcpy(out + i * MTKFW_IMEI_RECORD_SIZE, in->records[i].raw, MTKFW_IMEI_RECORD_SIZE);
	return 0;
}

mtkfw_identity_kind mtkfw_identity_detect(const uint8_t *head, size_t head_len, uint64_t file_size)
{
	if (!head || head_len > file_size)
		return MTKFW_IDENTITY_UNKNOWN;
	if (head_len >= 0x18 && !memcmp(head, mtkfw_seccfg_id, 16) && !memcmp(head + 16, "MMMM", 4))
		return MTKFW_IDENTITY_SECCFG;
	if (head_len >= 0x18 && !memcmp(head, mtkfw_secro_id, 16) && !memcmp(head + 16, "HHHH", 4))
		return MTKFW_IDENTITY_SECRO;
	/* The NVRAM files have no magic: their fixed sizes and checks are what tells them apart. */
	if (file_size == MTKFW_IMEI_FILE_SIZE && head_len == file_size) {
		mtkfw_imei_file f;

		/* At least one record with right checksums that is not all zeros (zeros pass the
		 * sums trivially), and no more damaged records than good ones. */
		if (mtkfw_imei_file_parse(&f, head, head_len, NULL) == 0) {
			unsigned good = 0;

			for (int i = 0; i < MTKFW_IMEI_RECORDS; i++)
				good += f.records[i].checksum_ok &&
					!all_bytes(f.records[i].raw, MTKFW_IMEI_RECORD_SIZE, 0);
			if (good >= 1 && f.invalid <= good)
				return MTKFW_IDENTITY_IMEI;
		}
		return MTKFW_IDENTITY_UNKNOWN;
	}
	if (file_size == MTKFW_WIFI_NVRAM_SIZE && head_len == file_size) {
		uint16_t own = rd_le16(head), peer = rd_le16(head + 2);

		if (own && own <= WIFI_VERSION_MAX && peer <= WIFI_VERSION_MAX)
			return MTKFW_IDENTITY_WIFI;
		return MTKFW_IDENTITY_UNKNOWN;
	}
	if (file_size == MTKFW_BT_NVRAM_SIZE && head_len == file_size) {
		/* Only the size and a set address to go on: a weak signal, so a multicast first
		 * byte (never a device address) rules it out. */
		if (addr_set(head) && !(head[0] & 1))
			return MTKFW_IDENTITY_BT_ADDR;
	}
	return MTKFW_IDENTITY_UNKNOWN;
}
