/* Flash journal: apply a journal to a fixed plan; when it is taken, save the plan's states and
 * apply that again: the same states and backup folder come back. */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mtkfw_flash_plan *make_plan(void)
{
	static const char *const names[] = { "PRELOADER", "ANDROID", "ANDROID", "IDENTITY" };
	static const int kinds[] = { MTKFW_STEP_WRITE, MTKFW_STEP_ERASE, MTKFW_STEP_WRITE, MTKFW_STEP_RESTORE };
	mtkfw_flash_plan *p = calloc(1, sizeof(*p));

	p->package = strdup("/pkg");
	p->mode = MTKFW_FLASH_DOWNLOAD;
	p->count = 4;
	p->steps = calloc(p->count, sizeof(*p->steps));
	for (size_t i = 0; i < p->count; i++) {
		p->steps[i].kind = kinds[i];
		snprintf(p->steps[i].name, sizeof(p->steps[i].name), "%s", names[i]);
		p->steps[i].offset = i * 0x1000;
		p->steps[i].length = 0x200;
		p->steps[i].sha256[0] = (uint8_t)i;
	}
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[64], out[64], *bk = NULL, *bk2 = NULL;
	mtkfw_flash_plan *a = make_plan(), *b = make_plan();
	FILE *f;

	snprintf(in, sizeof(in), "/tmp/fuzz_journal_in.%d", (int)getpid());
	snprintf(out, sizeof(out), "/tmp/fuzz_journal_out.%d", (int)getpid());
	f = fopen(in, "wb");
	if (f) {
		fwrite(data, 1, size, f);
		fclose(f);
		if (mtkfw_flash_journal_apply(a, in, &bk) == 0) {
			if (mtkfw_flash_journal_save(a, bk, out) != 0 || mtkfw_flash_journal_apply(b, out, &bk2) != 0) {
				fprintf(stderr, "saved journal does not apply: %s\n", mtkfw_error_last()->message);
				abort();
			}
			for (size_t i = 0; i < a->count; i++)
				if (a->steps[i].state != b->steps[i].state)
					abort();
			if ((bk == NULL) != (bk2 == NULL) || (bk && strcmp(bk, bk2)))
				abort();
		}
		unlink(in);
		unlink(out);
	}
	free(bk);
	free(bk2);
	mtkfw_flash_plan_free(a);
	mtkfw_flash_plan_free(b);
	return 0;
}
