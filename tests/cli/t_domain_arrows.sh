#!/bin/sh
# The walls between the library's domains hold in the built objects (nm: what each domain
# archive leaves undefined and which domain defines it), and docs/architecture.md draws them
# as lib/domains.txt lists them. A forbidden arrow also fails to link (lib/CMakeLists.txt's
# walls); this test names every arrow and catches it in builds without the walls (sanitizers).
. "$MTKFW_SRC/tests/cli/lib.sh"
command -v nm >/dev/null || skip_all "nm absent (binutils)"

if python3 "$MTKFW_SRC/tests/cli/domain_arrows.py" "$MTKFW_SRC" "$MTKFW_BUILD" >"$T/out" 2>&1; then
	pass
else
	fail "domain arrows"
fi
cat "$T/out"

# The checker can fail: a table that lets layout use image, with the page unchanged, is caught.
mkdir -p "$T/src/lib" "$T/src/docs"
sed 's/^layout: core$/layout: core image/' "$MTKFW_SRC/lib/domains.txt" >"$T/src/lib/domains.txt"
cp "$MTKFW_SRC/docs/architecture.md" "$T/src/docs/"
expect 1 python3 "$MTKFW_SRC/tests/cli/domain_arrows.py" "$T/src" "$MTKFW_BUILD"
contains "$T/out" "docs/architecture.md: layout may use core, lib/domains.txt says core image"
# ... and an arrow the table forbids: device's names seen as if firmware left them undefined.
sed 's/^device: .*$/device: core layout image firmware/' "$MTKFW_SRC/lib/domains.txt" >"$T/src/lib/domains.txt"
sed 's/^| device | .*$/| device | core, layout, image, firmware |/' "$MTKFW_SRC/docs/architecture.md" >"$T/src/docs/architecture.md"
expect 1 python3 "$MTKFW_SRC/tests/cli/domain_arrows.py" "$T/src" "$MTKFW_BUILD"
contains "$T/out" "device -> analysis is not an arrow the design allows"

# The library reads no environment: the usual folders come from the front ends' helper
# (frontend/defaults.c), which no domain links.
if grep -rn 'getenv' "$MTKFW_SRC/lib" >"$T/env"; then fail "lib/ reads the environment:"; cat "$T/env" >&2; else pass; fi
# ... nor includes the front ends' header: what it needs of it (the DA's file name) lives in
# the library's own headers.
if grep -rn 'mtkfw/frontend\.h' "$MTKFW_SRC/lib" >"$T/fe"; then fail "lib/ includes mtkfw/frontend.h:"; cat "$T/fe" >&2; else pass; fi
done_testing
