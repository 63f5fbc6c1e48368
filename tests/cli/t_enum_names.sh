#!/bin/sh
# Every public enum has one spelling, in the library: a name function and a parse function
# (mtkfw_X_name / mtkfw_X_parse for enum mtkfw_X), and tests/unit/test_enum_names.c walks all
# of its values through both. A new enum without them, or left out of that test, fails here.
. "$MTKFW_SRC/tests/cli/lib.sh"
H="$MTKFW_SRC/include/mtkfw"
U="$MTKFW_SRC/tests/unit/test_enum_names.c"

enums=$(sed -n 's/^\(typedef \)\{0,1\}enum mtkfw_\([a-z0-9_]*\) {.*/\2/p' "$H"/*.h)
[ -n "$enums" ] && pass || fail "no enum found in $H"
for e in $enums; do
	if grep -q "mtkfw_${e}_name(" "$H"/*.h && grep -q "mtkfw_${e}_parse(" "$H"/*.h; then pass; else
		fail "enum mtkfw_$e: no mtkfw_${e}_name and mtkfw_${e}_parse in include/mtkfw"; fi
	if grep -q "CASE(\"$e\"" "$U"; then pass; else fail "enum mtkfw_$e: not walked by test_enum_names.c"; fi
done
done_testing
