// A run with contract violations, end to end: judges the rackspace recordings under the nova profile (which they
// break), builds its report with `tools/report.mjs` into TestResults/report-check/ (its own history folder), opens it
// in Chromium and checks that the violations are the Failed count, by rule and target in the categories, with the
// violation text, the attachments and a curl line on the failed check's page; and that nothing leaves the file.
// Needs the suite built (dotnet build Conformance.sln).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { categoriesText, label, openReport, openTest, readResults, root, tabText } from "./browser.mjs";

const check = path.join(root, "TestResults", "report-check", "rackspace-as-nova");
const results = path.join(check, "allure-results");
const output = path.join(check, "allure-report");
const screenshots = path.join(root, "TestResults");
let opened;

function run(command, args, env) {
  const done = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (done.error) throw done.error;
  return done;
}

before(async () => {
  fs.rmSync(check, { recursive: true, force: true });
  const suite = run("dotnet", ["test", "tests/Conformance.Tests", "--no-build"], {
    CONFORMANCE_RECORDING: "fixtures/rackspace", CONFORMANCE_PROFILE: "nova", CONFORMANCE_ALLURE_RESULTS: results,
  });
  assert.notEqual(suite.status, 0, "judging the rackspace recordings under the nova profile finds violations");
  assert.ok(fs.existsSync(path.join(results, "environment.properties")), `the run wrote results: ${suite.stdout.slice(-2000)}`);
  const report = run(process.execPath, ["tools/report.mjs", results], { ALLURE_REPORT: output, REPORT_HISTORY_DIR: path.join(check, "allure-history") });
  assert.equal(report.status, 0, report.stderr + report.stdout);
  assert.match(report.stdout, /analytics tag removed/);
  opened = await openReport(path.join(output, "index.html"));
});

after(async () => {
  await opened?.browser.close();
});

test("the violations are the Failed count, and only they", async () => {
  const all = readResults(results);
  const violations = all.filter((r) => label(r, "outcome") === "violation");
  assert.ok(violations.length > 0, "the run has contract violations");
  assert.deepEqual(all.filter((r) => r.status === "failed").map((r) => r.fullName).sort(), violations.map((r) => r.fullName).sort());
  assert.equal(await tabText(opened.page, "tab-failed"), `Failed ${violations.length}`);
  assert.equal(await tabText(opened.page, "tab-all"), `Total ${all.length}`);
});

test("the contract violations category lists each rule broken, then the target that breaks it", async () => {
  const violations = readResults(results).filter((r) => label(r, "outcome") === "violation");
  const text = await categoriesText(opened.page);
  await opened.page.screenshot({ path: path.join(screenshots, "allure-report-violations-categories.png"), fullPage: true });
  assert.match(text, new RegExp(`Contract violations\\s*${violations.length}\\b`));
  for (const r of violations) {
    assert.match(label(r, "rule"), /^[a-z-]+\.[a-z0-9_]+: /);
    const at = text.indexOf(label(r, "rule"));
    assert.ok(at >= 0, `the category shows the rule ${label(r, "rule")}`);
    assert.ok(text.indexOf(label(r, "target"), at) > at, `under it, the target ${label(r, "target")}`);
  }
  assert.match(text, /headers\.request_id_present: Request id header missing/, "rackspace sends no request id, which nova documents");
});

test("a failed check shows its violation text, the exchange's attachments and a curl line", async () => {
  const want = readResults(results).filter((r) => r.status === "failed").sort((a, b) => a.fullName.localeCompare(b.fullName))[0];
  const { page } = opened;
  await openTest(page, want.name);
  assert.equal(await page.getByTestId("test-result-status-failed").count(), 1);
  await page.getByText("Documented:").first().waitFor();
  const body = await page.getByTestId("base-layout").innerText();
  const firstViolation = want.statusDetails.message.split("\n").find((l) => l.startsWith("["));
  assert.ok(body.includes(firstViolation), `the page shows the violation line ${firstViolation}`);
  assert.match(body, /Received: /);
  const steps = await page.getByTestId("test-result-step-title").allInnerTexts();
  const broken = firstViolation.match(/^\[([^\]]+)\] (.*)$/);
  assert.ok(steps.includes(`${broken[1]}: ${broken[2]}`), `the failing step is named for the failure: ${steps.join(" | ")}`);
  await page.screenshot({ path: path.join(screenshots, "allure-report-failed-check.png"), fullPage: false });

  const tab = page.getByTestId("test-result-tab-attachments");
  assert.match(await tab.innerText(), /^Attachments\s*4$/, "four attachments: violations, request, response, curl");
  await tab.click();
  const attachments = await page.getByTestId("base-layout").innerText();
  for (const name of ["Violations", "Request", "Response", "Reproduce with curl"]) {
    assert.ok(attachments.includes(name), `attachment ${name} is listed`);
  }
  const curl = fs.readFileSync(path.join(results, want.attachments.find((a) => a.name === "Reproduce with curl").source), "utf8");
  assert.match(curl, /^curl -i .* --url 'https?:\/\/[^']+'$/);
  await page.screenshot({ path: path.join(screenshots, "allure-report-attachments.png"), fullPage: false });
});

test("nothing the page did left the file", () => {
  assert.ok(opened.requests.length > 0);
  assert.deepEqual(opened.nonLocal(), []);
});
