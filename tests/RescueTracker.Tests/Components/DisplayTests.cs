using RescueTracker.Chain;
using RescueTracker.Components.Charts;

namespace RescueTracker.Tests.Components;

public class DisplayTests
{
    [Theory]
    [InlineData("68900", "ETH", "68,900 ETH")]
    [InlineData("2500", "stETH", "2,500 stETH")]
    [InlineData("0.98", "ETH", "0.98 ETH")]
    [InlineData("1234567.1234", "WETH", "1,234,567.1234 WETH")]
    [InlineData("2499.999999999999999998", "stETH", "≈ 2,499.9999 stETH")]
    public void Amount_has_comma_separators_its_symbol_and_marks_cut_decimals(string value, string asset, string expected) =>
        Assert.Equal(expected, Display.Amount(ExactDecimal.Parse(value), asset));

    [Theory]
    [InlineData("1000", "68900", 1)]
    [InlineData("43500", "68900", 63)]
    [InlineData("68899.999", "68900", 99)]
    [InlineData("80000", "68900", 100)]
    [InlineData("5", "0", 0)]
    public void Percent_is_exact_and_rounded_down(string part, string whole, int expected) =>
        Assert.Equal(expected, Display.Percent(ExactDecimal.Parse(part), ExactDecimal.Parse(whole)));

    [Theory]
    [InlineData("https://followin.io/en/feed/24910543", "https://followin.io/en/feed/24910543")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("/relative", null)]
    [InlineData(null, null)]
    public void Only_absolute_http_urls_become_links(string? url, string? expected) =>
        Assert.Equal(expected, Display.SafeUrl(url));

    [Fact]
    public void Utc_time_is_iso_8601_with_z_whatever_the_offset() =>
        Assert.Equal("2026-04-25T08:00:00Z", Display.Utc(new DateTimeOffset(2026, 4, 25, 10, 0, 0, TimeSpan.FromHours(2))));
}
