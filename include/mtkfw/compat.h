/*
 * mtkfw — will this firmware work on that phone? `mtkfw compat` compares a firmware (a
 * package, a folder of parts, one part) with a target: a phone's readback, a saved profile
 * (the JSON `mtkfw profile --json` writes) or another firmware. Each classic way a cross-flash
 * goes wrong is one risk with a level, the evidence read from both sides and the remedy a
 * technician applies (../shared/specs/anchors-formats.md §C.2, §C.3).
 *
 * The flasher's pre-flight builds a struct mtkfw_target from what the phone reports (its CID,
 * the table read from it) and calls mtkfw_compat_check with the package's target.
 */
#ifndef MTKFW_COMPAT_H
#define MTKFW_COMPAT_H

#include "common.h"
#include "core.h"
#include "identity.h"
#include "layout.h"
#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Risk levels, in rising order (contracts.md). */
typedef enum mtkfw_risk_level {
	MTKFW_RISK_OK = 0,      /* the parts match */
	MTKFW_RISK_UNKNOWN = 1, /* one side lacks the data to tell */
	MTKFW_RISK_RISKY = 2,   /* works with the remedy applied, or may not work */
	MTKFW_RISK_UNSAFE = 3,  /* predicts a dead phone or a refused flash */
} mtkfw_risk_level;

/* Verdicts: the level that decides it. */
typedef enum mtkfw_verdict {
	MTKFW_VERDICT_SAFE = 0,
	MTKFW_VERDICT_RISKY = 1,
	MTKFW_VERDICT_UNSAFE = 3, /* the number is the exit code the CLI returns */
} mtkfw_verdict;

struct mtkfw_risk {
	const char *code; /* "dram", "display", "touch", "camera", "radio", "layout", "storage",
			     "platform", "kernel", "identity" (static strings) */
	int level;        /* mtkfw_risk_level */
	char *evidence;   /* one line: what each side has */
	char *remedy;     /* one line; NULL when the level is ok */
};

struct mtkfw_compat {
	struct mtkfw_risk *risks; /* one per code, in the order above */
	size_t count;
	int verdict;              /* mtkfw_verdict */
};

/* One identity file of a readback, checked (identity.h: MACs shown, IMEI records only counted
 * by their checksum state — mtkfw never decodes or makes an IMEI). */
struct mtkfw_identity_check {
	char *path;                 /* under the readback folder */
	int kind;                   /* mtkfw_identity_kind: WIFI, BT_ADDR or IMEI */
	bool valid;                 /* parsed */
	uint8_t addr[6];            /* Wi-Fi MAC (file offset 4) or BT address */
	bool addr_set;              /* not all 00 / all FF */
	unsigned imei_present, imei_empty, imei_invalid;
	char *problem;              /* why it did not parse; NULL when valid */
};

/* What is known about one side. A firmware fills `profile`; a phone adds its
 * CID, the table read from it, the panel its lk chose and its identity files. */
struct mtkfw_target {
	char *path;                      /* what was loaded (for messages) */
	char *dir;                       /* the folder its scatter's files are in */
	bool readback;                   /* a phone's data (its table, CID or identity seen) */
	struct mtkfw_profile profile;    /* parts: preloader/EMI, lk, kernel, build, logo, scatter */
	mtkfw_layout *table;             /* the phone's MBR/EBR or PMT; NULL when none */
	bool has_cid;
	uint8_t cid[16];                 /* the card's order: manufacturer id first */
	uint64_t user_size;              /* eMMC user area bytes; 0 when unknown */
	/* The hardware as the phone itself reported it (device.json or a readback's manifest): the
	 * SoC, and the DRAM the DA set up. A build.prop may claim otherwise (a relabelled clone);
	 * profile.platform is the chip when one is known. */
	char *chip;                      /* "MT6572"; NULL when unknown */
	uint64_t ram_size;               /* 0 when unknown */
	char *lcm;                       /* the panel from lcm= on a cmdline, "N-" removed */
	struct mtkfw_identity_check *identity; /* Wi-Fi, BT and IMEI files found in a readback */
	size_t identity_count;
};

/*
 * Load one side from `path`: a folder (a scatter package, a readback folder with partition
 * dumps named any way, boot1.img/user.img, MBR/EBR1/EBR2, a PMT region, `cid`, `device.json`,
 * `cmdline`), a saved profile (JSON), a full user-area dump (MBR at 0, PMT 1 MiB below the
 * end; read by range) or a single firmware part. Nothing recognisable is MTKFW_ERR_NOTFOUND
 * (folders) or MTKFW_ERR_FORMAT (files).
 */
MTKFW_API int mtkfw_target_load(struct mtkfw_target *out, const char *path, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_target_clear(struct mtkfw_target *t);

/* Parse a CID written as 32 hex digits (spaces, colons and a 0x prefix allowed). */
MTKFW_API int mtkfw_cid_parse(uint8_t cid[16], const char *text, size_t len);

/* Compare firmware `fw` with target `phone`: every risk, then the verdict. */
MTKFW_API int mtkfw_compat_check(struct mtkfw_compat *out, const struct mtkfw_target *fw,
				 const struct mtkfw_target *phone);
MTKFW_API void mtkfw_compat_clear(struct mtkfw_compat *c);

/* "ok", "unknown", "risky", "unsafe"; "safe", "risky", "unsafe". */
MTKFW_API const char *mtkfw_risk_level_name(int level);
MTKFW_API const char *mtkfw_verdict_name(int verdict);
/* Their values; -1 for another word. */
MTKFW_API int mtkfw_risk_level_parse(const char *word);
MTKFW_API int mtkfw_verdict_parse(const char *word);

/* ---- saved profiles (lib/analysis/profile_json.c) ---- */

/* The profile as the JSON document `mtkfw profile --json` writes (malloc'd, NUL-terminated). */
MTKFW_API int mtkfw_profile_to_json(char **out, const struct mtkfw_profile *p, const char *input);
/* The same document with what a phone's readback adds ("readback": {cid, maker, user_size,
 * chip, ram_size, table, lcm, identity}, or null for a firmware) and its build.prop's claims
 * against the hardware ("claims": [{field, claimed, found, agrees}], "claims_summary": the one
 * line when it is a relabelled clone, else null; claims.h): what `mtkfw profile --json`
 * writes. */
MTKFW_API int mtkfw_target_to_json(char **out, const struct mtkfw_target *t, const char *input);
/* Load one side from such a document in memory (what mtkfw_target_load does for a .json file):
 * the profile, and a phone's CID, panel and user-area size where the document has them. */
MTKFW_API int mtkfw_target_from_json(struct mtkfw_target *out, const char *text, size_t len, const char *name);
/* Parse such a document back into the struct. Unknown keys are ignored; wrong types, bad hex
 * and absurd counts are MTKFW_ERR_FORMAT / MTKFW_ERR_LIMIT. */
MTKFW_API int mtkfw_profile_from_json(struct mtkfw_profile *out, const char *text, size_t len,
				      const char *name);

#ifdef __cplusplus
}
#endif
#endif
