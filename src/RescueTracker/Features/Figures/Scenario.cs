using RescueTracker.Data;

namespace RescueTracker.Features.Figures;

/// <summary>
/// The pledge terms a scenario leaves out of the outstanding figures: "what if the conditional pledges fail",
/// "what if loans are not counted". Written in the URL as <c>exclude=conditional</c>, <c>exclude=loan</c> or
/// <c>exclude=conditional,loan</c>. Grants are never excluded: a scenario only ever asks about the weaker promises.
/// </summary>
public sealed record Scenario(bool Conditional, bool Loan)
{
    public const string ParameterName = "exclude";

    public static Scenario None { get; } = new(false, false);

    public static Scenario WithoutConditional { get; } = new(true, false);

    public static Scenario WithoutLoans { get; } = new(false, true);

    public static Scenario WithoutEither { get; } = new(true, true);

    public bool IsNone => !Conditional && !Loan;

    public bool Excludes(PledgeTerms terms) => terms switch
    {
        PledgeTerms.Conditional => Conditional,
        PledgeTerms.Loan => Loan,
        _ => false,
    };

    /// <summary>The parameter's value, in the one order the links use ("conditional,loan"); empty for no scenario.</summary>
    public string Text => string.Join(',', new[] { Conditional ? "conditional" : null, Loan ? "loan" : null }.OfType<string>());

    /// <summary>"conditional pledges", "loans", "conditional pledges and loans".</summary>
    public string Description => (Conditional, Loan) switch
    {
        (true, true) => "conditional pledges and loans",
        (true, false) => "conditional pledges",
        (false, true) => "loans",
        _ => "nothing",
    };

    /// <summary>
    /// Null, with the reason, unless the value is a comma-separated list of <c>conditional</c> and <c>loan</c>, each
    /// at most once, lower case. So strict on purpose: the value is part of the output cache's key, and only four
    /// spellings of the three scenarios can ever be stored. An absent or empty value is no scenario.
    /// </summary>
    public static Scenario? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text)) return None;
        var scenario = None;
        foreach (var part in text.Split(','))
        {
            var next = part switch
            {
                "conditional" when !scenario.Conditional => scenario with { Conditional = true },
                "loan" when !scenario.Loan => scenario with { Loan = true },
                _ => null,
            };
            if (next is null)
            {
                error = part is "conditional" or "loan"
                    ? $"'{part}' is given twice in '{text}'; name each once."
                    : $"'{part}' is not a pledge term a scenario can leave out: use conditional, loan or conditional,loan.";
                return null;
            }
            scenario = next;
        }
        return scenario;
    }
}
