/*
 * Board and project names, compared the fuzzy way technicians do (the library's match, the
 * claims of a phone's build.prop against its board): "ZH-A516-MB-V1.0" on the
 * PCB, "a516_row" in the scatter, "preloader_a516_row.bin", ro.product.device "A516_ALLEGROROM"
 * all say A516. Each string is cut into lowercase words at every character that is not a
 * letter or digit; the words that tell nothing (platform names, versions, "emmc", "row") are
 * dropped; what is left on both sides is the evidence.
 */
#include "core/internal.h"
#include "analysis/words.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>

/* Words every MT6572 firmware has: they say nothing about the board. */
static const char *const noise[] = {
	"alps", "android", "bin", "board", "bsp", "custom", "default", "emmc", "eng", "gsm", "img", "kernel", "main",
	"mediatek", "mtk", "nand", "phone", "preloader", "release", "row", "sample", "smartphone", "test", "user",
	"userdebug", "wcdma", "wifi", "lte", "dual", "sim",
};

static bool is_noise(const char *w, size_t n)
{
	size_t digits = 0, i;

	if (n < 3)
		return true;
	for (i = 0; i < n; i++)
		digits += isdigit((unsigned char)w[i]) != 0;
	if (digits == n)
		return true; /* dates, build numbers */
	/* mt6572, mt6582 ...: the platform is a gate, not a name */
	if (n >= 4 && w[0] == 'm' && w[1] == 't' && digits == n - 2)
		return true;
	/* v1, v10, jb3, kk: versions and Android branches */
	if (n <= 3 && digits >= 1)
		return true;
	for (i = 0; i < sizeof(noise) / sizeof(noise[0]); i++)
		if (strlen(noise[i]) == n && strncmp(noise[i], w, n) == 0)
			return true;
	return false;
}

static bool has_word(const struct words *w, const char *s)
{
	for (size_t i = 0; i < w->count; i++)
		if (strcmp(w->items[i], s) == 0)
			return true;
	return false;
}

int mtkfwi_words_add(struct words *w, const char *text)
{
	const char *p = text;

	while (p && *p) {
		char word[64];
		size_t n = 0;

		while (*p && !isalnum((unsigned char)*p))
			p++;
		while (*p && isalnum((unsigned char)*p)) {
			if (n + 1 < sizeof(word))
				word[n++] = (char)tolower((unsigned char)*p);
			p++;
		}
		word[n] = '\0';
		if (is_noise(word, n) || has_word(w, word) || w->count >= WORDS_MAX)
			continue;
		if (!(w->items[w->count] = mtkfw_strdup(word)))
			return MTKFW_ERR_NOMEM;
		w->count++;
	}
	return 0;
}

void mtkfwi_words_free(struct words *w)
{
	for (size_t i = 0; i < w->count; i++)
		free(w->items[i]);
	w->count = 0;
}

size_t mtkfwi_words_shared(const struct words *a, const struct words *b, char *list, size_t size)
{
	size_t n = 0, used = 0;

	if (size)
		list[0] = '\0';
	for (size_t i = 0; i < a->count; i++)
		if (has_word(b, a->items[i])) {
			if (used + strlen(a->items[i]) + 3 < size)
				used += (size_t)snprintf(list + used, size - used, "%s%s", n ? ", " : "", a->items[i]);
			n++;
		}
	return n;
}

int mtkfwi_words_profile(struct words *w, const struct mtkfw_profile *p)
{
	const struct mtkfw_buildprop *b = &p->build;
	int rc = mtkfwi_words_add(w, p->project);

	if (!rc && p->has_preloader && p->preloader.has_emi)
		rc = mtkfwi_words_add(w, p->preloader.emi.file_name);
	if (!rc && p->has_build) {
		const char *const v[] = { b->device, b->board, b->model, b->brand, b->display_id, b->custom_build,
					  b->fota_device };

		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]) && !rc; i++)
			rc = mtkfwi_words_add(w, v[i]);
	}
	return rc;
}
