// Groups a `twiggy top --format csv` listing of a wasm file (built with its names kept) by
// who owns each item: covscope's own code by module (`covscope::core::formats`), every
// other crate by name, the data segments and the unnamed runtime apart. Prints a markdown
// table of the largest groups, with each group's share of the whole (the name sections the
// names-kept build adds are left out).
//
//   node scripts/wasm-parts.mjs <twiggy.csv> [how many rows, default 10]
import fs from 'node:fs';

const [csvPath, rowCountText] = process.argv.slice(2);
if (!csvPath) {
  console.error('usage: node scripts/wasm-parts.mjs <twiggy.csv> [rows]');
  process.exit(2);
}
const rowCount = Number(rowCountText ?? 10);

/** Splits one CSV line (twiggy quotes names that hold commas). */
function csvFields(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const character = line[i];
    if (quoted && character === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (character === '"') {
      quoted = !quoted;
    } else if (character === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += character;
    }
  }
  fields.push(field);
  return fields;
}

/** Owners that name a whole group rather than a crate. */
const SPECIAL_OWNERS = [
  [/^(data\[|data segment)/, 'data segments (strings, tables, constants)'],
  [/^(code|func)\[/, 'unnamed functions (runtime, glue)'],
  [/^(<(str|char|bool|[iuf](8|16|32|64|128|size))\b|__|compiler_builtins|memcpy|memmove|memset|memcmp)/, 'Rust runtime (core, alloc, std)'],
  [/^(elem|table|type|import|export|global|memory|custom section)\b/i, 'wasm sections (imports, exports, tables)'],
];

/** Items only the names-kept build has: they are not part of the release's bytes. */
const NAMES_ONLY = /names" subsection$|^"?name"? section|^custom section "name"/;

/** The crate (or covscope module) an item's name belongs to. */
function ownerOf(name) {
  for (const [pattern, owner] of SPECIAL_OWNERS) {
    if (pattern.test(name)) return owner;
  }
  // The first path in the name: `<alloc::vec::Vec<T> as Clone>::clone` is alloc's.
  const path = /([A-Za-z_][A-Za-z0-9_]*)::([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?/.exec(name);
  if (!path) return 'other named items';
  const [, crate, module, submodule] = path;
  if (crate === 'covscope') {
    return submodule && (module === 'core' || module === 'app') ? `covscope::${module}::${submodule}` : `covscope::${module}`;
  }
  if (['core', 'alloc', 'std', 'compiler_builtins', 'dlmalloc'].includes(crate)) return 'Rust runtime (core, alloc, std)';
  return crate;
}

const lines = fs.readFileSync(csvPath, 'utf8').split('\n').filter(Boolean);
const header = csvFields(lines[0]);
const nameColumn = header.findIndex((field) => /name/i.test(field));
const sizeColumn = header.findIndex((field) => /shallow ?size$/i.test(field.replace(/_/g, ' ')));
if (nameColumn < 0 || sizeColumn < 0) throw new Error(`wasm-parts: unexpected twiggy header: ${lines[0]}`);
const groups = new Map();
let total = 0;
for (const line of lines.slice(1)) {
  const fields = csvFields(line);
  const name = fields[nameColumn];
  const size = Number(fields[sizeColumn]);
  if (!Number.isFinite(size) || /^Σ|^total/i.test(name) || NAMES_ONLY.test(name)) continue;
  total += size;
  const owner = ownerOf(name);
  groups.set(owner, (groups.get(owner) ?? 0) + size);
}
const sorted = [...groups.entries()].sort((a, b) => b[1] - a[1]);
console.log('| part | bytes | share |');
console.log('|---|---:|---:|');
for (const [owner, size] of sorted.slice(0, rowCount)) {
  console.log(`| ${owner} | ${size.toLocaleString('en-US')} | ${((100 * size) / total).toFixed(1)}% |`);
}
const rest = sorted.slice(rowCount).reduce((sum, [, size]) => sum + size, 0);
console.log(`| everything else (${Math.max(0, sorted.length - rowCount)} parts) | ${rest.toLocaleString('en-US')} | ${((100 * rest) / total).toFixed(1)}% |`);
console.log(`| **all** | ${total.toLocaleString('en-US')} | 100% |`);
