using Microsoft.AspNetCore.DataProtection;

namespace RescueTracker.Features.Webhooks;

/// <summary>
/// Keeps subscription secrets encrypted at rest with the app's data-protection keys, so they appear in no export, log
/// or query of the subscription table. The keys live in the same database (every instance shares them), so a whole
/// copy of the database can still sign a body: guard backups as the secrets themselves.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("RescueTracker.Webhooks.Secret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
