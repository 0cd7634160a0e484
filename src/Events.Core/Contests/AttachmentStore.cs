using System.IO.Compression;
using System.Security.Cryptography;
using Events.Core.Common;

namespace Events.Core.Contests;

/// <summary>The <c>Contests</c> section.</summary>
public sealed class ContestSettings
{
    /// <summary>Largest attachment (default 3 MiB; the request body limit <c>Limits:MaxRequestBodyBytes</c> bounds it too).</summary>
    public long MaxAttachmentBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>Attachments per entry.</summary>
    public int MaxAttachments { get; set; } = 5;

    /// <summary>Folder of the stored files, relative to the content root (default App_Data/attachments): never under wwwroot.</summary>
    public string? AttachmentsFolder { get; set; }

    /// <summary>The request body limit (<c>Limits:MaxRequestBodyBytes</c>): what one form post can carry in all, files included.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>
/// The types an entry may carry, recognized by their first bytes, never by the name the browser sent:
/// a renamed executable is refused whatever it is called.
/// </summary>
public static class AttachmentTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    public static string Extension(string contentType) => contentType switch
    {
        Pdf => ".pdf", Png => ".png", Jpeg => ".jpg", Docx => ".docx", Xlsx => ".xlsx", Pptx => ".pptx", _ => "",
    };

    /// <summary>The content type read from the bytes, or null when the file is none of the accepted kinds.</summary>
    public static string? Detect(ReadOnlySpan<byte> head, Func<Stream>? openWhole = null)
    {
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png;
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return Jpeg;
        if (head.StartsWith("PK\u0003\u0004"u8) && openWhole is not null) return DetectOfficeDocument(openWhole);
        return null;
    }

    /// <summary>An Office Open XML package: a zip with [Content_Types].xml and the part folder of its kind.</summary>
    private static string? DetectOfficeDocument(Func<Stream> open)
    {
        try
        {
            using var stream = open();
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml")) return null;
            // Macro-enabled files (docm, xlsm, pptm) carry code: refused whatever their name says.
            using (var reader = new StreamReader(zip.GetEntry("[Content_Types].xml")!.Open()))
                if (reader.ReadToEnd().Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)) return null;
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))) return null;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Docx;
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return Xlsx;
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return Pptx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}

/// <summary>Entry files on disk, outside the web root, under random names; only <see cref="EntryService"/> and the jury's reads reach them.</summary>
public sealed class AttachmentStore(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>Reads the upload (at most <paramref name="maxBytes"/>), checks its type by content and stores it. Throws a field error otherwise.</summary>
    public async Task<(string StoredName, string ContentType, long Size)> SaveAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw ValidationFailedException.For("file", "Validation_FileTooLarge", maxBytes / (1024 * 1024));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw ValidationFailedException.For("file", "Validation_Required");
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var type = AttachmentTypes.Detect(bytes.Span[..Math.Min(16, bytes.Length)], () => new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false))
                   ?? throw ValidationFailedException.For("file", "Validation_FileType");
        Directory.CreateDirectory(Folder);
        var name = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await File.WriteAllBytesAsync(PathOf(name), bytes.ToArray(), ct);
        return (name, type, buffer.Length);
    }

    public Stream Open(string storedName) => File.OpenRead(PathOf(storedName));

    public void Delete(string storedName)
    {
        var path = PathOf(storedName);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(string storedName)
    {
        // Stored names are ours (hex); anything else never reaches the disk.
        if (storedName.Length != 32 || !storedName.All(char.IsAsciiHexDigit)) throw new ArgumentException("not a stored name", nameof(storedName));
        return Path.Combine(Folder, storedName);
    }
}
