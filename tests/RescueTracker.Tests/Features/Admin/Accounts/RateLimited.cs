using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>An app whose sign-in form takes three POSTs per client address and minute.</summary>
public sealed class RateLimited : IAppProfile
{
    public const int Limit = 3;

    public TestAppOptions Options => new() { SignInPermitLimit = Limit };
}
