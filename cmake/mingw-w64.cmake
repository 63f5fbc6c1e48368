# Cross build for 64-bit Windows with Debian's mingw-w64 (`make windows`, build-win/).
# MTKFW_WIN64_DEPS is the prefix scripts/windows-deps built the libraries into (it prints it).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(MTKFW_WIN64_HOST x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${MTKFW_WIN64_HOST}-gcc)
set(CMAKE_RC_COMPILER ${MTKFW_WIN64_HOST}-windres)
set(CMAKE_AR ${MTKFW_WIN64_HOST}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${MTKFW_WIN64_HOST}-ranlib CACHE FILEPATH "")

if(NOT MTKFW_WIN64_DEPS)
  set(MTKFW_WIN64_DEPS "$ENV{MTKFW_WIN64_DEPS}")
endif()
if(NOT MTKFW_WIN64_DEPS OR NOT EXISTS "${MTKFW_WIN64_DEPS}/.complete")
  message(FATAL_ERROR "MTKFW_WIN64_DEPS must name the prefix scripts/windows-deps built (got '${MTKFW_WIN64_DEPS}')")
endif()
# try_compile projects see the toolchain file again: hand them the prefix too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MTKFW_WIN64_DEPS)

set(CMAKE_FIND_ROOT_PATH /usr/${MTKFW_WIN64_HOST} ${MTKFW_WIN64_DEPS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# pkg-config reads the cross prefix alone, and with --static: every library is a static archive,
# so each one's private dependencies (liblzma under libarchive, bcrypt under libcrypto) must be
# linked too.
set(ENV{PKG_CONFIG_LIBDIR} "${MTKFW_WIN64_DEPS}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(PKG_CONFIG_ARGN --static)

# One mtkfw.exe that needs no DLL beyond Windows' own (no libgcc, no winpthread DLL), stripped
# (the build type is RelWithDebInfo, -O2 as on Linux: gcc 12's -O3 warns falsely).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -s")

# Tests that run a built program run it under Wine.
find_program(MTKFW_WINE NAMES wine wine64)
if(MTKFW_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MTKFW_WINE})
endif()
