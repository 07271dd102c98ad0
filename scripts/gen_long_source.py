#!/usr/bin/env python3
"""Writes one long Python module and its coverage.py JSON report (format 3), deterministically.

The source view benchmark (tests/bench/bench.mjs, `--views`) opens this file: a module of
exactly --lines lines (10,000 by default) made of small functions of one template, whose
statements, branches and exits the generator knows, so the report it writes beside the
module is what `coverage json --branch` would say of a run that called some functions
fully, some partly and some never:

    <output>/src/longmodule/long_module.py   the module (the folder given to `folder-input`)
    <output>/coverage.json                   its report, the path `longmodule/long_module.py`

Every function block has eleven lines:

    1  def compute_<n>(value):                   statement, run at import
    2      # Mixes the value with the block's own number.   a comment: no statement
    3      total = value + <n>
    4      if total % 3 == 0:                    branch: 4->5, 4->6
    5          total = total // 3
    6      for step in range(3):                 branch: 6->7, 6->8 (the loop's exit)
    7          total += step
    8      if total > <n>:                       branch: 8->9, 8->10
    9          return total                      exit: 9->-1
    10     return -total                         exit: 10->-1
    11                                           blank

A few functions are excluded (`# pragma: no cover` on the def line: the whole block is
excluded, as coverage.py excludes a decorated or marked function), the rest are run fully,
never called (only the def line ran), or run with one branch not taken (the line it would
have reached is missed, the branch line is partial). Misses are spread through the whole
file, so jumping to the next miss moves far down the file. The summaries use
scripts/gen_coverage.py's `summarize` (coverage.py's formulas and display rule).

Determinism: the output depends only on the arguments (one random.Random seeded from
--seed, using only random() and randrange()).

    gen_long_source.py --lines 10000 --seed 3 -o target/bench-inputs/<hash>/long-source
"""

import argparse
import importlib.util
import json
import os
import random

REPORT_PATH = "longmodule/long_module.py"
HEADER = [
    '"""A long module made up for the source view benchmark: many small functions."""',
    "import math",
    "",
]
BLOCK_LINES = 11

# How a block ran, with its share: (kind, share). "missed-if" leaves line 5 unrun (the
# branch 4->5 never taken), "missed-return" leaves line 9 unrun (8->9 never taken),
# "never" is a function nobody called, "excluded" one marked `# pragma: no cover`.
BLOCK_KINDS = [
    ("full", 0.80),
    ("missed-if", 0.07),
    ("missed-return", 0.05),
    ("never", 0.06),
    ("excluded", 0.02),
]


def load_summarize():
    """coverage.py's summary formulas, from the report generator beside this script."""
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("gen_coverage", os.path.join(here, "gen_coverage.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.summarize


def block_kind(rng):
    roll = rng.random()
    for kind, share in BLOCK_KINDS:
        if roll < share:
            return kind
        roll -= share
    return BLOCK_KINDS[0][0]


def block_text(number, excluded):
    marker = "  # pragma: no cover" if excluded else ""
    return [
        "def compute_%d(value):%s" % (number, marker),
        "    # Mixes the value with the block's own number.",
        "    total = value + %d" % number,
        "    if total % 3 == 0:",
        "        total = total // 3",
        "    for step in range(3):",
        "        total += step",
        "    if total > %d:" % number,
        "        return total",
        "    return -total",
        "",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("-o", "--output", required=True, help="a folder: the module and coverage.json go there")
    args = parser.parse_args()
    summarize = load_summarize()
    rng = random.Random(args.seed)

    lines = list(HEADER)
    # The module's statements run at import: the docstring line and the import.
    statements, executed, missing, excluded = [1, 2], [1, 2], [], []
    arcs_taken, arcs_missed = [], []
    number = 0
    while len(lines) + BLOCK_LINES <= args.lines:
        number += 1
        first = len(lines) + 1
        kind = block_kind(rng)
        lines.extend(block_text(number, kind == "excluded"))
        at = lambda offset: first + offset - 1  # noqa: E731 (the block's line `offset`)
        code_lines = [at(offset) for offset in (1, 3, 4, 5, 6, 7, 8, 9, 10)]
        if kind == "excluded":
            excluded.extend(code_lines)
            continue
        statements.extend(code_lines)
        branches = [(at(4), at(5)), (at(4), at(6)), (at(6), at(7)), (at(6), at(8)), (at(8), at(9)), (at(8), at(10))]
        if kind == "never":
            executed.append(at(1))
            missing.extend(code_lines[1:])
            arcs_missed.extend(branches)
            continue
        unrun = {"missed-if": at(5), "missed-return": at(9)}.get(kind)
        for line in code_lines:
            (missing if line == unrun else executed).append(line)
        for arc in branches:
            (arcs_missed if arc[1] == unrun else arcs_taken).append(arc)
    # The rest of the file, up to exactly --lines, is a closing comment.
    while len(lines) < args.lines:
        lines.append("# The end of the module." if len(lines) == args.lines - 1 else "")

    arcs_taken = sorted([list(arc) for arc in arcs_taken])
    arcs_missed = sorted([list(arc) for arc in arcs_missed])
    excluded.sort()
    summary = summarize(statements, missing, excluded, arcs_taken, arcs_missed, True, 0)
    entry = {
        "executed_lines": executed,
        "summary": summary,
        "missing_lines": missing,
        "excluded_lines": excluded,
        "executed_branches": arcs_taken,
        "missing_branches": arcs_missed,
    }
    totals = {key: value for key, value in summary.items()}
    report = {
        "meta": {
            "format": 3,
            "version": "7.17.3",
            "timestamp": "2026-01-01T00:00:00.000000",
            "branch_coverage": True,
            "show_contexts": False,
        },
        "files": {REPORT_PATH: entry},
        "totals": totals,
    }
    source_path = os.path.join(args.output, "src", REPORT_PATH)
    os.makedirs(os.path.dirname(source_path), exist_ok=True)
    with open(source_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")
    with open(os.path.join(args.output, "coverage.json"), "w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(report))
    # The counts go to stdout, for the log of the run that made the inputs.
    print("%d lines, %d statements, %d missed, %d partial" % (
        len(lines), summary["num_statements"], summary["missing_lines"], summary["num_partial_branches"]))


if __name__ == "__main__":
    main()
