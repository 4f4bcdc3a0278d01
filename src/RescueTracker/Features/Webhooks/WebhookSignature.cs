using System.Security.Cryptography;
using System.Text;

namespace RescueTracker.Features.Webhooks;

/// <summary>The signature a receiver checks: HMAC-SHA256 of the raw body under the subscription's secret, in lower-case hex.</summary>
public static class WebhookSignature
{
    public const string Header = "X-RescueTracker-Signature";
    public const string DeliveryHeader = "X-RescueTracker-Delivery";
    public const string EventHeader = "X-RescueTracker-Event";

    /// <summary>The header's value: <c>sha256=</c> and 64 lower-case hex digits.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
