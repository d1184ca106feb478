// Reads an Allure results folder written by the suite and prints a Markdown summary: counts per check group and
// one line per contract violation, known deviation and unjudgeable test. Appends it to $GITHUB_STEP_SUMMARY when
// that is set. Exit status: 0 when the target conforms (known deviations and warnings allowed), 1 on contract
// violations that are not baselined, 2 when anything could not be judged: the target was unreachable, the suite
// could not judge a file or an exchange (broken), the run did not finish, or it judged nothing at all.
// Usage: node tools/conformance-summary.mjs [results-folder[,results-folder...]] [title]
// The folder defaults to $CONFORMANCE_ALLURE_RESULTS (as the suite resolves it: the current folder, then the
// repository root), else TestResults/allure-results under the repository root.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const setting = process.env.CONFORMANCE_ALLURE_RESULTS?.trim();
const defaultFolder = !setting ? path.join(root, "TestResults", "allure-results")
  : path.isAbsolute(setting) ? setting
  : [path.resolve(setting), path.join(root, setting)].find((p) => fs.existsSync(p)) ?? path.join(root, setting);
// Several folders (the parts of a sharded run) are given joined by commas; they are summarised as one run.
const folders = (process.argv[2] ?? defaultFolder).split(",").filter((f) => f.length > 0);
const title = process.argv[3] ?? "Image-details conformance";

const cannotJudge = (why) => {
  const markdown = [`## ${title}`, "", `**Could not be judged**: ${why}`, ""].join("\n");
  console.log(markdown);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown + "\n");
  process.exit(2);
};

const results = [];
const judged = [];
for (const folder of folders) {
  if (!fs.existsSync(folder)) cannotJudge(`there are no Allure results at ${folder} (did the suite run, with AllureResults pointing there?)`);

  // environment.properties says what was judged and whether the run finished (the suite writes "run = finished"
  // only once every result is on disk).
  const environment = new Map();
  const environmentFile = path.join(folder, "environment.properties");
  if (fs.existsSync(environmentFile)) {
    for (const line of fs.readFileSync(environmentFile, "utf8").split("\n")) {
      const at = line.indexOf(" = ");
      if (at > 0) environment.set(line.slice(0, at).replace(/\\(.)/g, "$1"), line.slice(at + 3).replace(/\\(.)/g, "$1"));
    }
  }
  const shard = environment.get("shard") && environment.get("shard") !== "all entries" ? `, part ${environment.get("shard")}` : "";
  const judgedWhat = environment.get("target") ? `${environment.get("target")} (${environment.get("mode") ?? "?"} mode, profile ${environment.get("profile") ?? "?"}${shard})` : "";

  const own = [];
  for (const f of fs.readdirSync(folder).filter((f) => f.endsWith("-result.json"))) {
    try {
      own.push(JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")));
    } catch (e) {
      cannotJudge(`the result file ${f} in ${folder} cannot be read: ${e.message}`);
    }
  }
  if (environment.get("run") !== "finished") {
    cannotJudge(`the run that wrote ${folder} did not finish (${environment.has("run") ? `its state is "${environment.get("run")}"` : "no run state in environment.properties"}), so its ${own.length} results are incomplete${judgedWhat ? `; it was judging ${judgedWhat}` : ""}`);
  }
  if (own.length === 0 && !shard) cannotJudge(`the run wrote no results to ${folder}${judgedWhat ? ` while judging ${judgedWhat}` : ""}`);
  results.push(...own);
  if (judgedWhat) judged.push(judgedWhat);
}
if (results.length === 0) cannotJudge(`the runs wrote no results to ${folders.join(", ")}`);
const judgedWhat = [...new Set(judged)].join("; ");
const label = (r, name) => r.labels?.find((l) => l.name === name)?.value ?? "";
const kind = (r) => r.status === "broken" ? "broken"
  : label(r, "outcome") === "known" || (r.status === "failed" && r.statusDetails?.known) ? "known"
  : r.status === "failed" ? "violation"
  : r.status === "skipped" ? "not judged"
  : label(r, "outcome") === "warning" ? "warning" : "passed";

// A result the suite wrote for many exchanges at once (a large run lists only some one by one) says how many.
const weight = (r) => Number(r.parameters?.find((p) => p.name === "exchanges counted")?.value ?? 1);
const groups = new Map();
for (const r of results) {
  const g = label(r, "story") || "run";
  const row = groups.get(g) ?? { passed: 0, warning: 0, known: 0, violation: 0, "not judged": 0, broken: 0 };
  row[kind(r)] += weight(r);
  groups.set(g, row);
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const count = (k) => results.filter((r) => kind(r) === k).reduce((n, r) => n + weight(r), 0);
const firstLines = (r) => (r.statusDetails?.message ?? "").split("\n").filter((l) => l.startsWith("[")).map((l) => l.trim());
const lines = [
  `## ${title}`,
  "",
  ...(judgedWhat ? [`Judged: ${judgedWhat}.`, ""] : []),
  `${plural(results.reduce((n, r) => n + weight(r), 0), "check")}: ${count("passed")} passed, ${count("warning")} with warnings, ${count("known")} known deviations, ` +
    `**${count("violation")} contract violations**, ${count("not judged")} not judged, **${count("broken")} unreachable or suite errors**.`,
  "",
  "| check group | passed | warnings | known | violations | not judged | broken |",
  "|---|---|---|---|---|---|---|",
  ...[...groups.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([g, c]) => `| ${g} | ${c.passed} | ${c.warning} | ${c.known} | ${c.violation} | ${c["not judged"]} | ${c.broken} |`),
  "",
];
const listed = (k, heading) => {
  const items = results.filter((r) => kind(r) === k && !r.parameters?.some((p) => p.name === "exchanges counted")).sort((a, b) => a.fullName.localeCompare(b.fullName));
  if (items.length === 0) return;
  lines.push(`### ${heading}`, "");
  // A job summary stays readable: the first lines of each kind, then a count (the report lists every one).
  const shown = [];
  for (const r of items) {
    const found = firstLines(r);
    if (found.length === 0) shown.push(`- \`${r.fullName}\`: ${(r.statusDetails?.message ?? "").split("\n")[0]}`);
    for (const f of found) shown.push(`- \`${r.fullName}\`: ${f.replace(/\|/g, "\\|")}`);
  }
  lines.push(...shown.slice(0, 200));
  if (shown.length > 200) lines.push(`- ... and ${shown.length - 200} more (see the report)`);
  lines.push("");
};
listed("violation", "Contract violations");
listed("broken", "Target unreachable or suite error");
listed("known", "Known deviations (baseline)");
listed("warning", "Warnings (oddities no document forbids; never failures)");

const judgedGroups = results.filter((r) => ["passed", "warning", "known", "violation"].includes(kind(r))).reduce((n, r) => n + weight(r), 0);
if (count("broken") > 0) lines.push(`**Could not be judged**: ${count("broken")} results are broken (see above).`);
else if (judgedGroups === 0) lines.push("**Could not be judged**: no check group of any exchange was judged.");
const exit = count("broken") > 0 || judgedGroups === 0 ? 2 : count("violation") > 0 ? 1 : 0;
const markdown = lines.join("\n");
console.log(markdown);
if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown + "\n");
process.exit(exit);
