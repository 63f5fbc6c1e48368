/*
 * A tiny scatter reader for the profile: platform, project, storage and the partition list
 * (name, file, linear start, size) from a V1.1.x YAML scatter, or names and starts from a
 * legacy "NAME 0xADDR" scatter. The layout module's full parser had not landed on main when
 * this was written; the profile should switch to it when it does.
 */
#include "core/internal.h"
#include "analysis/profile_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>

#define SCATTER_PARTS_MAX 256

/* "key: value" on this line (after leading blanks and an optional "- ")? Copies the value. */
static bool yaml_kv(const char *line, size_t n, const char *key, char *val, size_t vmax)
{
	size_t i = 0, k = strlen(key), e;

	while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '-'))
		i++;
	if (n - i <= k || memcmp(line + i, key, k) != 0 || line[i + k] != ':')
		return false;
	i += k + 1;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	e = n;
	while (e > i && isspace((unsigned char)line[e - 1]))
		e--;
	if (e - i >= vmax)
		e = i + vmax - 1;
	memcpy(val, line + i, e - i);
	val[e - i] = '\0';
	return true;
}

static int add_part(struct mtkfw_profile *p, const char *name)
{
	struct mtkfw_profile_partition *np;

	if (p->partition_count >= SCATTER_PARTS_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "scatter lists more than %d partitions", SCATTER_PARTS_MAX);
	np = mtkfw_reallocarray(p->partitions, p->partition_count + 1, sizeof(*np));
	if (!np)
		return MTKFW_ERR_NOMEM;
	p->partitions = np;
	memset(&np[p->partition_count], 0, sizeof(*np));
	np[p->partition_count].name = mtkfw_strdup(name);
	if (!np[p->partition_count].name)
		return MTKFW_ERR_NOMEM;
	p->partition_count++;
	return 0;
}

static int set_once(char **dst, const char *v)
{
	if (*dst || !*v)
		return 0;
	*dst = mtkfw_strdup(v);
	return *dst ? 0 : MTKFW_ERR_NOMEM;
}

bool profile_looks_like_scatter(const uint8_t *buf, size_t len)
{
	size_t n = len < 4096 ? len : 4096;

	if (memchr(buf, '\0', n))
		return false;
	return memmem(buf, n, "partition_name:", 15) || memmem(buf, n, "config_version:", 15) ||
	       (memmem(buf, n, "PRELOADER 0x", 12) && memmem(buf, n, "{", 1));
}

int profile_scatter_scan(struct mtkfw_profile *p, const char *text, size_t len)
{
	size_t pos = 0;
	char val[256];
	int rc = 0;

	while (pos < len && !rc) {
		const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		struct mtkfw_profile_partition *cur = p->partition_count ? &p->partitions[p->partition_count - 1] : NULL;
		unsigned long long v;

		pos += n + 1;
		if (yaml_kv(line, n, "platform", val, sizeof(val)))
			rc = set_once(&p->platform, val);
		else if (yaml_kv(line, n, "project", val, sizeof(val)))
			rc = set_once(&p->project, val);
		else if (yaml_kv(line, n, "storage", val, sizeof(val)))
			rc = set_once(&p->storage, strncmp(val, "HW_STORAGE_", 11) == 0 ? val + 11 : val);
		else if (yaml_kv(line, n, "partition_name", val, sizeof(val)))
			rc = add_part(p, val);
		else if (cur && yaml_kv(line, n, "file_name", val, sizeof(val))) {
			if (!cur->file && *val && strcmp(val, "NONE") != 0)
				rc = (cur->file = mtkfw_strdup(val)) ? 0 : MTKFW_ERR_NOMEM;
		} else if (cur && yaml_kv(line, n, "linear_start_addr", val, sizeof(val))) {
			if (sscanf(val, "%llx", &v) == 1)
				cur->linear_start = v;
		} else if (cur && yaml_kv(line, n, "partition_size", val, sizeof(val))) {
			if (sscanf(val, "%llx", &v) == 1)
				cur->size = v;
		} else if (n > 4 && n < 128 && isupper((unsigned char)line[0])) {
			/* Legacy scatter: "PRELOADER 0x0" then "{" ... "}". */
			char copy[128], name[64], tail;

			memcpy(copy, line, n);
			copy[n] = '\0';
			if (sscanf(copy, "%63[A-Za-z0-9_] 0x%llx %c", name, &v, &tail) == 2) {
				rc = add_part(p, name);
				if (!rc)
					p->partitions[p->partition_count - 1].linear_start = v;
			}
		}
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < p->partition_count; i++)
		if (strcasecmp(p->partitions[i].name, "MBR") == 0)
			p->mbr_start = p->partitions[i].linear_start;
	p->has_layout = p->partition_count > 0;
	return 0;
}
