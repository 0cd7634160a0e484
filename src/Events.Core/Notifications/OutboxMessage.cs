namespace Events.Core.Notifications;

public enum OutboxStatus { Queued, Sending, Sent, Failed }

/// <summary>
/// An email written in the same transaction as the change that causes it, as complete MIME bytes,
/// and sent later by a dispatcher; nothing is lost if sending fails or the app stops.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }

    /// <summary>The stored form: Brotli-compressed MIME after a 0x00 byte (see <see cref="Pack"/>), or plain MIME in older rows.</summary>
    public required byte[] Mime { get; set; }

    /// <summary>
    /// Compresses MIME for storage. Invitations are mostly base64 text (the calendar twice), and writing
    /// them uncompressed made the database's write volume the limit of a registration rush. A MIME message
    /// never starts with a NUL byte, so the marker tells the two forms apart.
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> mime)
    {
        var packed = new byte[1 + System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(mime.Length)];
        if (!System.IO.Compression.BrotliEncoder.TryCompress(mime, packed.AsSpan(1), out var written, quality: 1, window: 22))
            throw new InvalidOperationException("Brotli compression failed.");
        return packed[..(written + 1)];
    }

    /// <summary>The message as sent.</summary>
    public byte[] MimeBytes()
    {
        if (Mime.Length == 0 || Mime[0] != 0) return Mime;
        using var input = new MemoryStream(Mime, 1, Mime.Length - 1);
        using var brotli = new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream(Mime.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }
    public string? Kind { get; set; }
    public int? RegistrationId { get; set; }

    /// <summary>The contest entry a message is about (confirmation, award letter), so erasing the entrant finds every copy.</summary>
    public int? ContestEntryId { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Queued;
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntilUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>The person asked to be erased: once this last message (the calendar CANCEL) is sent, its body and address go too.</summary>
    public bool PurgeWhenSent { get; set; }
}
