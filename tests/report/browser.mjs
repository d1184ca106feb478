// Opens a generated report in headless Chromium (Debian's) with every request the page makes recorded, and finds
// things in it the way a person does. Shared by the report tests.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** URLs a page may load without leaving the file: the file itself and what is inlined in it. */
const local = (url) => /^(file:|data:|blob:|about:)/i.test(url);

/**
 * Launches Chromium and opens the report. Every request is recorded (`requests`); a request for anything outside
 * the file is refused at the context's route and recorded in `outside` as well, so none can leave the machine.
 */
export async function openReport(index) {
  if (!fs.existsSync(index)) throw new Error(`no report at ${index}: run the suite and 'npm run report' first`);
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: "block" });
  const requests = [];
  const outside = [];
  context.on("request", (request) => requests.push(request.url()));
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (local(url)) return route.continue();
    outside.push(url);
    return route.abort("blockedbyclient");
  });
  // Requests a page could make that the route does not see (WebSocket, beacons on unload) are recorded too.
  context.on("websocket", (ws) => outside.push(ws.url()));
  const page = await context.newPage();
  page.on("request", (request) => { if (!local(request.url())) outside.push(request.url()); });
  await page.goto("file://" + index);
  await page.getByTestId("tab-all").waitFor();
  return { browser, context, page, requests, outside, nonLocal: () => [...new Set([...outside, ...requests.filter((u) => !local(u))])] };
}

/** The text of a tab of the results tree ("Failed 2"), or null when the report shows no such tab. */
export async function tabText(page, id) {
  const tab = page.getByTestId(id);
  return (await tab.count()) === 0 ? null : (await tab.first().innerText()).replace(/\s+/g, " ").trim();
}

/**
 * Opens collapsed sections of the tree on screen, top down, until `done()` holds or nothing is left to open. A
 * section counts as open when the tree shows its content right after it; each is clicked once at most.
 */
export async function expandUntil(page, done, limit = 300) {
  for (let i = 0; i < limit; i++) {
    if (await done()) return true;
    const next = await page.evaluate(() => {
      const sections = [...document.querySelectorAll("[data-testid=tree-section]:not([data-report-test-clicked])")];
      const open = (s) => {
        const next = s.nextElementSibling;
        return next !== null && (next.getAttribute("data-testid") === "tree-content" || next.hasAttribute("data-tree-content") || next.querySelector(":scope > [data-tree-content]") !== null);
      };
      const first = sections.find((s) => !open(s) && s.closest("[data-testid=test-result-steps-root]") === null);
      if (!first) return null;
      first.setAttribute("data-report-test-clicked", "");
      first.setAttribute("data-report-test-next", "");
      return true;
    });
    if (next === null) return done();
    await page.locator("[data-report-test-next]").getByTestId("tree-section-title").first().click();
    await page.evaluate(() => document.querySelectorAll("[data-report-test-next]").forEach((s) => s.removeAttribute("data-report-test-next")));
  }
  return done();
}

/** Back to the report's first page, as opened (a test's page has no tabs). */
export async function home(page) {
  await page.goto(page.url().split("#")[0]);
  await page.getByTestId("tab-all").waitFor();
  await search(page, "");
}

/** Types into the tree's search box and waits for the tree to follow (the box applies what is typed after a pause). */
export async function search(page, text) {
  const box = page.getByTestId("search-input");
  if ((await box.inputValue()) === text) return;
  await box.fill(text);
  await page.waitForTimeout(700);
}

/** The titles of the results tree's top level. */
export async function topLevel(page) {
  return page.evaluate(() => [...document.querySelectorAll("[data-testid=tree-content]")].filter((c) => c.parentElement?.closest("[data-testid=tree-content]") == null)
    .flatMap((root) => [...root.querySelectorAll(":scope > * > [data-testid=tree-section] [data-testid=tree-section-title]")].map((t) => t.innerText.trim())));
}

/** Searches the results tree for a test by name and opens its page. */
export async function openTest(page, name) {
  await home(page);
  await page.getByTestId("nav-tab-results").click();
  await search(page, name);
  const leaf = page.getByTestId("tree-leaf").filter({ hasText: name });
  const found = await expandUntil(page, async () => (await leaf.count()) > 0);
  if (!found) throw new Error(`the results tree shows no test named ${name}`);
  await leaf.first().click();
  await page.getByTestId("test-result-fullname").waitFor();
}

/** The open test's description as shown (the report renders it in a frame of its own). */
export async function descriptionText(page) {
  return page.frameLocator("[data-testid=test-result-description-frame]").locator("body").innerText();
}

/** The report's categories tab, every section open, as text. */
export async function categoriesText(page) {
  await home(page);
  await page.getByTestId("nav-tab-categories").click();
  await page.getByTestId("tree-section-title").first().waitFor();
  await expandUntil(page, async () => false, 200);
  return page.getByTestId("base-layout").innerText();
}

/** The result files of a results folder. */
export function readResults(folder) {
  return fs.readdirSync(folder).filter((f) => f.endsWith("-result.json")).map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")));
}

export const label = (r, name) => r.labels.find((l) => l.name === name)?.value;
