// Compares the outcome of every test in two TRX files (a live run and the replay of its recording) and fails when
// any test is missing from one of them or ends differently. Run-level tests that do not judge an exchange
// ("baseline entries not matched") are ignored.
// Usage: node tools/compare-verdicts.mjs live.trx replay.trx
import fs from "node:fs";

const outcomes = (file) => {
  const text = fs.readFileSync(file, "utf8");
  const map = new Map();
  for (const m of text.matchAll(/<UnitTestResult\b[^>]*>/g)) {
    const name = /testName="([^"]*)"/.exec(m[0])?.[1];
    const outcome = /outcome="([^"]*)"/.exec(m[0])?.[1];
    if (name && name !== "baseline entries not matched") map.set(name, outcome);
  }
  return map;
};

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: node tools/compare-verdicts.mjs first.trx second.trx");
  process.exit(2);
}
const first = outcomes(a);
const second = outcomes(b);
const differences = [];
for (const name of new Set([...first.keys(), ...second.keys()])) {
  if (first.get(name) !== second.get(name)) differences.push(`${name}: ${first.get(name) ?? "missing"} vs ${second.get(name) ?? "missing"}`);
}
if (first.size === 0) differences.push(`${a} holds no test result`);
for (const d of differences) console.error(d);
console.log(`${first.size} tests compared: ${differences.length === 0 ? "same verdicts" : `${differences.length} differ`}`);
process.exit(differences.length === 0 ? 0 : 1);
