namespace RescueTracker.Features.Webhooks.Pages;

/// <summary>The registration form; the rules are <see cref="WebhookCommands.RegisterAsync"/>'s, its errors land here by name.</summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }
    public string? Secret { get; set; }
}
