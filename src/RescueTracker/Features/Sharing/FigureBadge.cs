using System.Globalization;
using System.Numerics;
using System.Text;
using System.Xml;
using RescueTracker.Chain;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Sharing;

/// <summary>
/// A flat two-part badge in the shields.io style, "uncovered | 25,400 ETH of 68,900", in whole ETH rounded so the badge
/// never shows more coverage than there is: what is uncovered and the shortfall are rounded up, what was delivered down.
/// Widths follow the text length (about 7 px a character of 11 px Verdana); text goes through an XML writer, so it is escaped.
/// </summary>
public static class FigureBadge
{
    public const string ContentType = "image/svg+xml";

    /// <summary>The ?figure= values, the first the default.</summary>
    public static readonly IReadOnlyList<string> Names = ["uncoveredNow", "uncoveredIfAllArrive", "delivered"];

    private const string Svg = "http://www.w3.org/2000/svg";
    private const int CharWidth = 7, Padding = 10, Height = 20;

    /// <summary>The badge's two texts for a figure name in <see cref="Names"/>.</summary>
    public static (string Label, string Value) Texts(string figure, RescueFigures f)
    {
        var of = $"ETH of {Whole(Up(f.ShortfallEth))}";
        return figure switch
        {
            "uncoveredNow" => ("uncovered", $"{Whole(Up(f.UncoveredNowEth))} {of}"),
            "uncoveredIfAllArrive" => ("uncovered if all arrive", $"{Whole(Up(f.UncoveredIfAllArriveEth))} {of}"),
            "delivered" => ("delivered", $"{Whole(Down(f.DeliveredEth))} {of}"),
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "not a badge figure"),
        };
    }

    public static byte[] Render(string figure, RescueFigures figures)
    {
        var (label, value) = Texts(figure, figures);
        int labelWidth = Width(label), valueWidth = Width(value), width = labelWidth + valueWidth;
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("svg", Svg);
            Attributes(xml, ("width", width), ("height", Height), ("viewBox", $"0 0 {width} {Height}"), ("role", "img"), ("aria-label", $"{label}: {value}"));
            xml.WriteElementString("title", Svg, $"{label}: {value}");
            xml.WriteStartElement("rect", Svg);
            Attributes(xml, ("width", labelWidth), ("height", Height), ("fill", "#555"));
            xml.WriteEndElement();
            xml.WriteStartElement("rect", Svg);
            Attributes(xml, ("x", labelWidth), ("width", valueWidth), ("height", Height), ("fill", "#c0392b"));
            xml.WriteEndElement();
            xml.WriteStartElement("g", Svg);
            Attributes(xml, ("fill", "#fff"), ("text-anchor", "middle"), ("font-family", "Verdana,Geneva,DejaVu Sans,sans-serif"), ("font-size", 11));
            Text(xml, labelWidth / 2, label);
            Text(xml, labelWidth + valueWidth / 2, value);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static int Width(string text) => text.Length * CharWidth + 2 * Padding;

    private static void Text(XmlWriter xml, int x, string text)
    {
        xml.WriteStartElement("text", Svg);
        Attributes(xml, ("x", x), ("y", 14));
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static void Attributes(XmlWriter xml, params (string Name, object Value)[] attributes)
    {
        foreach (var (name, value) in attributes) xml.WriteAttributeString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    private static BigInteger Up(ExactDecimal value)
    {
        var whole = Down(value);
        return whole * BigInteger.Pow(10, value.Scale) == value.Mantissa ? whole : whole + 1;
    }

    /// <summary>The largest whole number not above the value (figures are never negative, but floor is floor).</summary>
    private static BigInteger Down(ExactDecimal value)
    {
        var whole = BigInteger.DivRem(value.Mantissa, BigInteger.Pow(10, value.Scale), out var rest);
        return rest.Sign < 0 ? whole - 1 : whole;
    }

    private static string Whole(BigInteger value) => new ExactDecimal(value, 0).Format(groupThousands: true, maxFractionDigits: null);
}
