using System.Collections;
using System.Globalization;
using Events.Core.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Events.Core.Training;

/// <summary>
/// What a certificate says, already decided by the caller: names as the participant wrote them,
/// <c>Dates</c> already formatted, <c>Language</c> the participant's (ky, ru or en; anything else gets
/// Kyrgyz). <c>IssuedUtc</c> is printed as its UTC calendar date: pass the date of issue, not an instant
/// near midnight.
/// </summary>
public sealed record CertificateContent(
    string FullName,
    string EventTitle,
    string OrganizationName,
    string Dates,
    string Code,
    string VerifyUrl,
    string Language,
    DateTime IssuedUtc,
    int? Hours = null);

/// <summary>
/// Draws a one-page A4 landscape certificate in the participant's language. The QR code is drawn as
/// vector squares rather than a bitmap so that it stays sharp when printed at any size, and readers of
/// the PDF need no image decoding to see it.
/// </summary>
public static class CertificateDocument
{
    private static readonly double PageWidth = XUnitPt.FromMillimeter(297).Point;
    private static readonly double PageHeight = XUnitPt.FromMillimeter(210).Point;
    private const double Margin = 70;
    private const double QrSize = 120;

    private static readonly XColor Ink = XColor.FromArgb(0x22, 0x22, 0x22);
    private static readonly XColor Navy = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    private static readonly XColor Gold = XColor.FromArgb(0xB0, 0x8D, 0x3C);

    // Unicode (Identity-H with a ToUnicode map) for every string, so Cyrillic, ң/ө/ү and Latin share one
    // embedded subset per face and the text can be searched and copied out of the PDF.
    private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    public static byte[] Render(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        CertificateFonts.EnsureInstalled();

        var culture = Texts.Culture(content.Language);
        var heading = Texts.Get("Certificate_Heading", content.Language);

        using var document = new PdfDocument();
        document.Info.Title = $"{heading} — {content.FullName}";
        document.Info.Author = content.OrganizationName;
        document.Info.Subject = content.EventTitle;
        document.Info.Keywords = content.Code;
        document.Language = culture.Name;

        var page = document.AddPage();
        page.Width = XUnitPt.FromPoint(PageWidth);
        page.Height = XUnitPt.FromPoint(PageHeight);
        using (var graphics = XGraphics.FromPdfPage(page))
            Draw(graphics, content, culture, heading);

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Draw(XGraphics g, CertificateContent c, CultureInfo culture, string heading)
    {
        string T(string key, params object[] args) => Texts.Get(key, c.Language, args);
        var width = PageWidth - 2 * Margin;
        var center = PageWidth / 2;

        g.DrawRectangle(new XPen(Navy, 2.5), 24, 24, PageWidth - 48, PageHeight - 48);
        g.DrawRectangle(new XPen(Gold, 0.8), 31, 31, PageWidth - 62, PageHeight - 62);

        // Baselines, top down; each step is the gap from the previous block's last line.
        var y = Centered(g, heading, Bold(40), Navy, center, 104, width);
        g.DrawLine(new XPen(Gold, 1.2), center - 90, y + 18, center + 90, y + 18);
        y = Centered(g, T("Certificate_Intro"), Regular(15), Ink, center, y + 62, width);
        y = Centered(g, c.FullName, Fit(g, c.FullName, bold: true, 32, 18, width, maxLines: 2), Navy, center, y + 44, width);
        y = Centered(g, T("Certificate_Completed"), Regular(15), Ink, center, y + 36, width);
        Centered(g, c.EventTitle, Fit(g, c.EventTitle, bold: true, 21, 13, width, maxLines: 3), Ink, center, y + 32, width);

        // Bottom block, beside the QR code that leads to the same page: who held the event, when, and what
        // a reader needs to check the certificate. Anchored to the frame so that a long name or title above
        // cannot push it off the page; each entry shrinks to one line rather than wrapping.
        var qrLeft = PageWidth - Margin - QrSize + 12; // the quiet zone is inside the square; pull it towards the frame
        DrawQr(g, c.VerifyUrl, qrLeft, PageHeight - 46 - QrSize, QrSize);

        var entries = new List<(string Text, bool Bold, double Size, XColor Color)>
        {
            (T("Certificate_Organizer", c.OrganizationName), false, 11, Ink),
            (T("Certificate_Dates", c.Dates), false, 11, Ink),
        };
        if (c.Hours is { } hours) entries.Add((T("Certificate_Hours", hours), false, 11, Ink));
        entries.Add((T("Certificate_Issued", c.IssuedUtc.ToString(DateWithoutWeekday(culture), culture)), false, 11, Ink));
        entries.Add((T("Certificate_Code", c.Code), true, 13, Navy));
        entries.Add((T("Certificate_Verify", c.VerifyUrl), false, 10, Ink));

        const double step = 18;
        var textWidth = qrLeft - Margin - 20;
        var baseline = PageHeight - 58 - step * (entries.Count - 1);
        foreach (var (text, bold, size, color) in entries)
            baseline = Left(g, text, Fit(g, text, bold, size, 7, textWidth, maxLines: 1), color, Margin, baseline, textWidth) + step;
    }

    private static XFont Regular(double size) => new(CertificateFonts.FamilyName, size, XFontStyleEx.Regular, FontOptions);

    private static XFont Bold(double size) => new(CertificateFonts.FamilyName, size, XFontStyleEx.Bold, FontOptions);

    private static double LineHeight(XFont font) => font.Size * 1.25;

    /// <summary>The largest size from <paramref name="largest"/> down at which the text fits in
    /// <paramref name="maxLines"/> lines; at <paramref name="smallest"/> it takes as many lines as it needs.</summary>
    private static XFont Fit(XGraphics g, string text, bool bold, double largest, double smallest, double width, int maxLines)
    {
        for (var size = largest; ; size--)
        {
            var font = bold ? Bold(size) : Regular(size);
            if (size <= smallest || Wrap(text, s => g.MeasureString(s, font).Width, width).Count <= maxLines) return font;
        }
    }

    /// <summary>Draws centered lines, the first on <paramref name="baseline"/>; returns the baseline of the last.</summary>
    private static double Centered(XGraphics g, string text, XFont font, XColor color, double center, double baseline, double width)
    {
        var lines = Wrap(text, s => g.MeasureString(s, font).Width, width);
        var brush = new XSolidBrush(color);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) baseline += LineHeight(font);
            g.DrawString(lines[i], font, brush, new XPoint(center, baseline), XStringFormats.BaseLineCenter);
        }
        return baseline;
    }

    private static double Left(XGraphics g, string text, XFont font, XColor color, double left, double baseline, double width)
    {
        var lines = Wrap(text, s => g.MeasureString(s, font).Width, width);
        var brush = new XSolidBrush(color);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) baseline += LineHeight(font);
            g.DrawString(lines[i], font, brush, new XPoint(left, baseline), XStringFormats.BaseLineLeft);
        }
        return baseline;
    }

    /// <summary>
    /// Greedy line breaking at spaces. A word wider than the line (a URL, a name without spaces) is cut
    /// between characters rather than drawn past the frame.
    /// </summary>
    internal static IReadOnlyList<string> Wrap(string text, Func<string, double> measure, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (measure(candidate) <= width) { line = candidate; continue; }
            if (line.Length > 0) lines.Add(line);
            line = word;
            while (measure(line) > width && line.Length > 1)
            {
                var cut = line.Length - 1;
                while (cut > 1 && measure(line[..cut]) > width) cut--;
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line);
        return lines;
    }

    /// <summary>
    /// The culture's long date without the day of the week, which a certificate does not need:
    /// "2026-ж., 15-декабрь", "15 декабря 2026 г.", "December 15, 2026".
    /// </summary>
    internal static string DateWithoutWeekday(CultureInfo culture)
    {
        var pattern = culture.DateTimeFormat.LongDatePattern;
        var withoutDay = pattern.Replace("dddd, ", "", StringComparison.Ordinal).Replace(", dddd", "", StringComparison.Ordinal)
            .Replace("dddd", "", StringComparison.Ordinal).Trim(' ', ',');
        return withoutDay.Length == 0 ? "d" : withoutDay;
    }

    /// <summary>
    /// One path of row runs of dark modules, filled once: neighbouring squares then merge into one shape,
    /// with none of the hairline seams viewers draw between separately filled squares.
    /// </summary>
    private static void DrawQr(XGraphics g, string text, double left, double top, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        var path = new XGraphicsPath { FillMode = XFillMode.Winding };
        foreach (var (row, column, length) in DarkRuns(matrix))
            path.AddRectangle(left + column * module, top + row * module, length * module, module);
        g.DrawPath(XBrushes.Black, path);
    }

    /// <summary>Horizontal runs of dark modules, row by row (the matrix includes QRCoder's quiet zone).</summary>
    internal static IEnumerable<(int Row, int Column, int Length)> DarkRuns(IReadOnlyList<BitArray> matrix)
    {
        for (var row = 0; row < matrix.Count; row++)
        {
            var bits = matrix[row];
            var column = 0;
            while (column < bits.Length)
            {
                if (!bits[column]) { column++; continue; }
                var start = column;
                while (column < bits.Length && bits[column]) column++;
                yield return (row, start, column - start);
            }
        }
    }
}
