using PdfSharp.Fonts;

namespace Events.Core.Training;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces compiled into this assembly. PDFsharp 6 on Linux finds no
/// system fonts by itself, and the standard PDF fonts have no Cyrillic, let alone ң, ө and ү; DejaVu
/// has all of them and may be embedded (docs/decisions/009-certificate-font.md).
/// </summary>
public sealed class CertificateFonts : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    public static CertificateFonts Instance { get; } = new();

    // Read once per process: PDFsharp caches the parsed face too, but a second resolver instance or
    // ResetFontManagement in a test would otherwise read the 700 KB resources again.
    private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace));
    private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace));

    private static readonly Lock Gate = new();
    private static volatile bool _installed;

    private CertificateFonts() { }

    /// <summary>
    /// Installs this resolver process-wide before the first PDF is drawn. PDFsharp accepts its resolver
    /// only before first use (and the same instance again afterwards), so every renderer calls this, and
    /// concurrent first calls are serialized. A host that installs its own resolver earlier must resolve
    /// <see cref="FamilyName"/> (e.g. by delegating to <see cref="Instance"/>), otherwise this throws.
    /// </summary>
    public static void EnsureInstalled()
    {
        if (_installed) return;
        lock (Gate)
        {
            if (_installed) return;
            var current = GlobalFontSettings.FontResolver;
            if (current is null)
                GlobalFontSettings.FontResolver = Instance;
            else if (!ReferenceEquals(current, Instance) && current.ResolveTypeface(FamilyName, false, false) is null)
                throw new InvalidOperationException(
                    $"Another PDFsharp font resolver ({current.GetType().FullName}) is installed and does not resolve \"{FamilyName}\"; " +
                    $"let it delegate to {nameof(CertificateFonts)}.{nameof(Instance)}.");
            _installed = true;
        }
    }

    /// <summary>
    /// Any family resolves to DejaVu Sans: the process has no other font to offer, and a certificate with
    /// a substituted face is better than an exception from code that asked for "Arial".
    /// </summary>
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => Regular.Value,
        BoldFace => Bold.Value,
        _ => null,
    };

    private static byte[] Load(string face)
    {
        var name = $"Events.Core.Training.Fonts.{face}.ttf";
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Font resource {name} is missing from the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
