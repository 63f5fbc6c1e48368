# `cmake --build build-win --target win-zip`: build-win/mtkfw-VERSION-win64.zip with mtkfw.exe,
# the man pages as HTML (groff on the build machine), and README-windows.txt with Windows line
# ends. Included by the top CMakeLists.txt for the Windows build only.
find_program(MTKFW_GROFF groff)
find_program(MTKFW_ZIP zip)
if(NOT MTKFW_GROFF OR NOT MTKFW_ZIP)
  message(STATUS "win-zip: needs groff and zip (scripts/setup-deps --windows installs them)")
  return()
endif()
set(WIN_STAGE_NAME mtkfw-${PROJECT_VERSION}-win64)
set(WIN_STAGE ${CMAKE_BINARY_DIR}/${WIN_STAGE_NAME})
set(WIN_ZIP ${CMAKE_BINARY_DIR}/${WIN_STAGE_NAME}.zip)
configure_file(${CMAKE_SOURCE_DIR}/docs/windows/README-windows.txt ${CMAKE_BINARY_DIR}/README-windows.txt
  @ONLY NEWLINE_STYLE CRLF)
file(GLOB WIN_MAN_PAGES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/*.1)
# mtkfw-sim is not part of the Windows build.
list(FILTER WIN_MAN_PAGES EXCLUDE REGEX "mtkfw-sim\\.1$")
add_custom_target(win-zip
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${WIN_STAGE} ${WIN_ZIP}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${WIN_STAGE}/doc
  COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:mtkfw_cli> ${CMAKE_BINARY_DIR}/README-windows.txt ${WIN_STAGE}/
  COMMAND sh ${CMAKE_SOURCE_DIR}/scripts/man-html ${WIN_STAGE}/doc ${WIN_MAN_PAGES}
  COMMAND ${MTKFW_ZIP} -q -r -X ${WIN_ZIP} ${WIN_STAGE_NAME}
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  DEPENDS mtkfw_cli ${CMAKE_BINARY_DIR}/README-windows.txt ${WIN_MAN_PAGES} ${CMAKE_SOURCE_DIR}/scripts/man-html
  COMMENT "Packing ${WIN_STAGE_NAME}.zip"
  VERBATIM)
