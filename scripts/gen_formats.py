#!/usr/bin/env python3
"""Generate a large, realistic JavaScript/TypeScript coverage report as LCOV, Cobertura XML or Istanbul JSON.

Benchmark inputs for the other formats Covscope reads (BENCHMARKS.md): one made-up
monorepo of TypeScript files (`packages/checkout/src/cart/price.ts`), each file measured
as Istanbul measures it (statements with their spans, functions with their declarations,
branches with their locations, hit counts), then written in the shape the tools of that
ecosystem write:

- `--format istanbul`: Jest's `coverage-final.json` (istanbul-reports' `json` reporter):
  absolute paths as keys, `path`, `statementMap`, `fnMap`, `branchMap`, `s`, `f`, `b`,
  `inputSourceMap`, `_coverageSchema`, `hash`, one file per line.
- `--format lcov`: istanbul-reports' `lcovonly` (Jest's `lcov.info`): `TN:`, `SF:` relative
  to the project, `FN`/`FNF`/`FNH`/`FNDA`, `DA` (a line's hits are the largest of the
  statements starting on it, as istanbul-lib-coverage derives lines), `LF`/`LH`, `BRDA`,
  `BRF`/`BRH`, `end_of_record`.
- `--format cobertura`: istanbul-reports' `cobertura`: the external DTD reference, the
  project folder as the one `<source>`, a package per folder, a class per file with its
  methods, and lines with `branch="true" condition-coverage="50% (1/2)"`; every rate and
  count is counted from the lines.

The same `--seed` gives the same files in every format (file i draws from its own seeded
`random.Random`, using only `random()` and `randrange()`), so the three outputs of one seed
describe one test run; `--target-bytes` adds files until that format's output reaches about
that many bytes, so equal sizes hold different numbers of files. Standard library only.
The number of files goes to stderr; `--paths-out` writes each file's project-relative path,
one a line (the benchmark tells the dropped report's rows from the demo's with them).
"""
import argparse
import hashlib
import json
import random
import sys

PROJECT_ROOT = "/home/dev/monorepo"

# Folder and file names of a TypeScript monorepo; file i's path is drawn from these.
AREAS = ["packages", "apps", "libs", "services"]
PACKAGE_WORDS = [
    "checkout", "catalog", "accounts", "billing", "search", "gateway", "payments", "ledger",
    "inventory", "shipping", "notifications", "analytics", "auth", "admin", "storefront",
    "reports", "ingest", "scheduler", "profiles", "media", "pricing", "orders", "support",
    "experiments", "design-system", "i18n", "telemetry", "feature-flags", "documents", "chat",
]
MODULE_WORDS = [
    "api", "cart", "client", "components", "config", "controllers", "hooks", "models", "price",
    "queries", "reducers", "routes", "schema", "selectors", "server", "services", "store",
    "utils", "validators", "views", "widgets", "workers", "adapters", "cache", "events",
    "format", "forms", "helpers", "middleware", "mappers", "parsers", "handlers", "state",
]
FILE_SUFFIXES = [".ts", ".ts", ".ts", ".tsx", ".js"]
VERB_WORDS = ["get", "set", "load", "save", "build", "parse", "format", "render", "handle",
              "create", "update", "remove", "validate", "resolve", "compute", "map", "use"]
NOUN_WORDS = ["Item", "Cart", "Price", "User", "Order", "Token", "Route", "State", "Query",
              "Event", "Options", "Config", "Session", "Payload", "Result", "Row", "Filter"]
BRANCH_TYPES = [  # (type, share, fewest locations, most locations)
    ("if", 0.45, 2, 2),
    ("binary-expr", 0.25, 2, 3),
    ("cond-expr", 0.15, 2, 2),
    ("default-arg", 0.07, 1, 1),
    ("switch", 0.08, 2, 6),
]
# Lines per file: (fewest, most + 1, share); the median is near 90 lines, with a long tail.
LINE_COUNT_BUCKETS = [
    (5, 30, 0.20),
    (30, 90, 0.30),
    (90, 250, 0.32),
    (250, 800, 0.15),
    (800, 3000, 0.03),
]
COVERAGE_SCHEMA = "1a1c01bbd47fc00a2c39e90264f33305004495a9"


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
    return 0.35 + 0.65 * (rng.random() + rng.random() + rng.random()) / 3.0


def make_path(rng, taken_paths):
    parts = [pick(rng, AREAS), pick(rng, PACKAGE_WORDS), "src"]
    for _ in range(rng.randrange(3)):
        parts.append(pick(rng, MODULE_WORDS))
    stem = "/".join(parts + [pick(rng, MODULE_WORDS)])
    suffix = pick(rng, FILE_SUFFIXES)
    path = stem + suffix
    number = 2
    while path in taken_paths:
        # Many files share a name in a monorepo; a number keeps each path unique.
        path = "%s%d%s" % (stem, number, suffix)
        number += 1
    taken_paths.add(path)
    return path


def hit_count(rng):
    """How often a run line ran: mostly a few times, sometimes thousands."""
    return 1 + int(rng.random() ** 4 * 2000)


def make_file(rng):
    """One file as Istanbul measures it: statements, functions and branches with hits."""
    n_lines = line_count(rng)
    ratio = hit_ratio(rng)
    # Covered and missed code comes in runs (a Markov chain whose long-run covered share
    # is the file's hit ratio); a covered line ran hit_count times.
    covered = rng.random() < ratio
    line_hits = {}
    statements = []  # (start line, start column, end line, end column, hits)
    line = 1
    while line <= n_lines:
        if rng.random() < 0.3:  # blank lines, comments, closing braces
            line += 1
            continue
        if ratio >= 1.0:
            covered = True
        elif ratio <= 0.0:
            covered = False
        elif covered and rng.random() < (1.0 - ratio) * 0.3:
            covered = False
        elif not covered and rng.random() < ratio * 0.3:
            covered = True
        hits = hit_count(rng) if covered else 0
        line_hits[line] = hits
        indent = 2 * rng.randrange(5)
        end_line = line + (1 if rng.random() < 0.08 else 0)
        statements.append((line, indent, min(end_line, n_lines), indent + 10 + rng.randrange(60), hits))
        if rng.random() < 0.2:  # a second statement on the line, run as often or less
            start = indent + 12 + rng.randrange(30)
            statements.append((line, start, line, start + 5 + rng.randrange(40),
                               hits if rng.random() < 0.8 else hits // 2))
        line += 1

    code_lines = sorted(line_hits)
    functions = []  # (name, declaration line, declaration column, last line, hits)
    index = 0
    anonymous = 0
    names = set()
    while index < len(code_lines):
        if rng.random() < 0.12:
            start = code_lines[index]
            length = 2 + rng.randrange(25)
            last = code_lines[min(len(code_lines) - 1, index + length)]
            if rng.random() < 0.4:
                name = "(anonymous_%d)" % anonymous
                anonymous += 1
            else:
                name = pick(rng, VERB_WORDS) + pick(rng, NOUN_WORDS) + ("" if rng.random() < 0.7 else str(rng.randrange(10)))
                # One name a function in a file, as most code has (a repeated name is a
                # trap of c8's output that the parser warns about, not the common case).
                number = 2
                while name + ("" if number == 2 else str(number)) in names:
                    number += 1
                name += "" if number == 2 else str(number)
            names.add(name)
            body_hits = line_hits[code_lines[min(len(code_lines) - 1, index + 1)]]
            functions.append((name, start, 2 * rng.randrange(5), last, body_hits if line_hits[start] else 0))
            index += length
        else:
            index += 1

    branches = []  # (type, line, [(start column, end column) or None for an empty location], [hits])
    for line in code_lines:
        if rng.random() >= 0.15:
            continue
        roll = rng.random()
        kind, fewest, most = BRANCH_TYPES[-1][0], BRANCH_TYPES[-1][2], BRANCH_TYPES[-1][3]
        for candidate, share, low, high in BRANCH_TYPES:
            if roll < share:
                kind, fewest, most = candidate, low, high
                break
            roll -= share
        count = fewest + rng.randrange(most - fewest + 1)
        column = 4 + rng.randrange(20)
        locations = []
        for number in range(count):
            if kind == "if" and number == 1 and rng.random() < 0.5:
                locations.append(None)  # Babel's `if` without `else`: an empty location
            else:
                locations.append((column + 10 * number, column + 10 * number + 3 + rng.randrange(20)))
        hits_here = line_hits[line]
        if hits_here == 0:
            taken = [0] * count
        else:
            taken = [(1 + rng.randrange(hits_here)) if rng.random() < max(ratio, 0.5) else 0 for _ in range(count)]
            if not any(taken):
                taken[rng.randrange(count)] = hits_here
        branches.append((kind, line, locations, taken))
    return {"lines": n_lines, "statements": statements, "functions": functions, "branches": branches}


def derived_lines(model):
    """Istanbul's lines: each statement's start line, with the largest count starting there."""
    lines = {}
    for start, _, _, _, hits in model["statements"]:
        lines[start] = max(lines.get(start, 0), hits)
    return sorted(lines.items())


def span(start_line, start_column, end_line, end_column):
    return {"start": {"line": start_line, "column": start_column}, "end": {"line": end_line, "column": end_column}}


def istanbul_text(path, model):
    absolute = PROJECT_ROOT + "/" + path
    statement_map, counts_s = {}, {}
    for number, (start, start_column, end, end_column, hits) in enumerate(model["statements"]):
        statement_map[str(number)] = span(start, start_column, end, end_column)
        counts_s[str(number)] = hits
    fn_map, counts_f = {}, {}
    for number, (name, start, column, last, hits) in enumerate(model["functions"]):
        fn_map[str(number)] = {
            "name": name,
            "decl": span(start, column + 9, start, column + 9 + len(name)),
            "loc": span(start, column, last, 1),
            "line": start,
        }
        counts_f[str(number)] = hits
    branch_map, counts_b = {}, {}
    for number, (kind, line, locations, taken) in enumerate(model["branches"]):
        spans = [span(line, location[0], line, location[1]) if location else {"start": {}, "end": {}}
                 for location in locations]
        first = next((location for location in locations if location), (0, 1))
        branch_map[str(number)] = {"loc": span(line, first[0], line, first[1] + 20), "type": kind,
                                   "locations": spans, "line": line}
        counts_b[str(number)] = taken
    entry = {"path": absolute, "statementMap": statement_map, "fnMap": fn_map, "branchMap": branch_map,
             "s": counts_s, "f": counts_f, "b": counts_b, "inputSourceMap": None,
             "_coverageSchema": COVERAGE_SCHEMA}
    body = json.dumps(entry, separators=(",", ":"))
    entry_hash = hashlib.sha1(body.encode("utf-8")).hexdigest()
    return json.dumps(absolute) + ": " + body[:-1] + ',"hash":"' + entry_hash + '"}'


def lcov_text(path, model):
    out = ["TN:", "SF:" + path]
    for name, start, _, _, _ in model["functions"]:
        out.append("FN:%d,%s" % (start, name))
    out.append("FNF:%d" % len(model["functions"]))
    out.append("FNH:%d" % sum(1 for function in model["functions"] if function[4] > 0))
    for name, _, _, _, hits in model["functions"]:
        out.append("FNDA:%d,%s" % (hits, name))
    lines = derived_lines(model)
    for line, hits in lines:
        out.append("DA:%d,%d" % (line, hits))
    out.append("LF:%d" % len(lines))
    out.append("LH:%d" % sum(1 for _, hits in lines if hits > 0))
    found = hit = 0
    for block, (_, line, _, taken) in enumerate(model["branches"]):
        for number, count in enumerate(taken):
            out.append("BRDA:%d,%d,%d,%d" % (line, block, number, count))
            found += 1
            hit += count > 0
    out.append("BRF:%d" % found)
    out.append("BRH:%d" % hit)
    out.append("end_of_record")
    return "\n".join(out) + "\n"


def rate(covered, valid):
    """Istanbul's rate: the percentage rounded to two decimals, over 100 (float noise kept)."""
    if valid == 0:
        return 1
    value = round(100.0 * covered / valid, 2) / 100
    return int(value) if value == int(value) else value


def cobertura_counts(model):
    lines = derived_lines(model)
    by_line = {}
    for _, line, _, taken in model["branches"]:
        found, hit = by_line.get(line, (0, 0))
        by_line[line] = (found + len(taken), hit + sum(1 for count in taken if count > 0))
    return lines, by_line


def cobertura_class_text(path, model):
    lines, by_line = cobertura_counts(model)
    covered = sum(1 for _, hits in lines if hits > 0)
    branches_found = sum(found for found, _ in by_line.values())
    branches_hit = sum(hit for _, hit in by_line.values())
    name = path.rsplit("/", 1)[-1]
    out = ['        <class name="%s" filename="%s" line-rate="%s" branch-rate="%s">'
           % (name, path, rate(covered, len(lines)), rate(branches_hit, branches_found))]
    if model["functions"]:
        out.append("          <methods>")
        for function_name, start, _, _, hits in model["functions"]:
            out.append('            <method name="%s" hits="%d" signature="()V">' % (function_name, hits))
            out.append("              <lines>")
            out.append('                <line number="%d" hits="%d"/>' % (start, hits))
            out.append("              </lines>")
            out.append("            </method>")
        out.append("          </methods>")
    else:
        out.append("          <methods/>")
    out.append("          <lines>")
    for line, hits in lines:
        if line in by_line:
            found, hit = by_line[line]
            out.append('            <line number="%d" hits="%d" branch="true" condition-coverage="%d%% (%d/%d)"/>'
                       % (line, hits, (100 * hit) // found, hit, found))
        else:
            out.append('            <line number="%d" hits="%d" branch="false"/>' % (line, hits))
    out.append("          </lines>")
    out.append("        </class>")
    counts = (covered, len(lines), branches_hit, branches_found)
    return "\n".join(out) + "\n", counts


def write_cobertura(out, entries, seed):
    totals = [0, 0, 0, 0]
    for _, _, counts in entries:
        totals = [total + part for total, part in zip(totals, counts)]
    covered, valid, branches_hit, branches_found = totals
    out.write('<?xml version="1.0" ?>\n'
              '<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n')
    out.write('<coverage lines-valid="%d" lines-covered="%d" line-rate="%s" branches-valid="%d" '
              'branches-covered="%d" branch-rate="%s" timestamp="%d" complexity="0" version="0.1">\n'
              % (valid, covered, rate(covered, valid), branches_found, branches_hit,
                 rate(branches_hit, branches_found), 1796400000000 + seed))
    out.write("  <sources>\n    <source>%s</source>\n  </sources>\n  <packages>\n" % PROJECT_ROOT)
    # Istanbul's cobertura reporter writes a package per folder, named with dots.
    index = 0
    while index < len(entries):
        folder = entries[index][0].rsplit("/", 1)[0]
        end = index
        package = [0, 0, 0, 0]
        while end < len(entries) and entries[end][0].rsplit("/", 1)[0] == folder:
            package = [total + part for total, part in zip(package, entries[end][2])]
            end += 1
        out.write('    <package name="%s" line-rate="%s" branch-rate="%s">\n      <classes>\n'
                  % (folder.replace("/", "."), rate(package[0], package[1]), rate(package[2], package[3])))
        for _, text, _ in entries[index:end]:
            out.write(text)
        out.write("      </classes>\n    </package>\n")
        index = end
    out.write("  </packages>\n</coverage>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", required=True, choices=["lcov", "cobertura", "istanbul"])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--files", type=int, default=None, help="exactly this many files (default 1000)")
    size.add_argument("--target-bytes", type=int, default=None,
                      help="add files until the output is about this many bytes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", default="-")
    parser.add_argument("--paths-out", default=None, help="write each file's relative path, one a line")
    args = parser.parse_args()
    if args.files is None and args.target_bytes is None:
        args.files = 1000

    path_rng = random.Random(args.seed * 7919 + 1)
    taken_paths = set()
    entries = []  # (path, text, Cobertura counts or None)
    written = 400  # the header and the closing lines, roughly
    index = 0
    while True:
        if args.files is not None and index >= args.files:
            break
        if args.target_bytes is not None and written >= args.target_bytes:
            break
        rng = random.Random(args.seed * 1000003 + index)
        path = make_path(path_rng, taken_paths)
        model = make_file(rng)
        counts = None
        if args.format == "istanbul":
            text = istanbul_text(path, model)
        elif args.format == "lcov":
            text = lcov_text(path, model)
        else:
            text, counts = cobertura_class_text(path, model)
        written += len(text.encode("utf-8")) + 3
        entries.append((path, text, counts))
        index += 1
    # A folder's files together (Cobertura's packages are folders), then by name.
    entries.sort(key=lambda item: item[0].rsplit("/", 1))

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    if args.format == "istanbul":
        # istanbul-reports' json reporter: one file a line, the comma leading the next.
        out.write("{")
        for number, (_, text, _) in enumerate(entries):
            out.write(("" if number == 0 else "\n,") + text)
        out.write("\n}\n")
    elif args.format == "lcov":
        for _, text, _ in entries:
            out.write(text)
    else:
        write_cobertura(out, entries, args.seed)
    if out is not sys.stdout:
        out.close()
    if args.paths_out:
        with open(args.paths_out, "w", encoding="utf-8", newline="\n") as paths:
            for path, _, _ in entries:
                paths.write(path + "\n")
    print("%d files" % len(entries), file=sys.stderr)


if __name__ == "__main__":
    main()
