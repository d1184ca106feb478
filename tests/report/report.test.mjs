// Opens the generated Allure report in headless Chromium (Debian's) and checks what a person sees: the totals,
// a failed check with its violation text and attachments, and the history carried over from earlier runs.
// Run after the suite and `npm run report`:  node --test tests/report/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const root = path.resolve(import.meta.dirname, "..", "..");
const results = process.env.CONFORMANCE_ALLURE_RESULTS ?? path.join(root, "TestResults", "allure-results");
const report = path.join(process.env.ALLURE_REPORT ?? path.join(root, "TestResults", "allure-report"), "index.html");
const history = path.join(root, "TestResults", "allure-history.jsonl");
const screenshots = path.join(root, "TestResults");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

let browser;
let page;

/** What the results folder says the report must show. */
function expected() {
  const all = fs.readdirSync(results).filter((f) => f.endsWith("-result.json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(results, f), "utf8")));
  return {
    total: all.length,
    failed: all.filter((r) => r.status === "failed").length,
    firstFailed: all.filter((r) => r.status === "failed").sort((a, b) => a.fullName.localeCompare(b.fullName))[0],
  };
}

before(async () => {
  assert.ok(fs.existsSync(report), `no report at ${report}: run the suite and 'npm run report' first`);
  assert.ok(fs.existsSync(chromiumPath), `no Chromium at ${chromiumPath}: apt-get install chromium`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto("file://" + report);
  await page.getByTestId("tab-all").waitFor();
});

after(async () => {
  await browser?.close();
});

test("the report shows the totals of the results", async () => {
  const want = expected();
  await page.screenshot({ path: path.join(screenshots, "allure-report-overview.png"), fullPage: false });
  assert.match(await page.getByTestId("tab-all").innerText(), new RegExp(`^Total\\s*${want.total}$`));
  assert.match(await page.getByTestId("tab-failed").innerText(), new RegExp(`^Failed\\s*${want.failed}$`));
});

test("a failed check shows its violation text and the exchange's attachments", async () => {
  const want = expected().firstFailed;
  assert.ok(want, "the results hold no failed test (the bundled recordings have known deviations that should be failed and known)");
  await page.getByTestId("search-input").fill(want.name);
  await page.getByTestId("tab-failed").click();
  const leaf = page.getByTestId("tree-leaf").filter({ hasText: want.name }).first();
  await leaf.click();
  await page.getByText("Documented:").first().waitFor();
  const body = await page.locator("body").innerText();
  const firstViolation = want.statusDetails.message.split("\n").find((l) => l.startsWith("["));
  assert.ok(body.includes(firstViolation), `the page shows the violation line ${firstViolation}`);
  assert.match(body, /Received: /);
  assert.match(body, /Documented: /);
  await page.screenshot({ path: path.join(screenshots, "allure-report-failed-check.png"), fullPage: false });

  const tab = page.getByTestId("test-result-tab-attachments");
  assert.match(await tab.innerText(), /^Attachments\s*4$/, "four attachments: violations, request, response, curl");
  await tab.click();
  const attachments = await page.locator("body").innerText();
  for (const name of ["Violations", "Request", "Response", "Reproduce with curl"]) {
    assert.ok(attachments.includes(name), `attachment ${name} is listed`);
  }
  await page.screenshot({ path: path.join(screenshots, "allure-report-attachments.png"), fullPage: false });
});

test("history is carried over between runs", () => {
  const runs = fs.readFileSync(history, "utf8").split("\n").filter((l) => l.trim().length > 0);
  assert.ok(runs.length >= 2, `the history file holds ${runs.length} run(s); run the suite and 'npm run report' twice`);
});
