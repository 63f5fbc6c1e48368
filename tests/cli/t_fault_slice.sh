#!/bin/sh
# A slice of the fault campaign (make check-faults runs 1,000 link faults and 100 signals):
# a few seeded link faults and signals across device flash, backup, restore and format on
# mtkfw-sim, each ending with one clear line and no temp file, completed as the line says, the
# phone then byte-correct and its identity unchanged (tests/faults/campaign.py checks all of it).
# A fixed seed (MTKFW_FAULT_SEED to walk others); under ASan+UBSan a smaller slice.
. "$MTKFW_SRC/tests/cli/lib.sh"
[ -n "${MTKFW_SIM_BIN:-}" ] && [ -x "$MTKFW_SIM_BIN" ] || skip_all "mtkfw-sim not built"
[ -x "$MTKFW_BUILD/mtkfw-samplegen" ] || skip_all "mtkfw-samplegen not built"
seed=${MTKFW_FAULT_SEED:-6572}
faults=8 signals=4
if grep -q '^MTKFW_SANITIZE:BOOL=ON' "$MTKFW_BUILD/CMakeCache.txt" 2>/dev/null; then
	faults=2 signals=1
fi
if python3 "$MTKFW_SRC/tests/faults/campaign.py" --build "$MTKFW_BUILD" --faults "${MTKFW_FAULTS:-$faults}" \
	--interrupts "${MTKFW_INTERRUPTS:-$signals}" --seed "$seed" --work "$T/campaign" --quiet; then
	pass
else
	fail "the fault campaign slice broke a rule (seed $seed: MTKFW_FAULT_SEED=$seed to repeat it)"
fi
done_testing
