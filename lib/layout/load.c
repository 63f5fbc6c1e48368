/* One entry for every layout source, told apart by content in a fixed order: an MBR (55 AA at
 * 510), a PMT region (PTv1/MPT1 signature), a dumchar_info ("Part_Name" header, or
 * none: rows from the first line, as MTK Droid Tools saves it), a scatter. */
#include "layout/layout_internal.h"

#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int mtkfw_layout_load(mtkfw_layout **out, const char *path, const char *ebr1, const char *ebr2)
{
	uint8_t head[MTKFW_PMT_REGION_SIZE];
	uint64_t size;
	size_t n, len;
	uint8_t *text;
	int fd, rc;

	*out = NULL;
	if ((rc = mtkfw_open_input(path, &fd, &size)) != 0)
		return rc;
	n = size < sizeof(head) ? (size_t)size : sizeof(head);
	rc = mtkfw_pread_exact(fd, head, n, 0, path);
	close(fd);
	if (rc)
		return rc;
	if (n >= 512 && head[510] == 0x55 && head[511] == 0xAA)
		return mtkfw_mbr_load(out, path, ebr1, ebr2);
	if (ebr1 || ebr2)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not an MBR, so EBR files do not apply", path);
	if (n >= 4 && (memcmp(head, "1vTP", 4) == 0 || memcmp(head, "1TPM", 4) == 0))
		return mtkfw_pmt_parse(out, head, n, path);
	if ((rc = mtkfw_read_file(path, MTKFW_SCATTER_MAX_BYTES, &text, &len)) != 0)
		return rc;
	if (mtkfwi_dumchar_header_line((const char *)text, len) >= 0 || mtkfwi_dumchar_headerless((const char *)text, len))
		rc = mtkfw_dumchar_parse(out, (const char *)text, len, path);
	else
		rc = mtkfw_scatter_parse(out, (const char *)text, len, path);
	free(text);
	return rc;
}
