using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// Runs axe-core on the page as it stands and keeps the violations a user is blocked or badly hindered
/// by (impact serious or critical), each written out with the rule, the elements and the help text.
/// </summary>
internal static class AccessibilityCheck
{
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    /// <summary>One line block per serious or critical violation on the current page; empty when there is none.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, string label)
    {
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => FailingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase))
            .Select(v => Describe(label, v))];
    }

    /// <summary>Every page's findings in one message, so a single run lists all that is left to fix.</summary>
    public static string Report(IReadOnlyList<string> violations) =>
        $"{violations.Count} serious or critical axe violation(s):\n\n" + string.Join("\n", violations);

    private static string Excerpt(string html)
    {
        var line = html.ReplaceLineEndings(" ");
        return line.Length <= 160 ? line : line[..160] + "…";
    }

    private static string Describe(string label, AxeResultItem violation)
    {
        var text = new StringBuilder()
            .Append(label).Append(": ").Append(violation.Id).Append(" (").Append(violation.Impact).Append(") ")
            .Append(violation.Help).Append(" <").Append(violation.HelpUrl).Append(">\n");
        foreach (var node in violation.Nodes)
        {
            text.Append("    ").Append(node.Target).Append('\n');
            // A short target such as "div" does not say which one; the start of its markup does.
            text.Append("      ").Append(Excerpt(node.Html)).Append('\n');
            // What each failed check found at this element (the "fix any / fix all" list axe's own report shows).
            foreach (var message in new[] { node.Any, node.All, node.None }.SelectMany(c => c ?? []).Select(c => c.Message).Distinct())
                text.Append("      ").Append(message).Append('\n');
        }
        return text.ToString();
    }
}
