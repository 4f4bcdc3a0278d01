namespace RescueTracker.Features.Admin.Accounts;

/// <summary>The outcome of an account change: errors keyed by the form field they belong to ("" for the whole form).</summary>
public sealed record AccountResult(IReadOnlyDictionary<string, string> Errors)
{
    public static readonly AccountResult Ok = new(new Dictionary<string, string>());

    public bool Succeeded => Errors.Count == 0;

    public static AccountResult Fail(string field, string message) => new(new Dictionary<string, string> { [field] = message });

    public override string ToString() => string.Join(" ", Errors.Values);
}

/// <summary>A new key: the entity for the list, the secret for the one time it is shown.</summary>
public sealed record CreatedApiKey(int Id, string Name, string Prefix, string Key);
