/* Fuzz the logo parser: parse, inflate each image (bounded), then rebuild from the streams and
 * parse the rebuild; counts and streams must survive. */
#include <mtkfw/image.h>

#include "image/logo_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_logo a, b;
	const uint8_t **streams;
	size_t *sizes, out_len;
	uint8_t *out;

	if (mtkfw_logo_parse(&a, data, size) != 0)
		return 0;
	for (uint32_t i = 0; i < a.count && i < 8; i++) {
		uint8_t *raw;
		size_t n;

		if (mtkfw_logo_inflate(&raw, &n, &a, data, size, i) == 0)
			free(raw);
	}
	/* Small inputs only: analysis inflates every image. */
	if (size < 8192 && mtkfw_logo_analyse(&a, data, size, 0, 0) == 0 && a.pixfmt != MTKFW_PIX_UNKNOWN) {
		uint32_t (*dims)[2] = calloc(a.count, sizeof(*dims));

		if (dims && mtkfwi_logo_infer_dims(&a, data, size, dims) == 0)
			for (uint32_t i = 0; i < a.count; i++)
				if ((uint64_t)dims[i][0] * dims[i][1] * mtkfw_pixfmt_bpp(a.pixfmt) != a.images[i].rawsize &&
				    dims[i][0])
					abort();
		free(dims);
	}
	streams = calloc(a.count, sizeof(*streams));
	sizes = calloc(a.count, sizeof(*sizes));
	if (streams && sizes) {
		for (uint32_t i = 0; i < a.count; i++) {
			streams[i] = data + MTKFW_MTKHDR_SIZE + a.images[i].offset;
			sizes[i] = a.images[i].zsize;
		}
		if (mtkfw_logo_build(&out, &out_len, streams, sizes, a.count, &a.hdr) == 0) {
			if (mtkfw_logo_parse(&b, out, out_len) != 0 || b.count != a.count)
				abort();
			for (uint32_t i = 0; i < a.count; i++)
				if (b.images[i].zsize != a.images[i].zsize ||
				    memcmp(out + MTKFW_MTKHDR_SIZE + b.images[i].offset, streams[i], sizes[i]))
					abort();
			mtkfw_logo_clear(&b);
			free(out);
		}
	}
	free(streams);
	free(sizes);
	mtkfw_logo_clear(&a);
	return 0;
}
