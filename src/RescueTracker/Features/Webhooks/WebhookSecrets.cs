using Microsoft.AspNetCore.DataProtection;

namespace RescueTracker.Features.Webhooks;

/// <summary>
/// Keeps subscription secrets encrypted at rest with the app's data-protection keys (kept beside the database, apart
/// from it): a copy of the database file alone cannot sign a body.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("RescueTracker.Webhooks.Secret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
