
namespace RescueTracker.Features.Ledger;

public enum CommandOutcome { Ok, Invalid, NotFound, Conflict }

/// <summary>
/// The result of a ledger command. Invalid carries field errors keyed as the client sent them;
/// Conflict carries the record's current values, so the second of two editors sees what changed.
/// </summary>
public sealed record CommandResult<T>(CommandOutcome Outcome, T? Value, FieldErrors? Errors, object? Current)
{
    public static CommandResult<T> Ok(T value) => new(CommandOutcome.Ok, value, null, null);
    public static CommandResult<T> Invalid(FieldErrors errors) => new(CommandOutcome.Invalid, default, errors, null);
    public static CommandResult<T> Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }
    public static CommandResult<T> NotFound() => new(CommandOutcome.NotFound, default, null, null);
    public static CommandResult<T> Conflict(object current) => new(CommandOutcome.Conflict, default, null, current);
}
