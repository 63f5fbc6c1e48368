/*
 * mtkfw — the baseband (modem) build of MT6571/MT6572-era firmware (../shared/specs/modem.md).
 * The modem build carries the board's RF configuration, and the phone's NVRAM calibration is
 * made for it: another board's modem boots without an error and leaves the radio dead. So the
 * build is a board fingerprint. It is read from:
 *  - the modem image (/etc/firmware/modem_1_wg_n.img ...): no header at its start, an identity
 *    trailer at its end (project, flavor, verno, then the CHECK_HEADER record), read by range;
 *  - the mddb files beside it in /etc/mddb: DbgInfo_* (magic CATI, then strings) and
 *    BPLGUInfo* (magic CATD, opaque: its file name names the build);
 *  - a stub: a short text file (or a symbolic link) some vendors leave in /etc/firmware, naming
 *    where the real modem lives (TCL: /custpack/modem/...). A stub is not a modem.
 * One struct holds what any of them tells; the models are read-only for callers.
 */
#ifndef MTKFW_MODEM_H
#define MTKFW_MODEM_H

#include "common.h"
#include "ext4.h"
#include "firmware.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mtkfw_modem_kind {
	MTKFW_MODEM_IMAGE = 0,   /* a modem image: identity from its trailer */
	MTKFW_MODEM_STUB = 1,    /* a text stub or a symbolic link naming the real modem (`target`) */
	MTKFW_MODEM_DBGINFO = 2, /* mddb DbgInfo_* (CATI): identity from its strings */
	MTKFW_MODEM_MDDB = 3,    /* mddb BPLGUInfo* (CATD): identity from its file name */
} mtkfw_modem_kind;

/* The check header's image types (also the `_1_<type>_n` suffix of file names). */
typedef enum mtkfw_modem_type {
	MTKFW_MODEM_TYPE_UNKNOWN = 0,
	MTKFW_MODEM_TYPE_2G = 1,
	MTKFW_MODEM_TYPE_3G = 2,
	MTKFW_MODEM_TYPE_WG = 3,  /* 2G + WCDMA */
	MTKFW_MODEM_TYPE_TG = 4,  /* 2G + TD-SCDMA */
	MTKFW_MODEM_TYPE_LWG = 5,
	MTKFW_MODEM_TYPE_LTG = 6,
} mtkfw_modem_type;

enum {
	MTKFW_MODEM_IDENTITY = 228,      /* project (128), flavor (36), verno (64) before CHECK_HEADER */
	MTKFW_MODEM_HEADER_V2 = 188,     /* the check header's size S in MT6572-era modems */
	MTKFW_MODEM_HEADER_MAX = 1024,   /* a larger S is not a modem (the word is bounded) */
	MTKFW_MODEM_TRAILER_MAX = MTKFW_MODEM_IDENTITY + MTKFW_MODEM_HEADER_MAX,
	MTKFW_MODEM_STUB_MAX = 256,      /* a stub is one path; a bigger text file is not one */
	MTKFW_MODEM_MDDB_MAX = 64,       /* names kept from /etc/mddb */
};

/* The largest modem image whose body is searched for its version record (MT6572 modems are
 * 2-16 MiB); bigger ones are identified from the trailer alone. */
#define MTKFW_MODEM_SCAN_MAX (64u << 20)

struct mtkfw_modem {
	mtkfw_modem_kind kind;
	char *file;             /* where it was read: a path, or "system.img:/etc/firmware/modem_1_wg_n.img" */
	uint64_t file_size;
	/* Identity; "" when the source does not tell. Bytes other than printable ASCII read as '?'. */
	char project[129];      /* HEXING72_CWET_KK_GPRS */
	char flavor[37];        /* DEFAULT */
	char verno[65];         /* MOLY.WR8.W1315.MD.WG.MP.V47 */
	char platform[17];      /* MT6572_S00 (a 2G build may say MT6571_S00 on an MT6572 board) */
	char build_time[65];    /* 2017/09/20 22:17 */
	char build_version[65]; /* often empty */
	char branch[65];        /* DbgInfo: WR8.W1315.MD.WG.MP */
	/* The version the image's own version record names before "<branch> <project>": the
	 * vendor's number when it set one (V530.P02A.V01), from which the mddb file names are
	 * made; "" when the record was not found. */
	char custom_verno[65];
	uint32_t image_type;      /* mtkfw_modem_type; also from a file name's suffix */
	/* The check header (kind IMAGE). */
	uint32_t header_version;  /* 2 */
	uint32_t product_version; /* 1 debug, 2 release */
	uint8_t bind_sys_id, ext_attr;
	uint32_t mem_size;        /* memory the modem needs (0x600000) */
	uint32_t image_size;      /* the image's size as the header gives it */
	uint32_t reserved_info;
	uint32_t header_size;     /* S, the check header's size (188) */
	uint8_t trailer[MTKFW_MODEM_TRAILER_MAX]; /* the trailer as stored, so it writes back unchanged */
	size_t trailer_len;       /* MTKFW_MODEM_IDENTITY + header_size */
	char *target;             /* kind STUB: the path it names */
	struct mtkfw_names mddb;  /* the names in /etc/mddb beside it (sorted); empty for a file alone */
};

/*
 * Parse the identity trailer from `tail`, the last `len` bytes of a file of `file_size` bytes
 * (len <= file_size; the whole trailer needs at most MTKFW_MODEM_TRAILER_MAX). Not a modem
 * (no CHECK_HEADER where the last word points, or that word out of 188..1024) is
 * MTKFW_ERR_FORMAT; a file too short for the trailer it announces is MTKFW_ERR_TRUNCATED.
 */
MTKFW_API int mtkfw_modem_parse_trailer(struct mtkfw_modem *out, const uint8_t *tail, size_t len,
					uint64_t file_size, const char *name);
/*
 * Write the trailer of `m` (MTKFW_MODEM_IDENTITY + header_size bytes, header_size 0 meaning
 * 188) into `out` of `cap` bytes. It starts from m->trailer when that holds a trailer of this
 * size, so a parsed trailer writes back byte-identical; the fields are written over it.
 */
MTKFW_API int mtkfw_modem_write_trailer(uint8_t *out, size_t cap, size_t *len, const struct mtkfw_modem *m);

/* A DbgInfo file's head (CATI, 1, 0, then "<branch> <PROJECT>", platform, verno, build time). */
MTKFW_API int mtkfw_modem_parse_dbginfo(struct mtkfw_modem *out, const uint8_t *buf, size_t len, const char *name);
/* A stub: up to MTKFW_MODEM_STUB_MAX bytes of text holding one absolute path to a modem*.img. */
MTKFW_API int mtkfw_modem_parse_stub(struct mtkfw_modem *out, const uint8_t *buf, size_t len, const char *name);
/* What a BPLGUInfo file's name tells (`base`, the name without folders):
 * BPLGUInfoCustomApp[SrcP]_<platform>_<verno with '_' for '.'>[_1_<type>_n]. FORMAT when the
 * name is not one. */
MTKFW_API int mtkfw_modem_parse_mddb_name(struct mtkfw_modem *out, const char *base);

/*
 * Identify one file: a modem image (trailer, and the version record when the image is at most
 * MTKFW_MODEM_SCAN_MAX bytes), a stub, a DbgInfo or a BPLGUInfo file (CATD, named as above).
 * Read by range: an image is never loaded whole. None of these is MTKFW_ERR_FORMAT.
 */
MTKFW_API int mtkfw_modem_open(struct mtkfw_modem *out, const char *path);

/*
 * The modem a system partition carries, as the kernel looks for it: /custom/etc/firmware, then
 * /etc/firmware, each tried for modem_1_wg_n_E1.img, modem_1_wg_n.img, the 2g and tg names,
 * then modem.img; and the names in /etc/mddb. A symbolic link or a text stub is a STUB. `label`
 * names the image in `file` ("system.img" gives "system.img:/etc/firmware/modem_1_wg_n.img").
 * No modem there is MTKFW_ERR_NOTFOUND; a modem file that is none of the above, FORMAT.
 */
MTKFW_API int mtkfw_modem_find(struct mtkfw_modem *out, mtkfw_ext4 *fs, const char *label);

/* How an mddb file name relates to a modem. */
typedef enum mtkfw_modem_naming {
	MTKFW_MODEM_NAMES_OTHER = 0, /* names another build */
	MTKFW_MODEM_NAMES_IT = 1,    /* names this modem's build */
	MTKFW_MODEM_NAMES_NONE = 2,  /* not a DbgInfo/BPLGUInfo name: tells nothing */
} mtkfw_modem_naming;
/* "other", "it", "none"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_modem_naming_name(int naming);
MTKFW_API int mtkfw_modem_naming_parse(const char *word);
/* Does mddb file `base` (DbgInfo_* or BPLGUInfo*) name modem `m` (kind IMAGE)? A DbgInfo name
 * carries project, verno and build time; a BPLGUInfo name platform and verno (or custom_verno);
 * '.' and '_' compare equal, case is ignored. */
MTKFW_API mtkfw_modem_naming mtkfw_modem_names(const struct mtkfw_modem *m, const char *base);

/* "2G", "3G", "WG", "TG", "LWG", "LTG", or NULL; "image", "stub", "dbginfo", "mddb". */
MTKFW_API const char *mtkfw_modem_type_name(uint32_t type);
MTKFW_API const char *mtkfw_modem_kind_name(mtkfw_modem_kind kind);
/* Their values; -1 for another word. */
MTKFW_API int mtkfw_modem_type_parse(const char *word);
MTKFW_API int mtkfw_modem_kind_parse(const char *word);

/* The modem as the JSON object `info` and `profile` write (contracts.md: file, project, flavor,
 * verno, platform, type, build_time; mddb), malloc'd text. */
MTKFW_API int mtkfw_modem_to_json(char **out, const struct mtkfw_modem *m);

MTKFW_API void mtkfw_modem_clear(struct mtkfw_modem *m);

#ifdef __cplusplus
}
#endif
#endif
