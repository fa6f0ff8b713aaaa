"""`make mutation`'s helper: turn a module path into mutmut's mutant-name pattern, and print
the share of mutants killed per module from mutmut's results in mutants/.

    python -m tests.mutation_report pattern "dialogs/reminders.py dialogs/holds.py" [SAMPLE]
    python -m tests.mutation_report report [dialogs/reminders.py ...]

A mutant counts as killed when a test failed on it or it ran past its time limit (an endless
loop is noticed too); "no tests" means no fast test reaches that code at all. Mutants that were
not run (outside the module or the sample asked for) are left out of the figures."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

MUTANTS = Path("mutants")
KILLED = {1, 3, 36, 24, -24, 152, 255, 37}  # failed, pytest error, timeouts, type check
SURVIVED = {0}
NO_TESTS = {5, 33}


def patterns(modules: str, sample: str = "*") -> list[str]:
    """`dialogs/reminders.py` -> `dialogs.reminders.*__mutmut_*`; a SAMPLE such as `*[05]` keeps
    only the mutants whose number ends so (one in five of every function's mutants)."""
    if not modules.split():
        return [f"*__mutmut_{sample}"]
    dotted = [m.removesuffix(".py").strip("/").replace("/", ".") for m in modules.split()]
    return [f"{d}.*__mutmut_{sample}" for d in dotted]


def results(modules: list[str]) -> dict[str, dict[str, int | None]]:
    found = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        module = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
        if modules and module not in modules:
            continue
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        found[module] = codes
    return found


def report(modules: list[str]) -> None:
    print(f"{'module':32} {'killed':>7} {'total':>6} {'%':>6} {'survived':>9} {'no tests':>9}")
    killed_all = total_all = 0
    for module, codes in results(modules).items():
        count = Counter(code for code in codes.values() if code is not None)
        total = sum(count.values())
        if total == 0:
            continue
        killed = sum(n for code, n in count.items() if code in KILLED)
        survived = sum(n for code, n in count.items() if code in SURVIVED)
        untested = sum(n for code, n in count.items() if code in NO_TESTS)
        killed_all, total_all = killed_all + killed, total_all + total
        share = 100 * killed / total
        print(f"{module:32} {killed:7} {total:6} {share:5.1f}% {survived:9} {untested:9}")
    if total_all:
        print(f"{'all':32} {killed_all:7} {total_all:6} {100 * killed_all / total_all:5.1f}%")
    else:
        print("no mutants were run: `make mutation` first")


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "pattern":
        print(" ".join(patterns(*args)))
    elif command == "report":
        report([m for a in args for m in a.split()])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
