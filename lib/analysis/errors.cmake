# Embed data/errors.txt (the error catalogue, the one source of truth) in the library;
# lib/analysis/errors_catalogue.c parses it once at run time.
mtkfw_embed(${CMAKE_SOURCE_DIR}/data/errors.txt mtkfw_errors_data errors_data.h)
