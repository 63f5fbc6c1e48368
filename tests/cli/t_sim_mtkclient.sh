#!/bin/sh
# The real mtkclient against mtkfw-sim: printgpt, r, w, e, rf and reset in BROM and preloader
# mode, every byte compared with the sim's disk files (tests/mtkclient/run.sh). Skipped when
# mtkclient is not available (README, "Testing against mtkclient").
[ -n "${MTKFW_SIM_BIN:-}" ] || { echo "SKIP: mtkfw-sim not built"; exit 77; }
MTKFW_CORPUS=${MTKFW_CORPUS-${MTKFW_CORPUS_DEFAULT:-}}
export MTKFW_CORPUS
exec sh "$MTKFW_SRC/tests/mtkclient/run.sh"
