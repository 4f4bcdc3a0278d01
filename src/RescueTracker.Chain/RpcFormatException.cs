namespace RescueTracker.Chain;

/// <summary>Raised while reading a reply; the reader wraps it with the method and the body.</summary>
internal sealed class RpcFormatException(string message) : Exception(message)
{
    public static int ToInt32(long value, string name) =>
        value <= int.MaxValue ? (int)value : throw new RpcFormatException($"field '{name}' is too large: {value}");
}
