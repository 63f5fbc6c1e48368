# Embed data/port-keep.txt (the port's default keep-list, each entry with its reason) in the
# library; lib/port/keep.c parses it (mtkfw_keep_default).
mtkfw_embed(${CMAKE_SOURCE_DIR}/data/port-keep.txt mtkfw_port_keep_data port_keep_data.h)
