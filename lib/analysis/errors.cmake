# Embed data/errors.txt (the error catalogue, the one source of truth) in the library as a byte
# array, so the catalogue stays a readable data file and no script language runs at build time.
# lib/analysis/errors_catalogue.c parses it once at run time; a change to the file re-runs CMake.
set(MTKFW_ERRORS_SRC ${CMAKE_SOURCE_DIR}/data/errors.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${MTKFW_ERRORS_SRC})
file(READ ${MTKFW_ERRORS_SRC} _mtkfw_errors_hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _mtkfw_errors_hex "${_mtkfw_errors_hex}")
# Break the array into lines of 16 bytes so the generated header stays readable in a debugger.
string(REGEX REPLACE "((0x..,){16})" "\\1\n" _mtkfw_errors_hex "${_mtkfw_errors_hex}")
file(WRITE ${CMAKE_BINARY_DIR}/gen/errors_data.h.tmp
  "/* Generated from data/errors.txt by lib/analysis/errors.cmake; do not edit. */\n"
  "static const unsigned char mtkfw_errors_data[] = {\n${_mtkfw_errors_hex}\n};\n")
# Rewrite only on change, so an unrelated reconfigure does not rebuild the library.
configure_file(${CMAKE_BINARY_DIR}/gen/errors_data.h.tmp ${CMAKE_BINARY_DIR}/gen/errors_data.h COPYONLY)
unset(_mtkfw_errors_hex)
