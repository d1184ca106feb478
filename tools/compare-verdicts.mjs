// Compares the verdicts of two runs (a live run and the replay of its recording) and fails when any verdict is
// missing from one of them or ends differently. Each argument is a TRX file (one outcome per test: the run and each
// check group) or an Allure results folder (one status per exchange and check group, the finer comparison).
// Results that do not judge an exchange (baseline entries not matched, counted summaries) are ignored.
// Usage: node tools/compare-verdicts.mjs live.trx replay.trx   |   node tools/compare-verdicts.mjs live-results/ replay-results/
import fs from "node:fs";
import path from "node:path";

const fromTrx = (file) => {
  const text = fs.readFileSync(file, "utf8");
  const map = new Map();
  for (const m of text.matchAll(/<UnitTestResult\b[^>]*>/g)) {
    const name = /testName="([^"]*)"/.exec(m[0])?.[1];
    const outcome = /outcome="([^"]*)"/.exec(m[0])?.[1];
    if (name) map.set(name, outcome);
  }
  return map;
};

const fromAllure = (folder) => {
  const map = new Map();
  for (const f of fs.readdirSync(folder).filter((f) => f.endsWith("-result.json"))) {
    const r = JSON.parse(fs.readFileSync(path.join(folder, f), "utf8"));
    const story = r.labels?.find((l) => l.name === "story")?.value;
    if (story === "baseline" || r.fullName.includes("(counted, not listed one by one)")) continue;
    map.set(r.fullName, `${r.status}${r.statusDetails?.known ? " (known)" : ""}`);
  }
  return map;
};

const outcomes = (p) => (fs.statSync(p).isDirectory() ? fromAllure(p) : fromTrx(p));

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: node tools/compare-verdicts.mjs first.trx|first-results/ second.trx|second-results/");
  process.exit(2);
}
const first = outcomes(a);
const second = outcomes(b);
const differences = [];
for (const name of new Set([...first.keys(), ...second.keys()])) {
  if (first.get(name) !== second.get(name)) differences.push(`${name}: ${first.get(name) ?? "missing"} vs ${second.get(name) ?? "missing"}`);
}
if (first.size === 0) differences.push(`${a} holds no result`);
for (const d of differences) console.error(d);
console.log(`${first.size} verdicts compared: ${differences.length === 0 ? "same verdicts" : `${differences.length} differ`}`);
process.exit(differences.length === 0 ? 0 : 1);
