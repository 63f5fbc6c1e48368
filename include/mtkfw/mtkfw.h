/*
 * mtkfw — MediaTek MT6572 firmware toolkit. The one header a client includes.
 */
#ifndef MTKFW_H
#define MTKFW_H

#include "common.h"
#include "error.h"
#include "core.h"
#include "compress.h"
#include "explain.h"
#include "sparse.h"
#include "ext4.h"
#include "layout.h"
#include "firmware.h"
#include "da.h"
#include "modem.h"
#include "profile.h"
#include "compat.h"
#include "claims.h"
#include "catalog.h"
#include "image.h"
#include "package.h"
#include "manifest.h"
#include "check.h"
#include "identify.h"
#include "identity.h"
#include "device.h"
#include "flash.h"
#include "port.h"
#include "jobs.h"
#include "json.h"

#endif
