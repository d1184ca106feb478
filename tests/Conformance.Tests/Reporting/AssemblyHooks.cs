using Conformance.Tests.Reporting;

[assembly: AllureReport]
