/*
 * mtkfw — MediaTek MT6572 firmware toolkit. The one header a client includes.
 */
#ifndef MTKFW_H
#define MTKFW_H

#include "common.h"
#include "error.h"
#include "core.h"
#include "image.h"
#include "identify.h"

#endif
