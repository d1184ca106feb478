// Opens the generated Allure report in headless Chromium (Debian's) and checks what a person sees: that opening it
// makes no request, the totals (Failed counts contract violations only), known deviations and warnings in categories
// of their own by rule and target, steps named for what they check, and the target's own history.
// Run after the suite and `npm run report` (twice, for history):  node --test tests/report/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { categoriesText, descriptionText, home, label, openReport, openTest, readResults, root, tabText, topLevel } from "./browser.mjs";
import { historyPath, resultsFolder } from "../../tools/report-target.mjs";

const results = resultsFolder();
const report = path.join(process.env.ALLURE_REPORT ?? path.join(root, "TestResults", "allure-report"), "index.html");
const screenshots = path.join(root, "TestResults");

let opened;
const all = () => readResults(results);
const bundled = () => fs.readFileSync(path.join(results, "environment.properties"), "utf8").includes("target = bundled recordings");

before(async () => {
  opened = await openReport(report);
});

after(async () => {
  await opened?.browser.close();
});

test("the report's file has no analytics tag and loads nothing from outside itself", () => {
  const html = fs.readFileSync(report, "utf8");
  assert.doesNotMatch(html, /googletagmanager|gtag\(|dataLayer/, "the awesome plugin's analytics script is removed");
  assert.doesNotMatch(html, /<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?https?:/i, "no tag loads from http(s)");
});

test("the report shows the totals of the results, and Failed counts contract violations only", async () => {
  const { page } = opened;
  const want = all();
  const violations = want.filter((r) => r.status === "failed");
  assert.deepEqual(violations.filter((r) => label(r, "outcome") !== "violation"), [], "every failed result is a contract violation");
  assert.deepEqual(want.filter((r) => ["known", "warning"].includes(label(r, "outcome")) && r.status !== "passed").map((r) => r.fullName), [],
    "known deviations and warnings are passed results");
  await page.screenshot({ path: path.join(screenshots, "allure-report-overview.png"), fullPage: false });
  assert.equal(await tabText(page, "tab-all"), `Total ${want.length}`);
  const failed = await tabText(page, "tab-failed");
  if (violations.length === 0) {
    assert.ok(failed === null || failed === "Failed 0", `no Failed count but 0 (shows ${failed})`);
    assert.match(await page.getByTestId("base-layout").innerText(), /\b100%/, "the ring says 100%");
  } else {
    assert.equal(failed, `Failed ${violations.length}`);
  }
  if (bundled()) assert.equal(violations.length, 0, "the bundled recordings conform but for their known deviations: Failed 0");
});

test("known deviations and warnings are visible in their own categories, by rule and target", async () => {
  const { page } = opened;
  const want = all();
  const known = want.filter((r) => label(r, "outcome") === "known");
  const warnings = want.filter((r) => label(r, "outcome") === "warning");
  if (bundled()) {
    assert.ok(known.length > 0, "the bundled run has known deviations (fixtures/baseline.json)");
    assert.ok(warnings.length > 0, "the bundled run has warnings");
  }
  const text = await categoriesText(page);
  await page.screenshot({ path: path.join(screenshots, "allure-report-categories.png"), fullPage: true });
  if (known.length > 0) assert.match(text, new RegExp(`Known deviations \\(baseline, not failures\\)\\s*${known.length}\\b`));
  if (warnings.length > 0) assert.match(text, new RegExp(`Warnings \\(not failures\\)\\s*${warnings.length}\\b`));
  for (const r of [...known, ...warnings]) {
    const rule = label(r, "rule");
    assert.match(rule, /^[a-z-]+\.[a-z0-9_]+: [A-Z]/, `${r.fullName} names its rules (${rule})`);
    assert.ok(text.includes(rule), `the categories show the rule ${rule}`);
    assert.ok(text.includes(label(r, "target")), `the categories show the target ${label(r, "target")}`);
  }
  assert.doesNotMatch(text, /\n(Received|Where): /, "categories are by rule, not by the whole message");
});

test("a known deviation opens as passed, with its reason on the first page; its step is marked known", async () => {
  const { page } = opened;
  const known = all().filter((r) => label(r, "outcome") === "known").sort((a, b) => a.fullName.localeCompare(b.fullName))[0];
  if (!known) return;
  await openTest(page, known.name);
  assert.equal(await page.getByTestId("test-result-status-passed").count(), 1, "shown as passed");
  assert.match(await page.getByTestId("base-layout").innerText(), /Category: Known deviations \(baseline, not failures\)/);
  const description = await descriptionText(page);
  assert.match(description, /Not failures of the run, shown for review:/);
  assert.match(description, /known deviation/);
  assert.match(description, /Known because: /);
  const steps = await page.getByTestId("test-result-step-title").allInnerTexts();
  assert.ok(steps.some((s) => s.endsWith("(known deviation)")), `a step is marked known deviation: ${steps.join(" | ")}`);
  await page.screenshot({ path: path.join(screenshots, "allure-report-known-deviation.png"), fullPage: false });
});

test("a warning is readable on the result's first page, without opening steps", async () => {
  const { page } = opened;
  const warning = all().filter((r) => label(r, "outcome") === "warning").sort((a, b) => a.fullName.localeCompare(b.fullName))[0];
  if (!warning) return;
  await openTest(page, warning.name);
  assert.equal(await page.getByTestId("test-result-status-passed").count(), 1, "shown as passed");
  assert.match(await page.getByTestId("base-layout").innerText(), /Category: Warnings \(not failures\)/);
  const description = await descriptionText(page);
  const first = warning.statusDetails.message.split("\n").find((l) => l.startsWith("["));
  assert.ok(description.includes(first), `the description shows ${first}`);
  assert.match(description, /Received: /);
});

test("a conforming check's steps are named for what they check", async () => {
  const { page } = opened;
  const headers = all().filter((r) => label(r, "story") === "headers" && label(r, "outcome") === "conforms")
    .sort((a, b) => a.fullName.localeCompare(b.fullName))[0];
  assert.ok(headers, "the results hold a conforming headers check");
  await openTest(page, headers.name);
  const steps = await page.getByTestId("test-result-step-title").allInnerTexts();
  assert.ok(steps.includes("headers.content_type: Content-Type is application/json"), `steps: ${steps.join(" | ")}`);
  assert.ok(!steps.some((s) => s.includes("is not application/json")), "no passed step is named for the failure");
});

test("the tree starts with the targets judged (recordings or cloud, and profile)", async () => {
  const { page } = opened;
  await home(page);
  const titles = await topLevel(page);
  const targets = [...new Set(all().map((r) => label(r, "parentSuite")).filter(Boolean))].sort();
  assert.ok(targets.length > 0);
  const run = titles.filter((t) => !targets.includes(t));
  assert.deepEqual(titles.filter((t) => targets.includes(t)).sort(), targets, `the tree's top level shows the targets: ${titles.join(" | ")}`);
  assert.ok(run.every((t) => t === "run"), `nothing else at the top but the run's own results: ${run.join(" | ")}`);
});

test("history is this target's own, carried over between runs", () => {
  const file = historyPath(results);
  assert.ok(fs.existsSync(file), `no history at ${file}: run 'npm run report'`);
  const runs = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim().length > 0).map((l) => JSON.parse(l));
  assert.ok(runs.length >= 2, `the history file holds ${runs.length} run(s); run the suite and 'npm run report' twice`);
  const names = new Set(all().map((r) => r.fullName));
  for (const run of runs.slice(-2)) {
    const judged = Object.values(run.testResults).map((r) => r.fullName);
    const foreign = judged.filter((n) => !names.has(n));
    assert.deepEqual(foreign.slice(0, 5), [], `a run in this target's history judged only what these results judge (${foreign.length} others)`);
  }
});

test("nothing the page did left the file", async () => {
  const { page, nonLocal, requests } = opened;
  await home(page);
  await page.waitForTimeout(500);
  assert.ok(requests.some((u) => u.startsWith("file://")), "requests are recorded (the page itself at least)");
  assert.deepEqual(nonLocal(), [], "no request for anything but the file and what it inlines");
});
