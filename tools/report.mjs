// `npm run report`: builds the Allure 3 report of a results folder and makes sure that opening it makes no request.
//
//   node tools/report.mjs [RESULTS]   (RESULTS: else CONFORMANCE_ALLURE_RESULTS, else TestResults/allure-results)
//
// 1. Picks the history of the target the results judged (tools/report-target.mjs): TestResults/allure-history/
//    <target>.jsonl, from environment.properties `target` and `profile`, or REPORT_TARGET when set.
// 2. Runs `allure generate` with allurerc.mjs (one self-contained index.html that opens from disk).
// 3. Removes the analytics tag that Allure 3's awesome plugin writes into every report (its generator fixes
//    `analyticsEnable: true`; no option turns it off): a script from a third party's host and the inline script that
//    feeds it. The step fails when the tag is not found exactly as expected, so that an upgrade that changes what the
//    generator writes cannot bring the call back unnoticed; then checks that no tag in the page loads anything from
//    outside the file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { historyPath, resultsFolder, root, targetKey } from "./report-target.mjs";

// What plugin-awesome 3.x writes (dist/generators.js, the `{{#if analyticsEnable}}` block of its template).
const ANALYTICS = /[ \t]*<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[A-Za-z0-9-]+"><\/script>\s*<script>\s*window\.dataLayer = window\.dataLayer \|\| \[\];\s*function gtag\(\)\{dataLayer\.push\(arguments\);\}[\s\S]*?<\/script>\r?\n?/g;

/** Removes the analytics tag from the report's HTML; throws unless it was there exactly once and nothing of it is left. */
export function withoutAnalytics(html) {
  const found = html.match(ANALYTICS) ?? [];
  if (found.length !== 1) {
    throw new Error(`expected the awesome plugin's analytics tag exactly once in index.html, found it ${found.length} time(s): `
      + "the generator changed; look at what node_modules/@allurereport/plugin-awesome/dist/generators.js writes now and update tools/report.mjs");
  }
  const stripped = html.replace(ANALYTICS, "");
  const left = outsideRequests(stripped);
  if (left.length > 0) throw new Error(`the report still loads from outside the file: ${left.join(", ")}`);
  return stripped;
}

/** The src/href of the page's tags that point outside the file (anything but data:, blob:, '#' and about:blank). */
export function outsideRequests(html) {
  const outside = [];
  for (const tag of html.matchAll(/<(?:script|link|img|iframe|source|embed|object|base|meta)\b[^>]*>/gi)) {
    for (const attr of tag[0].matchAll(/\b(src|href|data|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const name = attr[1].toLowerCase();
      const value = (attr[2] ?? attr[3] ?? attr[4] ?? "").trim();
      if (name === "content" && !/^\d+\s*;\s*url=/i.test(value)) continue; // only <meta http-equiv="refresh"> loads
      if (/^(data:|blob:|#|about:blank$)/i.test(value) || value.length === 0) continue;
      outside.push(value.length > 80 ? value.slice(0, 80) + "…" : value);
    }
  }
  if (/googletagmanager|google-analytics|gtag\(/i.test(html)) outside.push("an analytics reference");
  return outside;
}

function main() {
  const results = resultsFolder(process.argv[2]);
  if (!fs.existsSync(results)) {
    console.error(`no results at ${results}: run the suite first`);
    process.exit(2);
  }
  const history = historyPath(results);
  fs.mkdirSync(path.dirname(history), { recursive: true });
  console.log(`report of ${path.relative(root, results) || "."}: target ${targetKey(results)}, history ${path.relative(root, history)}`);
  const allure = path.join(root, "node_modules", "allure", "cli.js");
  const run = spawnSync(process.execPath, [allure, "generate", results, "--config", path.join(root, "allurerc.mjs")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, REPORT_HISTORY_PATH: history, CONFORMANCE_ALLURE_RESULTS: results },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const output = path.resolve(root, process.env.ALLURE_REPORT ?? path.join("TestResults", "allure-report"));
  const index = path.join(output, "index.html");
  fs.writeFileSync(index, withoutAnalytics(fs.readFileSync(index, "utf8")));
  console.log(`${path.relative(root, index)}: analytics tag removed; the page loads nothing from outside the file`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main();
