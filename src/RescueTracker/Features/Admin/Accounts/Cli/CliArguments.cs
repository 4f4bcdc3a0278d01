namespace RescueTracker.Features.Admin.Accounts.Cli;

/// <summary>"--key value" pairs and bare "--flag"s, nothing more: a few verbs with two options each do not need a parsing library.</summary>
internal static class CliArguments
{
    private static readonly HashSet<string> NoFlags = [];

    public static bool TryParse(IEnumerable<string> args, out Dictionary<string, string> options, out string? problem) =>
        TryParse(args, NoFlags, out options, out problem);

    /// <param name="flags">Options that take no value; a flag given is stored as "true".</param>
    public static bool TryParse(IEnumerable<string> args, IReadOnlySet<string> flags, out Dictionary<string, string> options, out string? problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = null;
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                problem = $"Unexpected argument '{arg}'.";
                return false;
            }
            var key = arg[2..];
            var eq = key.IndexOf('=');
            if (eq > 0)
            {
                options[key[..eq]] = key[(eq + 1)..];
                continue;
            }
            if (flags.Contains(key))
            {
                options[key] = "true";
                continue;
            }
            if (!e.MoveNext())
            {
                problem = $"--{key} needs a value.";
                return false;
            }
            options[key] = e.Current;
        }
        return true;
    }
}
