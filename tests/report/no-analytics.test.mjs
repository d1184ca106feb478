// tools/report.mjs removes the analytics tag Allure 3's awesome plugin writes, and fails loudly when the generator
// no longer writes it as expected. Runs without a browser or a report.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { outsideRequests, withoutAnalytics } from "../../tools/report.mjs";
import { slug, targetName } from "../../tools/report-target.mjs";

const generator = path.resolve(import.meta.dirname, "..", "..", "node_modules", "@allurereport", "plugin-awesome", "dist", "generators.js");

/** The analytics block of the installed generator's template, filled in as it would be. */
function emitted() {
  const source = fs.readFileSync(generator, "utf8");
  const block = source.match(/\{\{#if analyticsEnable\}\}([\s\S]*?)\{\{\/if\}\}/);
  assert.ok(block, "the installed awesome plugin still has its analytics block (else look again at what it writes)");
  return block[1].replaceAll("{{ allureVersion }}", "3.18.0").replaceAll("{{ reportUuid }}", "u").replaceAll("{{singleFile}}", "true");
}

const page = (middle) => `<!DOCTYPE html><html><head><link rel="icon" href="data:image/svg+xml,x"></head><body>\n<script src="data:text/javascript;base64,AAAA"></script>\n${middle}\n<script async>window.allureReportData = "x"</script>\n</body></html>`;

test("the installed generator's analytics tag is removed, and nothing else", () => {
  const html = page(emitted());
  assert.match(html, /googletagmanager/);
  const stripped = withoutAnalytics(html);
  assert.doesNotMatch(stripped, /googletagmanager|gtag|dataLayer/);
  assert.equal(stripped.replace(/\s+/g, ""), page("").replace(/\s+/g, ""), "only the analytics block goes");
});

test("a report without the expected tag fails loudly", () => {
  assert.throws(() => withoutAnalytics(page("")), /expected the awesome plugin's analytics tag exactly once/);
  assert.throws(() => withoutAnalytics(page(emitted() + emitted())), /found it 2 time/);
});

test("a changed analytics tag or any other outside load is refused", () => {
  const changed = emitted().replace("www.googletagmanager.com/gtag/js", "www.googletagmanager.com/gtm.js");
  assert.throws(() => withoutAnalytics(page(changed)));
  assert.deepEqual(outsideRequests(page('<script src="https://cdn.example/x.js"></script>')), ["https://cdn.example/x.js"]);
  assert.deepEqual(outsideRequests(page('<link rel="stylesheet" href="//fonts.example/f.css">')), ["//fonts.example/f.css"]);
  assert.deepEqual(outsideRequests(page('<meta http-equiv="refresh" content="0; url=https://x.example/">')), ["0; url=https://x.example/"]);
  assert.deepEqual(outsideRequests(page("")), []);
});

test("history files are named for the target and profile judged", () => {
  assert.equal(slug(targetName("/w/tests/Conformance.Tests/bin/Debug/net10.0/fixtures/rackspace", "nova")), "fixtures-rackspace-profile-nova");
  assert.equal(slug(targetName("bundled recordings (fixtures/)", "as each recordings folder states")), "bundled-recordings-fixtures");
  assert.equal(slug(targetName("https://compute.example:8774/v2.1", "nova")), "https-compute.example-8774-v2.1-profile-nova");
  assert.notEqual(slug(targetName("fixtures/rackspace", "nova")), slug(targetName("fixtures/rackspace", "rackspace")));
});
