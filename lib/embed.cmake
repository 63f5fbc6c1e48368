# mtkfw_embed(SRC NAME HEADER): the data file SRC as `static const unsigned char NAME[]` in
# gen/HEADER, so knowledge kept as a readable data file (the error catalogue, the port's
# keep-list) is built into the library and no script language runs at build time. A change to
# SRC re-runs CMake; HEADER is rewritten only when its bytes change, so an unrelated reconfigure
# does not rebuild the library.
function(mtkfw_embed src name header)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${src})
  file(READ ${src} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  # Lines of 16 bytes, so the generated header stays readable in a debugger.
  string(REGEX REPLACE "((0x..,){16})" "\\1\n" hex "${hex}")
  file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${src})
  file(WRITE ${CMAKE_BINARY_DIR}/gen/${header}.tmp
    "/* Generated from ${rel} by lib/embed.cmake; do not edit. */\n"
    "static const unsigned char ${name}[] = {\n${hex}\n};\n")
  configure_file(${CMAKE_BINARY_DIR}/gen/${header}.tmp ${CMAKE_BINARY_DIR}/gen/${header} COPYONLY)
endfunction()
