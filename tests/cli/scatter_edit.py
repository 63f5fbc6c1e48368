#!/usr/bin/env python3
"""A YAML scatter read and changed by hand, for the tests (not a test itself): our own reading,
independent of mtkfw's parser, so a test can check mtkfw against it.

As a program:  scatter_edit.py move-logo SCATTER  (the layout change of move_logo).
As a module:   parts(SCATTER), move_logo(SCATTER)."""
import re
import sys


def parts(path):
    """{name: (user-area offset, size)}: linear_start_addr less MBR's (contracts.md addressing);
    the partitions with both fields, BMTPOOL (a count of blocks, not a place) left out."""
    found, cur = {}, None
    for line in open(path):
        line = line.strip().lstrip("- ")
        if line.startswith("partition_name:"):
            cur = line.split(":", 1)[1].strip()
            found[cur] = {}
        elif cur and ":" in line:
            k, v = line.split(":", 1)
            found[cur][k.strip()] = v.strip()
    mbr = int(found["MBR"]["linear_start_addr"], 16)
    return {n: (int(p["linear_start_addr"], 16) - mbr, int(p["partition_size"], 16)) for n, p in found.items()
            if "linear_start_addr" in p and "partition_size" in p and n != "BMTPOOL"}


def move_logo(path):
    """A layout change the MBR does not see: LOGO 1 MiB smaller, EXPDB 1 MiB earlier and larger
    (neither is indexed by the MBR, so the package stays consistent), written in place."""
    blocks = re.split(r"(?m)^(?=- partition_index:)", open(path).read())

    def edit(b, key, f):
        return re.sub(r"(%s: )(0x[0-9a-fA-F]+)" % key, lambda m: m.group(1) + hex(f(int(m.group(2), 16))), b)
    for i, b in enumerate(blocks):
        if "partition_name: LOGO\n" in b:
            blocks[i] = edit(b, "partition_size", lambda v: v - 0x100000)
        if "partition_name: EXPDB\n" in b:
            blocks[i] = edit(edit(b, "linear_start_addr", lambda v: v - 0x100000), "partition_size", lambda v: v + 0x100000)
    open(path, "w").write("".join(blocks))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "move-logo":
        sys.exit("usage: scatter_edit.py move-logo SCATTER")
    move_logo(sys.argv[2])
