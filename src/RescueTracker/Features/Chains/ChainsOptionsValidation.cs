using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RescueTracker.Features.Chains;

/// <summary>Start-up fails with a message naming the setting when a chain is misconfigured.</summary>
public static class ChainsOptionsValidation
{
    public static bool Validate(ChainsOptions chains)
    {
        var failures = new List<string>();
        foreach (var (chainId, settings) in chains)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
                failures.AddRange(results.Select(r => $"Chains:{chainId}:{r.MemberNames.FirstOrDefault()}: {r.ErrorMessage}"));
            if (chainId <= 0) failures.Add($"Chains:{chainId}: a chain id must be a positive number.");
            if (settings.RpcUrl is { } url && url.Scheme is not ("http" or "https"))
                failures.Add($"Chains:{chainId}:RpcUrl: '{url}' must be an http or https address.");
            if (settings.PollInterval <= TimeSpan.Zero)
                failures.Add($"Chains:{chainId}:PollInterval: must be more than zero.");
        }
        if (failures.Count > 0) throw new OptionsValidationException(nameof(ChainsOptions), typeof(ChainsOptions), failures);
        return true;
    }
}
