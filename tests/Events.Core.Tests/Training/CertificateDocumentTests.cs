using System.Text;
using Events.Core.Training;
using QRCoder;
using UglyToad.PdfPig.Content;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Events.Core.Tests.Training;

/// <summary>The PDF is read back with PdfPig, as a person or a search engine would read it: text through the
/// ToUnicode maps of the embedded font, the QR code through the shapes drawn on the page.</summary>
public class CertificateDocumentTests
{
    private const string KyrgyzName = "Айгүл Өмүрбекова Төлөгөнова";
    // ң Ң ө Ө ү Ү all appear here, with the name above.
    private const string KyrgyzTitle = "Жаңы мүмкүнчүлүктөр: ҮЙ-БҮЛӨЛҮК ЖАҢЫ ИШКЕРЛИК, ӨНҮГҮҮ";

    private static CertificateContent Certificate(
        string fullName = KyrgyzName, string eventTitle = KyrgyzTitle, string language = "ky", int? hours = null) =>
        new(fullName, eventTitle, "Мекендештер борбору", "01.12.2026 – 05.12.2026", "K7QX-4M2P-9TRA",
            "https://events.kg/certificates/K7QX-4M2P-9TRA", language, new DateTime(2026, 12, 15, 9, 30, 0, DateTimeKind.Utc), hours);

    private static Page OnlyPage(byte[] pdf, out PdfPigDocument document)
    {
        document = PdfPigDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        return document.GetPage(1);
    }

    // PdfPig does not always turn the gaps between strings into spaces; compare without any whitespace.
    private static string Squeeze(string text) => string.Concat(text.Where(ch => !char.IsWhiteSpace(ch)));

    private static string PageText(byte[] pdf)
    {
        var page = OnlyPage(pdf, out var document);
        using (document) return Squeeze(string.Concat(page.Letters.Select(l => l.Value)));
    }

    [Theory]
    [InlineData(KyrgyzName)]
    [InlineData("John O'Neil-Smith")]
    public void Render_NameEventCodeAndUrl_ReadBackFromText(string fullName)
    {
        var certificate = Certificate(fullName);

        var text = PageText(CertificateDocument.Render(certificate));

        Assert.Contains(Squeeze(fullName), text);
        Assert.Contains(Squeeze(KyrgyzTitle), text);
        Assert.Contains(Squeeze("Мекендештер борбору"), text);
        Assert.Contains("01.12.2026–05.12.2026", text);
        Assert.Contains("K7QX-4M2P-9TRA", text);
        Assert.Contains("https://events.kg/certificates/K7QX-4M2P-9TRA", text);
    }

    [Fact]
    public void Render_KyrgyzLetters_SurviveInBothCases()
    {
        var text = PageText(CertificateDocument.Render(Certificate()));

        Assert.All("ңҢөӨүҮ", letter => Assert.Contains(letter, text));
    }

    [Theory]
    [InlineData("ky", "Сертификат", "Ушул сертификат", "программаны ийгиликтүү аяктаганын тастыктайт", "Текшерүү коду")]
    [InlineData("ru", "Сертификат", "Настоящий сертификат выдан", "за успешное прохождение программы", "Код проверки")]
    [InlineData("en", "Certificate", "This certifies that", "has successfully completed the programme", "Verification code")]
    public void Render_Texts_InParticipantLanguage(string language, string heading, string intro, string completed, string codeLabel)
    {
        var text = PageText(CertificateDocument.Render(Certificate(language: language)));

        Assert.Contains(Squeeze(heading), text);
        Assert.Contains(Squeeze(intro), text);
        Assert.Contains(Squeeze(completed), text);
        Assert.Contains(Squeeze(codeLabel) + ":K7QX-4M2P-9TRA", text);
        var otherIntros = new[] { "Ушул сертификат", "Настоящий сертификат выдан", "This certifies that" }.Where(i => i != intro);
        Assert.All(otherIntros, other => Assert.DoesNotContain(Squeeze(other), text));
    }

    [Theory]
    [InlineData("ky", "Берилген күнү: 2026-ж., 15-декабрь", "шейшемби")]
    [InlineData("ru", "Дата выдачи: 15 декабря 2026 г.", "вторник")]
    [InlineData("en", "Date of issue: December 15, 2026", "Tuesday")]
    public void Render_IssueDate_InParticipantCultureWithoutWeekday(string language, string expected, string weekday)
    {
        var text = PageText(CertificateDocument.Render(Certificate(language: language)));

        Assert.Contains(Squeeze(expected), text);
        Assert.DoesNotContain(weekday, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_Hours_OnlyWhenGiven()
    {
        Assert.Contains("Количествочасов:36", PageText(CertificateDocument.Render(Certificate(language: "ru", hours: 36))));
        Assert.DoesNotContain("Количествочасов", PageText(CertificateDocument.Render(Certificate(language: "ru"))));
    }

    [Fact]
    public void Render_TitleOf200Characters_WrapsInsideTheFrameAndKeepsEveryWord()
    {
        // 25 distinct words of 7 letters and 24 spaces, then one more letter: 200 characters.
        var title = string.Join(' ', Enumerable.Range(1, 25).Select(i => $"сөз{i:D2}үң")) + "Ө";
        Assert.Equal(200, title.Length);

        var pdf = CertificateDocument.Render(Certificate(eventTitle: title));

        var page = OnlyPage(pdf, out var document);
        using (document)
        {
            var text = Squeeze(string.Concat(page.Letters.Select(l => l.Value)));
            Assert.Contains(Squeeze(title), text);
            // The inner frame is 31 pt from the edge; an unwrapped line of 200 characters would run far past it.
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Left, 31, page.Width - 31));
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, 31, page.Width - 31));
            var first = BaselineOf(page, "сөз01үң");
            var last = BaselineOf(page, "сөз25үңӨ");
            Assert.True(first - last > 15, $"the title should span several lines, first baseline {first}, last {last}");
        }
    }

    private static double BaselineOf(Page page, string word) =>
        page.GetWords().First(w => w.Text == word).Letters[0].StartBaseLine.Y;

    [Fact]
    public void Render_Font_DejaVuEmbedded()
    {
        var pdf = CertificateDocument.Render(Certificate());

        var page = OnlyPage(pdf, out var document);
        using (document)
            Assert.All(page.Letters, l => Assert.Contains("DejaVu Sans", l.FontName, StringComparison.Ordinal));
        var raw = Encoding.Latin1.GetString(pdf);
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.Contains("/ToUnicode", raw, StringComparison.Ordinal);
        // Subsets only: the two faces together weigh 1.4 MB, a certificate must not.
        Assert.True(pdf.Length < 200_000, $"{pdf.Length} bytes");
    }

    [Fact]
    public void Render_OnePageA4Landscape_WithTitleAndAuthor()
    {
        var page = OnlyPage(CertificateDocument.Render(Certificate(language: "en")), out var document);
        using (document)
        {
            Assert.Equal(841.9, page.Width, 0.1);
            Assert.Equal(595.3, page.Height, 0.1);
            Assert.Equal($"Certificate — {KyrgyzName}", document.Information.Title);
            Assert.Equal("Мекендештер борбору", document.Information.Author);
        }
    }

    /// <summary>Rebuilds the module grid from the filled rectangles on the page and compares it with the
    /// QR code QRCoder makes for the URL: a wrong URL, a shifted row or a missing run fails.</summary>
    [Fact]
    public void Render_QrCode_DrawsTheModulesOfTheVerifyUrl()
    {
        var certificate = Certificate();
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(certificate.VerifyUrl, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        const int quietZone = 4;
        Assert.DoesNotContain(true, matrix[0].Cast<bool>()); // QRCoder's matrix starts with the quiet zone...
        Assert.True(matrix[quietZone][quietZone]);    // ...and the finder pattern's corner follows it

        var page = OnlyPage(CertificateDocument.Render(certificate), out var document);
        using (document)
        {
            var squares = page.Paths.Where(p => p.IsFilled && !p.IsStroked)
                .SelectMany(p => p).Select(s => s.GetBoundingRectangle()!.Value).ToList();
            Assert.Equal(CertificateDocument.DarkRuns(matrix).Count(), squares.Count);

            var left = squares.Min(r => r.Left);
            var top = squares.Max(r => r.Top);
            var module = (squares.Max(r => r.Right) - left) / (matrix.Count - 2 * quietZone);
            for (var row = quietZone; row < matrix.Count - quietZone; row++)
                for (var column = quietZone; column < matrix.Count - quietZone; column++)
                {
                    var x = left + (column - quietZone + 0.5) * module;
                    var y = top - (row - quietZone + 0.5) * module;
                    var drawn = squares.Any(r => r.Left < x && x < r.Right && r.Bottom < y && y < r.Top);
                    Assert.True(matrix[row][column] == drawn, $"module ({row}, {column}) should be {(matrix[row][column] ? "dark" : "light")}");
                }
        }
    }

    [Fact]
    public void DarkRuns_CoverExactlyTheDarkModules()
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode("https://events.kg/certificates/X", QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;

        var covered = CertificateDocument.DarkRuns(matrix)
            .SelectMany(run => Enumerable.Range(run.Column, run.Length).Select(column => (run.Row, column))).ToList();

        var dark = Enumerable.Range(0, matrix.Count)
            .SelectMany(row => Enumerable.Range(0, matrix[row].Length).Where(column => matrix[row][column]).Select(column => (row, column)));
        Assert.Equal(dark.Order(), covered.Order());
    }

    [Fact]
    public void Wrap_WordWiderThanTheLine_IsCutWithoutLosingCharacters()
    {
        static double Measure(string s) => s.Length * 10;

        var lines = CertificateDocument.Wrap("aa bbbbbbbbbbbbb cc dd", Measure, 50);

        Assert.Equal(["aa", "bbbbb", "bbbbb", "bbb", "cc dd"], lines);
        Assert.All(lines, l => Assert.True(Measure(l) <= 50));
    }

    [Fact]
    public void Render_Concurrently_AllSucceed()
    {
        var pdfs = new byte[8][];

        Parallel.For(0, pdfs.Length, i => pdfs[i] = CertificateDocument.Render(Certificate(fullName: $"Айгүл {i}")));

        Assert.All(pdfs.Select((pdf, i) => (pdf, i)), p => Assert.Contains($"Айгүл{p.i}", PageText(p.pdf)));
    }
}
