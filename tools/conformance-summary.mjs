// Reads an Allure results folder written by the suite and prints a Markdown summary: counts per check group and
// one line per contract violation, known deviation and unjudgeable test. Appends it to $GITHUB_STEP_SUMMARY when
// that is set. Exit status: 0 when the target conforms (known deviations and warnings allowed), 1 on contract
// violations that are not baselined, 2 when the target was unreachable or the suite could not judge (broken).
// Usage: node tools/conformance-summary.mjs [results-folder] [title]
import fs from "node:fs";
import path from "node:path";

const folder = process.argv[2] ?? path.join(process.cwd(), "TestResults", "allure-results");
const title = process.argv[3] ?? "Image-details conformance";
if (!fs.existsSync(folder)) {
  console.error(`no Allure results at ${folder}`);
  process.exit(2);
}

const results = fs.readdirSync(folder).filter((f) => f.endsWith("-result.json"))
  .map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")));
const label = (r, name) => r.labels?.find((l) => l.name === name)?.value ?? "";
const kind = (r) => r.status === "broken" ? "broken"
  : r.status === "failed" && r.statusDetails?.known ? "known"
  : r.status === "failed" ? "violation"
  : r.status === "skipped" ? "not judged"
  : label(r, "outcome") === "warning" ? "warning" : "passed";

const groups = new Map();
for (const r of results) {
  const g = label(r, "story") || "run";
  const row = groups.get(g) ?? { passed: 0, warning: 0, known: 0, violation: 0, "not judged": 0, broken: 0 };
  row[kind(r)]++;
  groups.set(g, row);
}

const count = (k) => results.filter((r) => kind(r) === k).length;
const firstLines = (r) => (r.statusDetails?.message ?? "").split("\n").filter((l) => l.startsWith("[")).map((l) => l.trim());
const lines = [
  `## ${title}`,
  "",
  `${results.length} checks: ${count("passed")} passed, ${count("warning")} with warnings, ${count("known")} known deviations, ` +
    `**${count("violation")} contract violations**, ${count("not judged")} not judged, **${count("broken")} unreachable or suite errors**.`,
  "",
  "| check group | passed | warnings | known | violations | not judged | broken |",
  "|---|---|---|---|---|---|---|",
  ...[...groups.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([g, c]) => `| ${g} | ${c.passed} | ${c.warning} | ${c.known} | ${c.violation} | ${c["not judged"]} | ${c.broken} |`),
  "",
];
const listed = (k, heading) => {
  const items = results.filter((r) => kind(r) === k).sort((a, b) => a.fullName.localeCompare(b.fullName));
  if (items.length === 0) return;
  lines.push(`### ${heading}`, "");
  for (const r of items) {
    const found = firstLines(r);
    if (found.length === 0) lines.push(`- \`${r.fullName}\`: ${(r.statusDetails?.message ?? "").split("\n")[0]}`);
    for (const f of found) lines.push(`- \`${r.fullName}\`: ${f.replace(/\|/g, "\\|")}`);
  }
  lines.push("");
};
listed("violation", "Contract violations");
listed("broken", "Target unreachable or suite error");
listed("known", "Known deviations (baseline)");

const markdown = lines.join("\n");
console.log(markdown);
if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown + "\n");
process.exit(count("broken") > 0 ? 2 : count("violation") > 0 ? 1 : 0);
