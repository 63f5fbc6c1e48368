/* placeholder, replaced below */
#include "image/pack.h"
#include "core/internal.h"
int pk_ramdisk_unpack(struct mtkfw_unpack_report *rep, const uint8_t *buf, size_t len, const char *dir)
{ (void)rep; (void)buf; (void)len; (void)dir; return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "ramdisk: not yet"); }
int pk_ramdisk_repack(struct mtkfw_unpack_report *rep, const json_t *m, const char *dir, const char *file)
{ (void)rep; (void)m; (void)dir; (void)file; return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "ramdisk: not yet"); }
