#!/usr/bin/env python3
"""The arrows between the library's domains, read from the built objects, against the design.

For every domain archive (build/lib/domains/libmtkfw_NAME.a), nm gives the names it defines and
the names it leaves undefined; an undefined name that another domain defines is an arrow
NAME -> OTHER. Every arrow must be one that lib/domains.txt allows; the table must be a ladder
(a domain uses only domains above it in the file, so no two domains reach each other);
docs/architecture.md must list the same arrows; and the programs named in the table
("mtkfw-sim: ...") reach only what their line allows.

usage: domain_arrows.py SRC BUILD   (prints one line per finding; exit 1 when any)
"""
import re
import subprocess
import sys


def read_table(path):
    """lib/domains.txt -> (domains in order, {domain: uses}, {program: uses})."""
    order, uses, programs = [], {}, {}
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^([a-z][a-z0-9-]*):(.*)$", line)
        if not m:
            continue
        name, deps = m.group(1), m.group(2).split()
        if re.match(r"^[a-z]+$", name):
            order.append(name)
            uses[name] = deps
        else:
            programs[name] = deps
    return order, uses, programs


def read_doc(path):
    """docs/architecture.md's table: | domain | may use | (a dash for nothing)."""
    uses = {}
    for line in open(path, encoding="utf-8"):
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.match(r"^[a-z]+$", cells[0]) and cells[0] != "domain" and line.lstrip().startswith("|"):
            deps = cells[1].replace(",", " ").split()
            uses[cells[0]] = [d for d in deps if d not in ("—", "-", "nothing")]
    return uses


def nm_sets(archive):
    """(defined global names, undefined names) of an archive."""
    out = subprocess.run(["nm", "-g", archive], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] not in ("U", "w", "v"):
            defined.add(parts[2])
        elif len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
    return defined, undefined - defined


def main():
    src, build = sys.argv[1], sys.argv[2]
    order, allowed, programs = read_table(f"{src}/lib/domains.txt")
    present = open(f"{build}/gen/domains.list", encoding="utf-8").read().split()
    problems = []

    # The table is a ladder: each domain uses only domains listed before it.
    for i, d in enumerate(order):
        for u in allowed[d]:
            if u not in order[:i]:
                problems.append(f"lib/domains.txt: {d} may use {u}, which is not below it")

    # The page tells the same arrows as the table.
    doc = read_doc(f"{src}/docs/architecture.md")
    for d in order:
        if d not in doc:
            problems.append(f"docs/architecture.md: no row for the domain {d}")
        elif sorted(doc[d]) != sorted(allowed[d]):
            problems.append(f"docs/architecture.md: {d} may use {' '.join(doc[d]) or 'nothing'}, "
                            f"lib/domains.txt says {' '.join(allowed[d]) or 'nothing'}")
    for d in doc:
        if d not in allowed:
            problems.append(f"docs/architecture.md: the domain {d} is not in lib/domains.txt")

    sets = {d: nm_sets(f"{build}/lib/domains/libmtkfw_{d}.a") for d in present}
    owner = {}
    for d in present:
        for name in sets[d][0]:
            if name in owner:
                problems.append(f"{name} is defined in both {owner[name]} and {d}")
            owner[name] = d

    archives = {"mtkfw-sim": f"{build}/sim/libmtkfw_sim_core.a",
                "mtkfw-frontend": f"{build}/frontend/libmtkfw_frontend.a"}
    # The front ends' helper is a library of its own: a domain that calls it is an arrow too.
    for name in nm_sets(archives["mtkfw-frontend"])[0]:
        if name in owner:
            problems.append(f"{name} is defined in both {owner[name]} and mtkfw-frontend")
        owner[name] = "mtkfw-frontend"

    arrows = {}
    for d in present:
        for name in sorted(sets[d][1]):
            if name in owner and owner[name] != d:
                arrows.setdefault((d, owner[name]), []).append(name)
    for (a, b), names in sorted(arrows.items()):
        ok = b in allowed.get(a, [])
        print(f"{'  ' if ok else '! '}{a} -> {b}: {len(names)} ({', '.join(names[:4])}{' ...' if len(names) > 4 else ''})")
        if not ok:
            problems.append(f"{a} -> {b} is not an arrow the design allows: {', '.join(names)}")

    # The programs: what each reaches directly must be on its line.
    for prog, may in programs.items():
        if prog not in archives:
            problems.append(f"lib/domains.txt: no archive known for the program {prog}")
            continue
        _, undef = nm_sets(archives[prog])
        reached = {}
        for name in undef:
            if name in owner:
                reached.setdefault(owner[name], []).append(name)
        for d, names in sorted(reached.items()):
            if d not in may:
                problems.append(f"{prog} -> {d} is not allowed: {', '.join(sorted(names))}")
            else:
                print(f"  {prog} -> {d}: {len(names)}")

    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
