using MudBlazor;

namespace RescueTracker.Components.Layout;

/// <summary>One theme for the public pages and the admin area; colours meet WCAG AA contrast on white.</summary>
public static class RescueTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#475569",
            AppbarBackground = "#0f172a",
            AppbarText = "#ffffff",
            Success = "#15803d",
            Warning = "#b45309",
            Error = "#b91c1c",
            Info = "#0369a1",
            TextPrimary = "#0f172a",
            TextSecondary = "#475569",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
