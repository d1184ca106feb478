// Allure 3 configuration for the conformance suite's HTML report.
// `npm run report` (tools/report.mjs) turns TestResults/allure-results into one self-contained
// TestResults/allure-report/index.html that makes no request when opened, carrying history over from the judged
// target's own TestResults/allure-history/<target>.jsonl (one line per run) so trends compare like with like.
import path from "node:path";
import { historyPath, resultsFolder } from "./tools/report-target.mjs";

const root = import.meta.dirname;

export default {
  name: "Image-details conformance",
  output: path.resolve(root, process.env.ALLURE_REPORT ?? "TestResults/allure-report"),
  // Set by tools/report.mjs; computed the same way when `allure generate` is run by hand.
  historyPath: process.env.REPORT_HISTORY_PATH ?? historyPath(resultsFolder()),
  historyLimit: 30,
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: "Image-details conformance",
        reportLanguage: "en",
      },
    },
  },
  // Only contract violations are failed results; known deviations (baselined) and warnings are passed results whose
  // outcome label puts them in a category of their own. Each category lists the rules broken (the `rule` label,
  // "status.enum: Image status not allowed"), then the targets that break them (recordings or cloud, and profile).
  categories: {
    rules: [
      {
        name: "Contract violations",
        matchers: { statuses: ["failed"], labels: { outcome: "^violation$" } },
        groupBy: [{ label: "rule" }, { label: "target" }],
        groupByMessage: false,
        expand: true,
      },
      {
        name: "Known deviations (baseline, not failures)",
        matchers: { statuses: ["passed"], labels: { outcome: "^known$" } },
        groupBy: [{ label: "rule" }, { label: "target" }],
        groupByMessage: false,
      },
      {
        name: "Warnings (not failures)",
        matchers: { statuses: ["passed"], labels: { outcome: "^warning$" } },
        groupBy: [{ label: "rule" }, { label: "target" }],
        groupByMessage: false,
      },
      {
        name: "Target unreachable or suite error",
        matchers: { statuses: ["broken"] },
        groupBy: [{ label: "target" }],
      },
      {
        name: "Not judged",
        matchers: { statuses: ["skipped"] },
        groupBy: [{ label: "target" }],
      },
    ],
  },
};
