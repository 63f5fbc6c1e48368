/*
 * What the phone really is (claims.h): build.prop's claims beside the hardware. The RAM a
 * phone has is the DRAM the DA set up, or else the size of its own preloader's EMI entry for
 * its eMMC (the table the phone boots with names its chips); its storage is the eMMC's user
 * area. Sizes agree within a quarter (RAM) or when the user area is what a card of the claimed
 * size leaves after its boot partitions (storage: 80 to 110 % of the claim, in the makers'
 * decimal gigabytes).
 */
#include "core/internal.h"
#include "analysis/words.h"

#include <mtkfw/claims.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>

int mtkfw_claims_parse_size(const char *text, bool binary, uint64_t *out)
{
	const char *p = text;
	double v = 0, frac = 0.1;
	uint64_t unit;
	bool digits = false;

	*out = 0;
	while (p && (*p == ' ' || *p == '\t'))
		p++;
	for (; p && isdigit((unsigned char)*p); p++, digits = true)
		v = v * 10 + (*p - '0');
	if (p && *p == '.')
		for (p++; isdigit((unsigned char)*p); p++, frac /= 10, digits = true)
			v += (*p - '0') * frac;
	while (p && (*p == ' ' || *p == '\t'))
		p++;
	if (!p || !digits || v <= 0 || v > 1e6)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "'%s' is not a size", text ? text : "");
	switch (tolower((unsigned char)*p)) {
	case 't': unit = binary ? 1ull << 40 : 1000000000000ull; break;
	case 'g': unit = binary ? 1ull << 30 : 1000000000ull; break;
	case 'm': unit = binary ? 1ull << 20 : 1000000ull; break;
	case 'k': unit = binary ? 1ull << 10 : 1000ull; break;
	default: return mtkfw_seterr(MTKFW_ERR_FORMAT, "'%s' is not a size (no K, M, G or T)", text);
	}
	p++;
	if (*p == 'i' || *p == 'I')
		p++;
	if (*p == 'b' || *p == 'B')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "'%s' is not a size", text);
	*out = (uint64_t)(v * (double)unit);
	return 0;
}

static void size_words(char *buf, size_t n, uint64_t v)
{
	if (v >= (1ull << 30) && v % (1ull << 30) == 0)
		snprintf(buf, n, "%llu GiB", (unsigned long long)(v >> 30));
	else if (v >= (1ull << 30))
		snprintf(buf, n, "%.1f GiB", (double)v / (1ull << 30));
	else
		snprintf(buf, n, "%llu MiB", (unsigned long long)(v >> 20));
}

static int add(struct mtkfw_claims *c, const char *field, const char *claimed, const char *found, bool agrees)
{
	struct mtkfw_claim *n = mtkfw_reallocarray(c->items, c->count + 1, sizeof(*n));

	if (!n)
		return MTKFW_ERR_NOMEM;
	c->items = n;
	n = &n[c->count];
	n->field = field;
	n->claimed = mtkfw_strdup(claimed);
	n->found = mtkfw_strdup(found);
	n->agrees = agrees;
	if (!n->claimed || !n->found) {
		free(n->claimed);
		free(n->found);
		return MTKFW_ERR_NOMEM;
	}
	c->count++;
	return 0;
}

/* The phone's own EMI entry for its eMMC: the DRAM its board carries. */
static uint64_t dram_of(const struct mtkfw_target *t)
{
	const struct mtkfw_preloader *pl = &t->profile.preloader;
	struct mtkfw_emi_match m;

	if (t->ram_size)
		return t->ram_size;
	if (!t->has_cid || !t->profile.has_preloader || !pl->has_emi || !pl->emi.entries)
		return 0;
	if (mtkfw_emi_match_cid(&m, &pl->emi, t->cid) != 0 || m.index < 0)
		return 0;
	return pl->emi.entries[m.index].dram_size;
}

/* The board's own names: the scatter's project and the preloader's (EMI file name). */
static int board_names(const struct mtkfw_profile *p, struct words *w, char *text, size_t n)
{
	const char *project = p->has_layout && p->layout && p->layout->project ? p->layout->project : NULL;
	const char *pl = p->has_preloader && p->preloader.has_emi && p->preloader.emi.file_name[0]
				 ? p->preloader.emi.file_name
				 : NULL;
	int rc = mtkfwi_words_add(w, project);

	if (!rc)
		rc = mtkfwi_words_add(w, pl);
	snprintf(text, n, "%s%s%s", project ? project : "", project && pl ? ", " : "", pl ? pl : "");
	return rc;
}

int mtkfw_claims_check(struct mtkfw_claims *out, const struct mtkfw_target *t)
{
	const struct mtkfw_buildprop *b = t->profile.has_build ? &t->profile.build : NULL;
	char claimed_text[256] = "", found_text[256] = "", buf[64], names[200];
	size_t cu = 0, fu = 0;
	struct words claim = { { 0 }, 0 }, board = { { 0 }, 0 };
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!b)
		return 0;
	/* platform: ro.mediatek.platform, else ro.board.platform, against the chip */
	{
		const char *cp = b->platform && *b->platform ? b->platform : b->board_platform;

		if (cp && *cp && t->chip) {
			bool ok = strcasecmp(cp, t->chip) == 0;

			rc = add(out, "platform", cp, t->chip, ok);
			if (!rc && !ok) {
				cu += (size_t)snprintf(claimed_text + cu, sizeof(claimed_text) - cu, "%s", cp);
				fu += (size_t)snprintf(found_text + fu, sizeof(found_text) - fu, "%s", t->chip);
			}
		}
	}
	/* RAM: binary gigabytes, within a quarter */
	if (!rc && b->ram) {
		uint64_t claimed = 0, found = dram_of(t);

		if (found && mtkfw_claims_parse_size(b->ram, true, &claimed) == 0) {
			bool ok = claimed <= found + found / 4 && claimed + found / 4 >= found;

			size_words(buf, sizeof(buf), found);
			rc = add(out, "ram", b->ram, buf, ok);
			if (!rc && !ok) {
				cu += (size_t)snprintf(claimed_text + cu, sizeof(claimed_text) - cu, "%s%s RAM", cu ? ", " : "", b->ram);
				fu += (size_t)snprintf(found_text + fu, sizeof(found_text) - fu, "%s%s RAM", fu ? " with " : "", buf);
			}
		}
	}
	/* storage: the makers' decimal gigabytes; a user area is 80-110 % of the card */
	if (!rc && b->rom && t->user_size && cu < sizeof(claimed_text) && fu < sizeof(found_text)) {
		uint64_t claimed = 0;

		if (mtkfw_claims_parse_size(b->rom, false, &claimed) == 0) {
			bool ok = t->user_size >= claimed / 10 * 8 && t->user_size <= claimed / 10 * 11;

			size_words(buf, sizeof(buf), t->user_size);
			rc = add(out, "storage", b->rom, buf, ok);
			if (!rc && !ok && cu < sizeof(claimed_text) && fu < sizeof(found_text)) {
				cu += (size_t)snprintf(claimed_text + cu, sizeof(claimed_text) - cu, "%s%s storage",
						       cu ? ", " : "", b->rom);
				fu += (size_t)snprintf(found_text + fu, sizeof(found_text) - fu, "%s%s of storage",
						       fu ? " and " : "", buf);
			}
		}
	}
	/* brand and model against the board's names: told, never decisive (an honest brand's
	 * model often is not in its ODM's project name) */
	if (!rc && (b->model || b->brand)) {
		char said[160];

		snprintf(said, sizeof(said), "%s%s%s", b->brand ? b->brand : "", b->brand && b->model ? " " : "",
			 b->model ? b->model : "");
		rc = board_names(&t->profile, &board, names, sizeof(names));
		if (!rc)
			rc = mtkfwi_words_add(&claim, b->brand);
		if (!rc)
			rc = mtkfwi_words_add(&claim, b->model);
		if (!rc)
			rc = mtkfwi_words_add(&claim, b->device);
		if (!rc && board.count && claim.count) {
			char shared[128];

			rc = add(out, "model", said, names, mtkfwi_words_shared(&claim, &board, shared, sizeof(shared)) > 0);
		}
	}
	mtkfwi_words_free(&claim);
	mtkfwi_words_free(&board);
	if (!rc && cu) {
		out->clone = true;
		if (asprintf(&out->summary, "About Phone claims %s; the hardware is %s: a relabelled clone, match by the hardware",
			     claimed_text, found_text) < 0) {
			out->summary = NULL;
			rc = mtkfw_nomem();
		}
	}
	if (rc)
		mtkfw_claims_clear(out);
	return rc;
}

void mtkfw_claims_clear(struct mtkfw_claims *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->count; i++) {
		free(c->items[i].claimed);
		free(c->items[i].found);
	}
	free(c->items);
	free(c->summary);
	memset(c, 0, sizeof(*c));
}
