using System.Text;

namespace RescueTracker.Features.Admin.Accounts.Cli;

/// <summary>
/// The password comes as one line on standard input, so it never appears in the process list or shell history.
/// Piped input is read silently; at a terminal the prompt goes to standard error and typing is not echoed.
/// </summary>
internal static class PasswordInput
{
    public static string? ReadLine(TextReader input, TextWriter error)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected) return input.ReadLine();
        error.Write("Password (at least 12 characters): ");
        error.Flush();
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0) password.Length--;
            }
            else if (!char.IsControl(key.KeyChar)) password.Append(key.KeyChar);
        }
        error.WriteLine();
        return password.ToString();
    }
}
