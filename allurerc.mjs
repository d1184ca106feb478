// Allure 3 configuration for the conformance suite's HTML report.
// `npm run report` turns TestResults/allure-results into one self-contained TestResults/allure-report/index.html,
// carrying history over from TestResults/allure-history.jsonl (one line per run) so trends show across runs.
export default {
  name: "Image-details conformance",
  output: "TestResults/allure-report",
  historyPath: "TestResults/allure-history.jsonl",
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
  categories: {
    rules: [
      { name: "Known deviations", matchers: { statuses: ["failed"], labels: { outcome: "^known$" } } },
      { name: "Contract violations", matchers: { statuses: ["failed"], labels: { outcome: "^violation$" } } },
      { name: "Target unreachable or suite error", matchers: { statuses: ["broken"] } },
    ],
  },
};
