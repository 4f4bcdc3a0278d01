namespace RescueTracker.Hosting;

/// <summary>
/// This process among the instances sharing one database: the holder named in the reconciler leases it takes.
/// <c>Instance:Id</c> when set (unique per instance); otherwise the host name, the process id and a random suffix, so
/// two instances on one host differ and a restarted process is a new instance.
/// </summary>
public sealed class InstanceIdentity(string id)
{
    public const string Setting = "Instance:Id";

    public string Id { get; } = id;

    public static InstanceIdentity From(IConfiguration configuration) => new(
        configuration[Setting] is { Length: > 0 } configured
            ? configured
            : $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}");
}
