using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Registration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Contests;

public sealed record AttachmentView(int Id, string Name, string ContentType, long Size);

/// <summary>Who submitted an entry; absent from what a juror sees when judging is blind.</summary>
public sealed record EntrantIdentity(string Name, string Email, string? OrganizationName, string? CountryCode, People.HomeRegion? HomeRegion,
    People.Gender? Gender, int? BirthYear);

/// <summary>An entry as its reader may see it.</summary>
public sealed record EntryView(int Id, int ContestId, string? Category, string Title, string Summary, IReadOnlyList<string> Links, string? Outlet,
    long? ClaimedAudience, EntryStatus Status, DateTime SubmittedUtc, IReadOnlyList<AttachmentView> Attachments, EntrantIdentity? Entrant)
{
    public static EntryView Of(ContestEntry e, bool hideEntrant) => new(e.Id, e.ContestId, e.Category, e.Title, e.Summary, e.Links, e.Outlet,
        e.ClaimedAudience, e.Status, e.SubmittedUtc,
        e.Attachments.OrderBy(a => a.Number).Select(a => new AttachmentView(a.Id, a.DisplayName(hideEntrant), a.ContentType, a.Size)).ToList(),
        hideEntrant ? null : new EntrantIdentity(e.EntrantName, e.EntrantEmail, e.OrganizationName, e.CountryCode, e.HomeRegion, e.Gender, e.BirthYear));

    /// <summary>What a juror sees: in open judging the entrant's name and organization only (what judging needs); nothing in blind judging.</summary>
    public static EntryView ForJuror(ContestEntry e, bool blind) => blind
        ? Of(e, hideEntrant: true)
        : Of(e, hideEntrant: false) with { Entrant = new EntrantIdentity(e.EntrantName, "", e.OrganizationName, null, null, null, null) };
}

public sealed record EntryCreated(ContestEntry Entry, string ManageToken);

/// <summary>A file as it arrives from a form or the API.</summary>
public sealed record UploadedFile(string? FileName, Stream Content);

public sealed record OpenedAttachment(Stream Content, string FileName, string ContentType);

/// <summary>
/// Entries: submitted on the public page or through the API before the deadline, edited, given files and withdrawn by
/// the holder of the manage link; listed for the contest's organizers in full and for jurors through <see cref="ContestAccess"/>.
/// </summary>
public sealed class EntryService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, IDataProtectionProvider protection, ContestMail mail,
    OutboxSignal signal, AttachmentStore store, ContestSettings settings, PickupFolder pickup)
{
    private static readonly HashSet<string> KnownCountries = Reference.CountryCatalog.All.Select(c => c.Code).ToHashSet();
    private readonly IDataProtector _tokens = ManageTokens.Protector(protection);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Submits an entry with its files (optional). Every check — fields, window, each file's type and size — passes before
    /// anything is written; then the entry, its files and the confirmation email are stored together.
    /// </summary>
    public async Task<EntryCreated> SubmitAsync(int contestId, EntryInput input, string fallbackLanguage, CancellationToken ct = default,
        IReadOnlyList<UploadedFile>? files = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await db.Contests.AsNoTracking().Include(c => c.Organization).FirstOrDefaultAsync(c => c.Id == contestId && c.Status == ContestStatus.Published, ct)
                      ?? throw new NotFoundException("contest");
        var answers = input.Validate(contest, KnownCountries.Contains, Now.Year);
        EnsureWindow(contest);
        files ??= [];
        if (files.Count > settings.MaxAttachments) throw ValidationFailedException.For("file", "Validation_TooMany", settings.MaxAttachments);
        var token = ManageTokens.New();
        var entry = new ContestEntry
        {
            ContestId = contestId, Title = "", Summary = "", EntrantName = "", EntrantEmail = "", NormalizedEmail = "",
            Language = input.Language is { Length: > 0 } l ? l : fallbackLanguage, SubmittedUtc = Now,
            ManageTokenHash = ManageTokens.Hash(token), ManageTokenSealed = _tokens.Protect(token),
        };
        entry.Apply(input, contest, answers, Now);
        var stored = new List<string>();
        try
        {
            foreach (var file in files)
            {
                var (name, type, size) = await store.SaveAsync(file.Content, settings.MaxAttachmentBytes, ct);
                stored.Add(name);
                entry.Attachments.Add(new EntryAttachment
                {
                    Number = entry.Attachments.Count + 1, FileName = CleanFileName(file.FileName), ContentType = type, Size = size, StoredName = name, UploadedUtc = Now,
                });
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ContestEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            Outbox.Enqueue(db, mail.EntryReceived(contest, entry, token), "EntryReceived", null, Now).ContestEntryId = entry.Id;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            foreach (var name in stored) store.Delete(name); // a refused file or a failed write leaves nothing behind
            throw;
        }
        await JuryService.SuggestConflictsAsync(db, contestId, null, entry.Id, Now, ct);
        signal.Notify();
        return new EntryCreated(entry, token);
    }

    private static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (name.Length == 0) name = "file";
        return name.Length > EntryAttachment.FileNameMaxLength ? name[^EntryAttachment.FileNameMaxLength..] : name;
    }

    /// <summary>Whether judging has started (a round opened): the manage page then offers no more changes.</summary>
    public async Task<bool> JudgingStartedAsync(int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Rounds.AnyAsync(r => r.ContestId == contestId && r.Status != RoundStatus.Setup, ct);
    }

    /// <summary>Once a round has opened, jurors are reading the entries: their text, category and files stay as judged.</summary>
    private static async Task EnsureNotJudgedAsync(EventsDbContext db, int contestId, CancellationToken ct)
    {
        if (await db.Rounds.AnyAsync(r => r.ContestId == contestId && r.Status != RoundStatus.Setup, ct))
            throw new RuleViolationException("Rule_JudgingStarted");
    }

    private void EnsureWindow(Contest contest)
    {
        if (Now < contest.SubmissionOpensUtc) throw new RuleViolationException("Rule_SubmissionNotOpen");
        if (!contest.AcceptsEntries(Now)) throw new RuleViolationException("Rule_SubmissionClosed");
    }

    /// <summary>The entry of a manage link, with its contest and files (null for an unknown or malformed token).</summary>
    public async Task<(ContestEntry Entry, Contest Contest)?> FindByTokenAsync(string? token, CancellationToken ct = default)
    {
        if (!ManageTokens.LooksValid(token)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = ManageTokens.Hash(token!);
        var entry = await db.ContestEntries.AsNoTracking().Include(e => e.Attachments).Include(e => e.Contest).ThenInclude(c => c!.Organization)
            .FirstOrDefaultAsync(e => e.ManageTokenHash == hash, ct);
        return entry is null ? null : (entry, entry.Contest!);
    }

    private static async Task<ContestEntry> LoadByTokenAsync(EventsDbContext db, string? token, CancellationToken ct)
    {
        if (!ManageTokens.LooksValid(token)) throw new NotFoundException("entry");
        var hash = ManageTokens.Hash(token!);
        return await db.ContestEntries.Include(e => e.Attachments).Include(e => e.Contest).FirstOrDefaultAsync(e => e.ManageTokenHash == hash, ct)
               ?? throw new NotFoundException("entry");
    }

    public async Task<ContestEntry> UpdateAsync(string? token, EntryInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await LoadByTokenAsync(db, token, ct);
        var answers = input.Validate(entry.Contest!, KnownCountries.Contains, Now.Year);
        if (!entry.IsActive) throw new RuleViolationException("Rule_EntryWithdrawn");
        EnsureWindow(entry.Contest!);
        await EnsureNotJudgedAsync(db, entry.ContestId, ct);
        entry.Apply(input with { Language = input.Language ?? entry.Language }, entry.Contest!, answers, Now);
        if (input.Language is { Length: > 0 } l) entry.Language = l;
        await db.SaveChangesAsync(ct);
        await JuryService.SuggestConflictsAsync(db, entry.ContestId, null, entry.Id, Now, ct);
        return entry;
    }

    /// <summary>The entrant withdraws (any time; a withdrawn entry leaves every round and the results).</summary>
    public async Task<ContestEntry> WithdrawAsync(string? token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await LoadByTokenAsync(db, token, ct);
        Withdraw(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<ContestEntry> WithdrawAsync(Actor actor, int entryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.ContestEntries.FirstOrDefaultAsync(e => e.Id == entryId, ct) ?? throw new NotFoundException("entry");
        await ContestAccess.ManagedAsync(db, actor, entry.ContestId, ct);
        Withdraw(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    private void Withdraw(ContestEntry entry)
    {
        if (!entry.IsActive) return;
        entry.Status = EntryStatus.Withdrawn;
        entry.WithdrawnUtc = Now;
        entry.UpdatedUtc = Now;
    }

    public async Task<EntryAttachment> AddAttachmentAsync(string? token, string? fileName, Stream content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await LoadByTokenAsync(db, token, ct);
        if (!entry.IsActive) throw new RuleViolationException("Rule_EntryWithdrawn");
        EnsureWindow(entry.Contest!);
        await EnsureNotJudgedAsync(db, entry.ContestId, ct);
        if (entry.Attachments.Count >= settings.MaxAttachments) throw ValidationFailedException.For("file", "Validation_TooMany", settings.MaxAttachments);
        var name = CleanFileName(fileName);
        var (stored, type, size) = await store.SaveAsync(content, settings.MaxAttachmentBytes, ct);
        var attachment = new EntryAttachment
        {
            EntryId = entry.Id, Number = entry.Attachments.Count == 0 ? 1 : entry.Attachments.Max(a => a.Number) + 1, FileName = name,
            ContentType = type, Size = size, StoredName = stored, UploadedUtc = Now,
        };
        db.EntryAttachments.Add(attachment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            store.Delete(stored); // no orphan file when the row is not written
            throw;
        }
        return attachment;
    }

    public async Task RemoveAttachmentAsync(string? token, int attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await LoadByTokenAsync(db, token, ct);
        EnsureWindow(entry.Contest!);
        await EnsureNotJudgedAsync(db, entry.ContestId, ct);
        var attachment = entry.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException("attachment");
        db.EntryAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        store.Delete(attachment.StoredName);
    }

    /// <summary>
    /// A file for its entrant (manage token), an organizer of the contest, or a juror who may see the entry; in blind judging
    /// a juror gets it as "attachment-N". Anyone else gets not-found, which reveals nothing.
    /// </summary>
    public async Task<OpenedAttachment> OpenAttachmentAsync(Actor? actor, string? token, int attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.EntryAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct) ?? throw new NotFoundException("attachment");
        var entry = await db.ContestEntries.AsNoTracking().Include(e => e.Contest).FirstAsync(e => e.Id == attachment.EntryId, ct);
        var blindName = false;
        if (token is not null && ManageTokens.LooksValid(token) && ManageTokens.Hash(token) == entry.ManageTokenHash) { }
        // A member of the jury gets the jury's view, whatever else they are: conflicts and blindness hold for them too.
        else if (actor is not null && await ContestAccess.IsJurorAsync(db, actor.UserId, entry.ContestId, ct))
        {
            if (!entry.IsActive || !await ContestAccess.EntriesVisibleTo(db, actor.UserId).AnyAsync(e => e.Id == entry.Id, ct)) throw new NotFoundException("attachment");
            blindName = entry.Contest!.Blind;
        }
        else if (actor is not null && await ContestAccess.OrganizesAsync(db, actor, entry.Contest!.OrganizationId, ct)) { }
        else throw new NotFoundException("attachment");
        return new OpenedAttachment(store.Open(attachment.StoredName), attachment.DisplayName(blindName), attachment.ContentType);
    }

    /// <summary>
    /// The entries of a contest as the caller may see them: all of them for its organizers; for a juror, only the active entries
    /// assigned to them without a conflict, and without the entrant when judging is blind.
    /// </summary>
    public async Task<IReadOnlyList<EntryView>> ListAsync(Actor actor, int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await db.Contests.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contestId, ct) ?? throw new NotFoundException("contest");
        // A member of the jury gets the jury's view even when they also organize (administrators included).
        if (await ContestAccess.IsJurorAsync(db, actor.UserId, contestId, ct))
        {
            var mine = await ContestAccess.EntriesVisibleTo(db, actor.UserId).AsNoTracking().Include(e => e.Attachments)
                .Where(e => e.ContestId == contestId && e.Status == EntryStatus.Submitted).OrderBy(e => e.SubmittedUtc).ThenBy(e => e.Id).ToListAsync(ct);
            return mine.Select(e => EntryView.ForJuror(e, contest.Blind)).ToList();
        }
        if (!await ContestAccess.OrganizesAsync(db, actor, contest.OrganizationId, ct)) throw new ForbiddenException("neither organizer nor juror of this contest");
        var all = await db.ContestEntries.AsNoTracking().Include(e => e.Attachments).Where(e => e.ContestId == contestId)
            .OrderBy(e => e.SubmittedUtc).ThenBy(e => e.Id).ToListAsync(ct);
        return all.Select(e => EntryView.Of(e, hideEntrant: false)).ToList();
    }

    /// <summary>"Delete my entry's data": withdraws it, erases the entrant and deletes the files from the disk.</summary>
    public async Task ForgetAsync(string? token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        int entryId;
        List<string> files;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var entry = await LoadByTokenAsync(db, token, ct);
            entryId = entry.Id;
            Withdraw(entry);
            entry.Erase(Now);
            files = entry.Attachments.Select(a => a.StoredName).ToList();
            db.EntryAttachments.RemoveRange(entry.Attachments);
            await db.SaveChangesAsync(ct);
            // An award names the person and its story tells about them; a suggested conflict's reason quotes their domain or organization.
            await db.Awards.Where(a => a.EntryId == entryId).ExecuteDeleteAsync(ct);
            await db.Conflicts.Where(c => c.EntryId == entryId && c.Source == ConflictSource.Suggested)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Reason, "—"), ct);
            // Mail about the entry, by the entry (the address may have changed since): unsent mail goes, mail being sent is purged once sent.
            var mail = db.Outbox.Where(m => m.ContestEntryId == entryId);
            await mail.Where(m => m.Status == OutboxStatus.Queued).ExecuteDeleteAsync(ct);
            await mail.Where(m => m.Status == OutboxStatus.Sending).ExecuteUpdateAsync(u => u.SetProperty(m => m.PurgeWhenSent, true), ct);
            await tx.CommitAsync(ct);
        }
        foreach (var f in files) store.Delete(f);
        await Privacy.MailPurge.PurgeAsync(db, pickup,
            db.Outbox.Where(m => m.ContestEntryId == entryId && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed)), ct);
        await Privacy.MailPurge.TruncateWriteAheadLogAsync(db, ct);
    }
}
