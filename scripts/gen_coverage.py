#!/usr/bin/env python3
"""Writes a synthetic coverage.py JSON report (format 3) of any size, deterministically.

The report looks like `coverage json` output from coverage.py 7.17 for a monorepo run
with `--branch` and, on request, `--show-contexts` (pytest-cov's `--cov-context=test`
labels) and regions (coverage.py 7.6+ `functions` and `classes`). It is internally
consistent the way coverage.py builds it (coverage/results.py, coverage/jsonreport.py):

- every summary is counted from the file's own line and arc lists; a partial branch is a
  line that ran with at least one exit that did not; the totals are the sum of the files;
- percentages use coverage.py's formulas and every *_display string its display rule
  (never "0" or "100" unless exact, otherwise Python's round() at the precision);
- keys come in coverage.py's order, paths are sorted, exit arcs point to the negative of
  the enclosing function's first line, and, as coverage.py does, every region repeats the
  whole file's `contexts` map (which is why reports with contexts get so large).

Determinism: the output depends only on the arguments. Each file draws from its own
random.Random seeded from (--seed, file index), using only random() and randrange(), whose
sequences Python keeps stable across versions; no floating-point library functions are
used, so the bytes are the same on every platform.

    gen_coverage.py --files 50000 --seed 7 -o big.json
    gen_coverage.py --target-bytes 100000000 --contexts --regions -o 100mb.json
    gen_coverage.py --files 40 --seed 11 --contexts --regions --precision 2 -o small.json

With --target-bytes the generator adds files until the output reaches about that many
bytes (it stops at the first file that crosses the mark, so it overshoots by at most one
file); with --files it writes exactly that many. Refs: coverage.py 7.17 jsonreport.py.
"""

import argparse
import json
import random
import sys

COVERAGE_VERSION = "7.17.3"

# Words for package, module, function and class names; a path is built from them.
AREAS = ["services", "libs", "platform", "tools", "apps"]
PACKAGE_WORDS = [
    "billing", "search", "auth", "ingest", "catalog", "payments", "reports", "gateway",
    "scheduler", "storage", "notify", "geo", "pricing", "ledger", "profile", "metrics",
    "export", "inventory", "orders", "shipping", "checkout", "identity", "audit", "cache",
]
MODULE_WORDS = [
    "models", "views", "handlers", "utils", "client", "server", "schema", "config",
    "tasks", "queries", "parser", "render", "api", "service", "validators", "adapters",
    "serializers", "errors", "helpers", "jobs", "events", "loader", "store", "forms",
]
VERB_WORDS = [
    "get", "set", "load", "save", "build", "parse", "check", "render", "send", "find",
    "update", "delete", "create", "merge", "split", "apply", "resolve", "format",
]
NOUN_WORDS = [
    "user", "order", "item", "config", "token", "record", "batch", "page", "query",
    "event", "payload", "price", "account", "report", "session", "entry", "rule",
]
CLASS_WORDS = [
    "Manager", "Client", "Handler", "Builder", "Store", "Parser", "Service", "Worker",
    "Adapter", "Registry", "Cache", "Loader", "Validator", "Serializer", "Router",
]

# File sizes in source lines: (low, high, share); a median near 90 lines, a long tail
# (a mean near 170, as in large Python code bases).
LINE_COUNT_BUCKETS = [(3, 30, 0.25), (30, 100, 0.35), (100, 250, 0.25), (250, 700, 0.12), (700, 2000, 0.03)]


def display_covered(pc, precision):
    """coverage.py's display rule: never show 0 or 100 unless exact; otherwise round()."""
    near0 = 1.0 / 10**precision
    if 0 < pc < near0:
        pc = near0
    elif (100.0 - near0) < pc < 100:
        pc = 100.0 - near0
    else:
        pc = round(pc, precision)
    return "%.*f" % (precision, pc)


def summarize(statements, missing, excluded, arcs_taken, arcs_missed, branch, precision):
    """A summary in coverage.py's key order, counted from the lists."""
    n_statements = len(statements)
    n_missing = len(missing)
    covered = n_statements - n_missing
    summary = {
        "covered_lines": covered,
        "num_statements": n_statements,
        "percent_covered": 0.0,
        "percent_covered_display": "",
        "missing_lines": n_missing,
        "excluded_lines": len(excluded),
        "percent_statements_covered": (100.0 * covered / n_statements) if n_statements else 100.0,
    }
    summary["percent_statements_covered_display"] = display_covered(
        summary["percent_statements_covered"], precision)
    numerator, denominator = covered, n_statements
    if branch:
        n_branches = len(arcs_taken) + len(arcs_missed)
        missing_set = set(missing)
        partial_sources = {source for source, _ in arcs_missed if source not in missing_set}
        summary["num_branches"] = n_branches
        summary["num_partial_branches"] = len(partial_sources)
        summary["covered_branches"] = len(arcs_taken)
        summary["missing_branches"] = len(arcs_missed)
        summary["percent_branches_covered"] = (100.0 * len(arcs_taken) / n_branches) if n_branches else 100.0
        summary["percent_branches_covered_display"] = display_covered(
            summary["percent_branches_covered"], precision)
        numerator += len(arcs_taken)
        denominator += n_branches
    summary["percent_covered"] = (100.0 * numerator / denominator) if denominator else 100.0
    summary["percent_covered_display"] = display_covered(summary["percent_covered"], precision)
    return summary


def pick(rng, words):
    return words[rng.randrange(len(words))]


def line_count(rng):
    roll = rng.random()
    for low, high, share in LINE_COUNT_BUCKETS:
        if roll < share:
            return low + rng.randrange(high - low)
        roll -= share
    low, high, _ = LINE_COUNT_BUCKETS[-1]
    return low + rng.randrange(high - low)


def hit_ratio(rng):
    """How much of a file its tests run: some files fully, a few never, most in between."""
    roll = rng.random()
    if roll < 0.15:
        return 1.0
    if roll < 0.20:
        return 0.0
    # The mean of three uniforms leans to the middle; shifted so most files are well covered.
    return 0.35 + 0.65 * (rng.random() + rng.random() + rng.random()) / 3.0


def make_path(rng, taken_paths):
    area = pick(rng, AREAS)
    package = pick(rng, PACKAGE_WORDS)
    parts = [area, package, "src", package]
    for _ in range(rng.randrange(3)):
        parts.append(pick(rng, MODULE_WORDS))
    path = "/".join(parts + [pick(rng, MODULE_WORDS) + ".py"])
    if path in taken_paths:
        # Many files share a name in a monorepo; a number keeps each path unique.
        stem = path[:-3]
        number = 2
        while "%s_%d.py" % (stem, number) in taken_paths:
            number += 1
        path = "%s_%d.py" % (stem, number)
    taken_paths.add(path)
    return path


def make_regions(rng, n_lines):
    """Function and class regions as (kind, name, first line, last line), in file order."""
    regions = []
    line = 2 + rng.randrange(12)  # imports and module docstring first
    class_name = None
    class_start = 0
    classes = []
    while line < n_lines - 2:
        if class_name is None and rng.random() < 0.25:
            class_name = pick(rng, NOUN_WORDS).capitalize() + pick(rng, CLASS_WORDS)
            class_start = line
            line += 2
            continue
        length = 3 + rng.randrange(40)
        end = min(n_lines, line + length - 1)
        name = pick(rng, VERB_WORDS) + "_" + pick(rng, NOUN_WORDS)
        if class_name is not None:
            name = class_name + "." + name
        regions.append(("function", name, line, end))
        line = end + 1 + rng.randrange(3)
        if class_name is not None and (rng.random() < 0.3 or line >= n_lines - 2):
            classes.append(("class", class_name, class_start, min(n_lines, line - 1)))
            class_name = None
    if class_name is not None:
        classes.append(("class", class_name, class_start, n_lines))
    return regions, classes


def make_file(rng, args, context_names):
    # Empty __init__.py files and the like: no statements, shown as 100%.
    empty = rng.random() < 0.03
    n_lines = 1 if empty else line_count(rng)
    functions, classes = ([], []) if empty else make_regions(rng, n_lines)
    # The first line of the function holding each line, for exit arcs (-first_line).
    owner_start = [1] * (n_lines + 2)
    for _, _, start, end in functions:
        for line in range(start, end + 1):
            owner_start[line] = start

    statements = [] if empty else [line for line in range(1, n_lines + 1) if rng.random() < 0.7]
    excluded = [line for line in statements if rng.random() < 0.01]
    excluded_set = set(excluded)
    statements = [line for line in statements if line not in excluded_set]

    # Covered and missed lines come in runs, as real code does (a Markov chain whose
    # long-run covered share is the file's hit ratio).
    ratio = hit_ratio(rng)
    executed, missing = [], []
    covered = rng.random() < ratio
    for line in statements:
        if ratio >= 1.0:
            covered = True
        elif ratio <= 0.0:
            covered = False
        elif covered and rng.random() < (1.0 - ratio) * 0.3:
            covered = False
        elif not covered and rng.random() < ratio * 0.3:
            covered = True
        (executed if covered else missing).append(line)
    executed_set = set(executed)

    arcs_taken, arcs_missed = [], []
    if args.branch:
        for index, source in enumerate(statements):
            if rng.random() >= 0.15:
                continue
            following = statements[index + 1] if index + 1 < len(statements) else None
            # The other exit jumps to a later statement, or leaves the function (an exit arc
            # points to the negative of the function's first line, as coverage.py writes it).
            jump_index = index + 2 + rng.randrange(6)
            exits = [] if following is None else [following]
            if jump_index < len(statements) and rng.random() < 0.8:
                exits.append(statements[jump_index])
            else:
                exits.append(-owner_start[source])
            if len(exits) < 2:
                continue
            if source in executed_set:
                taken = [rng.random() < max(ratio, 0.5) for _ in exits]
                if not any(taken):
                    taken[rng.randrange(len(exits))] = True
            else:
                taken = [False for _ in exits]
            for destination, was_taken in zip(exits, taken):
                (arcs_taken if was_taken else arcs_missed).append([source, destination])
    arcs_taken.sort()
    arcs_missed.sort()

    entry = {
        "executed_lines": executed,
        "summary": summarize(statements, missing, excluded, arcs_taken, arcs_missed, args.branch, args.precision),
        "missing_lines": missing,
        "excluded_lines": excluded,
    }
    contexts = None
    if args.contexts:
        contexts = make_contexts(rng, executed, context_names, args.contexts_per_line)
        entry["contexts"] = contexts
    if args.branch:
        entry["executed_branches"] = arcs_taken
        entry["missing_branches"] = arcs_missed
    if args.regions:
        lists = (statements, executed_set, excluded, arcs_taken, arcs_missed, contexts)
        entry["functions"] = regions_map(functions, n_lines, lists, args)
        entry["classes"] = regions_map(classes, n_lines, lists, args)
    return entry


def make_contexts(rng, executed, context_names, per_line):
    """Which tests ran each line: module-level lines run at import (the "" context)."""
    # Each file is exercised by a handful of tests from one neighbourhood of the suite.
    first = rng.randrange(len(context_names))
    suite = [context_names[(first + offset) % len(context_names)] for offset in range(4 * per_line + 4)]
    contexts = {}
    for line in executed:
        if rng.random() < 0.12:
            names = {""}
        else:
            count = 1 + rng.randrange(2 * per_line)
            names = {suite[rng.randrange(len(suite))] for _ in range(count)}
        contexts[str(line)] = sorted(names)
    return contexts


def regions_map(regions, n_lines, lists, args):
    """coverage.py's `functions` or `classes` map: each region, then "" for the rest."""
    statements, executed_set, excluded, arcs_taken, arcs_missed, contexts = lists
    # Which region each line belongs to (the last one listed wins, as regions here never
    # overlap); -1 is the code outside every region. One pass per list keeps this linear.
    owner = [-1] * (n_lines + 2)
    for number, (_, _, start, end) in enumerate(regions):
        for line in range(start, end + 1):
            owner[line] = number
    buckets = [([], [], [], [], []) for _ in range(len(regions) + 1)]
    for line in statements:
        buckets[owner[line]][0].append(line)
    for line in excluded:
        buckets[owner[line]][1].append(line)
    for arc in arcs_taken:
        buckets[owner[arc[0]]][2].append(arc)
    for arc in arcs_missed:
        buckets[owner[arc[0]]][3].append(arc)
    result = {}
    for number, (_, name, start, _) in enumerate(regions):
        key = name
        suffix = 2
        while key in result:
            key = "%s_%d" % (name, suffix)
            suffix += 1
        result[key] = region_entry(buckets[number], start, executed_set, contexts, args)
    outside_start = next((line for line in range(1, n_lines + 1) if owner[line] == -1), 1)
    result[""] = region_entry(buckets[-1], outside_start, executed_set, contexts, args)
    return result


def region_entry(bucket, start, executed_set, contexts, args):
    region_statements, region_excluded, taken, missed, _ = bucket
    region_missing = [line for line in region_statements if line not in executed_set]
    entry = {
        "executed_lines": [line for line in region_statements if line in executed_set],
        "summary": summarize(region_statements, region_missing, region_excluded, taken, missed,
                             args.branch, args.precision),
        "missing_lines": region_missing,
        "excluded_lines": region_excluded,
        "start_line": start,
    }
    if contexts is not None:
        entry["contexts"] = contexts
    if args.branch:
        entry["executed_branches"] = taken
        entry["missing_branches"] = missed
    return entry


def make_context_names(rng_seed):
    rng = random.Random(rng_seed)
    names = []
    for module_index in range(400):
        module = "tests/%s/test_%s.py" % (pick(rng, PACKAGE_WORDS), pick(rng, MODULE_WORDS))
        for case_index in range(12):
            test = "test_%s_%s_%d" % (pick(rng, VERB_WORDS), pick(rng, NOUN_WORDS), case_index)
            if rng.random() < 0.3:
                test = "Test%s::%s" % (pick(rng, CLASS_WORDS), test)
            names.append("%s::%s|run" % (module, test))
    return names


def dumps(value, pretty):
    if pretty:
        return json.dumps(value, indent=4)
    return json.dumps(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--files", type=int, default=None, help="exactly this many files (default 1000)")
    size.add_argument("--target-bytes", type=int, default=None,
                      help="add files until the output is about this many bytes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-branch", dest="branch", action="store_false")
    parser.add_argument("--contexts", action="store_true", help="per-line test contexts (--show-contexts)")
    parser.add_argument("--contexts-per-line", type=int, default=2, help="typical tests per executed line")
    parser.add_argument("--regions", action="store_true", help="functions and classes (coverage.py 7.6+)")
    parser.add_argument("--precision", type=int, default=0, choices=[0, 1, 2, 3, 4])
    parser.add_argument("--pretty", action="store_true", help="indent=4 like coverage json --pretty-print")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    if args.files is None and args.target_bytes is None:
        args.files = 1000

    context_names = make_context_names(args.seed)
    path_rng = random.Random(args.seed * 7919 + 1)
    taken_paths = set()
    entries = []  # (path, summary, serialized entry)
    written = 200  # meta and totals, roughly
    index = 0
    while True:
        if args.files is not None and index >= args.files:
            break
        if args.target_bytes is not None and written >= args.target_bytes:
            break
        rng = random.Random(args.seed * 1000003 + index)
        path = make_path(path_rng, taken_paths)
        entry = make_file(rng, args, context_names)
        text = dumps(entry, args.pretty)
        written += len(text) + len(path) + 6
        entries.append((path, entry["summary"], text))
        index += 1
    entries.sort(key=lambda item: item[0])

    keys = ["covered_lines", "num_statements", "missing_lines", "excluded_lines"]
    if args.branch:
        keys += ["num_branches", "num_partial_branches", "covered_branches", "missing_branches"]
    sums = {key: sum(summary[key] for _, summary, _ in entries) for key in keys}
    totals = {
        "covered_lines": sums["covered_lines"],
        "num_statements": sums["num_statements"],
        "percent_covered": 0.0,
        "percent_covered_display": "",
        "missing_lines": sums["missing_lines"],
        "excluded_lines": sums["excluded_lines"],
        "percent_statements_covered": (100.0 * sums["covered_lines"] / sums["num_statements"])
        if sums["num_statements"] else 100.0,
    }
    totals["percent_statements_covered_display"] = display_covered(
        totals["percent_statements_covered"], args.precision)
    numerator, denominator = sums["covered_lines"], sums["num_statements"]
    if args.branch:
        for key in ("num_branches", "num_partial_branches", "covered_branches", "missing_branches"):
            totals[key] = sums[key]
        totals["percent_branches_covered"] = (100.0 * sums["covered_branches"] / sums["num_branches"]) \
            if sums["num_branches"] else 100.0
        totals["percent_branches_covered_display"] = display_covered(
            totals["percent_branches_covered"], args.precision)
        numerator += sums["covered_branches"]
        denominator += sums["num_branches"]
    totals["percent_covered"] = (100.0 * numerator / denominator) if denominator else 100.0
    totals["percent_covered_display"] = display_covered(totals["percent_covered"], args.precision)

    meta = {
        "format": 3,
        "version": COVERAGE_VERSION,
        "timestamp": "2026-01-01T00:00:%02d.000000" % (args.seed % 60),
        "branch_coverage": args.branch,
        "show_contexts": args.contexts,
    }
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    # Written piece by piece, so a 100 MB report never exists as one string.
    if args.pretty:
        out.write('{\n    "meta": ' + indent(dumps(meta, True)) + ',\n    "files": {')
        for number, (path, _, text) in enumerate(entries):
            out.write(("" if number == 0 else ",") + "\n        " + json.dumps(path) + ": " + indent(text, 2))
        out.write("\n    },\n    \"totals\": " + indent(dumps(totals, True)) + "\n}")
    else:
        out.write('{"meta": ' + dumps(meta, False) + ', "files": {')
        for number, (path, _, text) in enumerate(entries):
            out.write(("" if number == 0 else ", ") + json.dumps(path) + ": " + text)
        out.write('}, "totals": ' + dumps(totals, False) + "}")
    if out is not sys.stdout:
        out.close()
    # The count goes to stderr, so a caller can keep it without reading the JSON back.
    print("%d files" % len(entries), file=sys.stderr)


def indent(text, levels=1):
    """Shifts a pretty-printed value right, as json.dump(indent=4) nests it."""
    return text.replace("\n", "\n" + "    " * levels)


if __name__ == "__main__":
    main()
