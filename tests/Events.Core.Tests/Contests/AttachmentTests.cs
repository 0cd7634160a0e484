using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Contests;

/// <summary>Entry files: the type read from the bytes, never from the name; stored outside the web root under random names; erased with the entry.</summary>
public class AttachmentTests
{
    private static IEnumerable<string> StoredFiles(AttachmentStore store) =>
        Directory.Exists(store.Folder) ? Directory.EnumerateFiles(store.Folder) : [];

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task Pdf_Accepted_StoredOutsideWebRootUnderARandomName()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Entry with a plan");
        var bytes = ContestScenario.Pdf("business plan");
        var store = db.Get<AttachmentStore>();

        var attachment = await s.AttachAsync(entry, "business-plan.pdf", bytes);

        Assert.Equal(AttachmentTypes.Pdf, attachment.ContentType);
        Assert.Equal("business-plan.pdf", attachment.FileName);
        Assert.Equal(bytes.Length, attachment.Size);
        Assert.Equal(1, attachment.Number);
        Assert.Matches("^[0-9a-f]{32}$", attachment.StoredName);
        var path = Path.Combine(store.Folder, attachment.StoredName);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal([path], StoredFiles(store));
        // Under the content root's App_Data, never under a web root.
        Assert.StartsWith(Path.GetFullPath(db.Folder), store.Folder);
        Assert.DoesNotContain("wwwroot", store.Folder.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), StringComparer.OrdinalIgnoreCase);
        Assert.Empty(Directory.EnumerateFiles(db.Folder, "business-plan*", SearchOption.AllDirectories));

        // A second file gets another random name.
        var second = await s.AttachAsync(entry, "business-plan.pdf", ContestScenario.Pdf("second"));
        Assert.NotEqual(attachment.StoredName, second.StoredName);
        Assert.Equal(2, second.Number);

        // The entrant opens it with the manage token, under its own name.
        var opened = await s.Entries.OpenAttachmentAsync(null, entry.ManageToken, attachment.Id);
        Assert.Equal("business-plan.pdf", opened.FileName);
        Assert.Equal(AttachmentTypes.Pdf, opened.ContentType);
        Assert.Equal(bytes, await ReadAllAsync(opened.Content));
    }

    [Fact]
    public async Task ExecutableRenamedToPdf_RefusedAsFileType_NothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Entry");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.AttachAsync(entry, "cv.pdf", ContestScenario.Exe()));

        var error = Assert.Single(e.Errors);
        Assert.Equal("file", error.Field);
        Assert.Equal("Validation_FileType", error.Key);
        Assert.Equal(0, await s.QueryAsync(c => c.EntryAttachments.CountAsync()));
        Assert.Empty(StoredFiles(db.Get<AttachmentStore>()));
    }

    [Fact]
    public async Task TooLarge_RefusedAsFileTooLarge_ExactlyTheLimit_Accepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Entry");
        var max = db.Get<ContestSettings>().MaxAttachmentBytes;
        byte[] Pdf(long size)
        {
            var bytes = new byte[size];
            "%PDF-1.7\n"u8.CopyTo(bytes);
            return bytes;
        }

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.AttachAsync(entry, "big.pdf", Pdf(max + 1)));

        var error = Assert.Single(e.Errors);
        Assert.Equal("file", error.Field);
        Assert.Equal("Validation_FileTooLarge", error.Key);
        Assert.Equal(0, await s.QueryAsync(c => c.EntryAttachments.CountAsync()));
        Assert.Empty(StoredFiles(db.Get<AttachmentStore>()));

        Assert.Equal(max, (await s.AttachAsync(entry, "just-fits.pdf", Pdf(max))).Size);
    }

    [Fact]
    public async Task RealDocx_AcceptedAsDocx()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Entry");

        var attachment = await s.AttachAsync(entry, "plan.docx", ContestScenario.Docx());

        Assert.Equal(AttachmentTypes.Docx, attachment.ContentType);
        Assert.Equal("attachment-1.docx", attachment.DisplayName(blind: true));
    }

    [Theory]
    [InlineData("readme.txt", null)]
    [InlineData("word/document.xml", null)]
    [InlineData("[Content_Types].xml", "docProps/app.xml")]
    public async Task ZipThatIsNoOfficeDocument_Refused(string part, string? other)
    {
        string[] parts = other is null ? [part] : [part, other];
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Entry");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.AttachAsync(entry, "plan.docx", ContestScenario.Zip(parts)));

        Assert.Equal("Validation_FileType", Assert.Single(e.Errors).Key);
        Assert.Equal(0, await s.QueryAsync(c => c.EntryAttachments.CountAsync()));
    }

    [Fact]
    public async Task BrokenZip_Refused()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Entry");
        // The zip signature, then garbage.
        byte[] broken = [.. "PK\u0003\u0004"u8, .. new byte[200]];

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.AttachAsync(entry, "plan.docx", broken));

        Assert.Equal("Validation_FileType", Assert.Single(e.Errors).Key);
    }

    [Fact]
    public async Task Forget_DeletesTheFilesFromDisk_ErasesNameAndEmail()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("To be forgotten", email: "zarina.forget@entrant.example", organization: "Zarina's studio", name: "Зарина Унутулган");
        var kept = await s.SubmitAsync("Stays");
        var a = await s.AttachAsync(entry, "cv.pdf", ContestScenario.Pdf());
        var b = await s.AttachAsync(entry, "plan.docx", ContestScenario.Docx());
        var other = await s.AttachAsync(kept, "other.pdf", ContestScenario.Pdf("other"));
        var store = db.Get<AttachmentStore>();
        Assert.Equal(3, StoredFiles(store).Count());

        await s.Entries.ForgetAsync(entry.ManageToken);

        Assert.False(File.Exists(Path.Combine(store.Folder, a.StoredName)));
        Assert.False(File.Exists(Path.Combine(store.Folder, b.StoredName)));
        Assert.Equal([Path.Combine(store.Folder, other.StoredName)], StoredFiles(store));
        var stored = await s.QueryAsync(c => c.ContestEntries.Include(x => x.Attachments).SingleAsync(x => x.Id == entry.Entry.Id));
        Assert.Equal("—", stored.EntrantName);
        Assert.Equal($"erased-entry-{stored.Id}@invalid", stored.EntrantEmail);
        Assert.DoesNotContain("zarina", stored.NormalizedEmail);
        Assert.Null(stored.OrganizationName);
        Assert.Empty(stored.Attachments);
        Assert.Equal(EntryStatus.Withdrawn, stored.Status);
        // The confirmation email (name, address, manage link) is gone as well: not sent yet here, so dropped; the other entrant's stays.
        var mail = await s.QueryAsync(c => c.Outbox.Where(m => m.Kind == "EntryReceived").OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(kept.Entry.Id, Assert.Single(mail).ContestEntryId);
        Assert.NotEqual("", mail[0].To);
        // The old link no longer opens anything.
        Assert.Null(await s.Entries.FindByTokenAsync(entry.ManageToken));
    }
}
