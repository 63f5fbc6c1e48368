# Embed data/port-keep.txt (the port's default keep-list, data with the reason for each entry)
# in the library as a byte array, as errors.cmake does for the error catalogue.
set(MTKFW_PORT_KEEP_SRC ${CMAKE_SOURCE_DIR}/data/port-keep.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${MTKFW_PORT_KEEP_SRC})
file(READ ${MTKFW_PORT_KEEP_SRC} _mtkfw_keep_hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _mtkfw_keep_hex "${_mtkfw_keep_hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" _mtkfw_keep_hex "${_mtkfw_keep_hex}")
file(WRITE ${CMAKE_BINARY_DIR}/gen/port_keep_data.h.tmp
  "/* Generated from data/port-keep.txt by lib/port/keep.cmake; do not edit. */\n"
  "static const unsigned char mtkfw_port_keep_data[] = {\n${_mtkfw_keep_hex}\n};\n")
configure_file(${CMAKE_BINARY_DIR}/gen/port_keep_data.h.tmp ${CMAKE_BINARY_DIR}/gen/port_keep_data.h COPYONLY)
unset(_mtkfw_keep_hex)
