using Conformance.Core.Checks;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// The rule table of schemas/DERIVATION.md is made from the rule declarations. This test fails when the committed
/// file differs; <c>UPDATE_DERIVATION=1 dotnet test tests/Conformance.Core.Tests</c> rewrites the table.
/// </summary>
public sealed class DerivationTableTests
{
    [Test]
    public void The_rule_table_of_DERIVATION_is_made_from_the_rule_declarations()
    {
        var path = Path.Combine(RepositoryRoot(), "schemas", "DERIVATION.md");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        var expected = RuleTable.Replace(committed, RuleTable.Markdown(Samples.Profiles));
        if (expected != committed && Environment.GetEnvironmentVariable("UPDATE_DERIVATION") == "1")
        {
            File.WriteAllText(path, expected);
            committed = expected;
        }

        committed.Should().Be(expected, "schemas/DERIVATION.md's rule table must match the rule declarations; run UPDATE_DERIVATION=1 dotnet test tests/Conformance.Core.Tests to rewrite it");
    }

    [Test]
    public void Every_rule_has_a_row_and_every_row_a_rule()
    {
        var table = RuleTable.Markdown(Samples.Profiles);
        var ids = table.Split('\n').Skip(2).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Select(l => l.Split('|')[1].Trim());

        ids.Should().BeEquivalentTo(Rules.Ids);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conformance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Conformance.sln above {AppContext.BaseDirectory}");
    }
}
