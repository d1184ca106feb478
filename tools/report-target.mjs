// What a results folder judged, and where that target's report history lives. Shared by allurerc.mjs,
// tools/report.mjs and tests/report/: one history file per target (TestResults/allure-history/<target>.jsonl), so
// trends compare runs of the same recordings or cloud under the same profile, never a mix of whatever was judged.
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

/** The results folder: the first argument given, else CONFORMANCE_ALLURE_RESULTS, else TestResults/allure-results. */
export function resultsFolder(given) {
  const folder = given ?? process.env.CONFORMANCE_ALLURE_RESULTS ?? path.join(root, "TestResults", "allure-results");
  return path.resolve(root, folder);
}

/** The key = value lines of the folder's environment.properties (an empty map when there is none). */
export function environment(results) {
  const file = path.join(results, "environment.properties");
  const map = new Map();
  if (!fs.existsSync(file)) return map;
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const at = line.indexOf("=");
    if (at > 0 && !line.trimStart().startsWith("#")) map.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return map;
}

/** A file name for a target: lower case letters, digits, '.', '-' and '_'; at most 100 characters. */
export function slug(text) {
  const s = text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "").replace(/-{2,}/g, "-");
  return (s.length > 0 ? s : "run").slice(0, 100).replace(/-+$/g, "");
}

/**
 * The target a run judged, as a file name: REPORT_TARGET when set, else the results' `target` and `profile`
 * (environment.properties) joined; "unknown-target" when the folder does not say.
 */
export function targetKey(results) {
  const given = process.env.REPORT_TARGET?.trim();
  if (given) return slug(given);
  const env = environment(results);
  const target = env.get("target");
  if (!target) return "unknown-target";
  return slug(targetName(target, env.get("profile")));
}

/**
 * A target as history knows it: a recordings folder by its last two path segments (so the same recordings keep one
 * history wherever the suite was built: ".../bin/Debug/net10.0/fixtures/rackspace" is "fixtures/rackspace"), a URL
 * or label as it is; with the profile it was judged under, when the run names one.
 */
export function targetName(target, profile) {
  let name = target;
  if (/^(\/|[A-Za-z]:[\\/])/.test(target)) name = target.split(/[\\/]+/).filter(Boolean).slice(-2).join("/");
  // "as each recordings folder states" (the bundled run) names no single profile: the target alone says it.
  return profile && !/^as\s/i.test(profile) ? `${name} profile ${profile}` : name;
}

/** TestResults/allure-history/<target>.jsonl (REPORT_HISTORY_DIR moves the folder). */
export function historyPath(results) {
  const dir = process.env.REPORT_HISTORY_DIR ?? path.join(root, "TestResults", "allure-history");
  return path.resolve(root, dir, `${targetKey(results)}.jsonl`);
}
