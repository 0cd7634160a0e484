using Events.Core.Common;
using Events.Core.Notifications;
using Events.Core.Privacy;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Events.Core.Tests.Training;

/// <summary>Certificates: who gets one, the PDF (read back with PdfPig) and its email, verification, revoking, reissuing, erasure.</summary>
public class CertificateServiceTests
{
    private const string AigulName = "Айгүл Өмүрбекова";
    private const string BakytName = "Bakyt Osmonov";

    /// <summary>
    /// Five sessions, the clock after the last: Aigul (Kyrgyz) attended 4 of 5 and Bakyt (English) 4 of 5 with one late —
    /// both completed; Cholpon attended 3 of 5 — not completed.
    /// </summary>
    private static async Task<(TestDatabase Db, TrainingScenario S, int Aigul, int Bakyt, int Cholpon)> CompletedProgramAsync()
    {
        var db = await TestDatabase.CreateAsync(new() { ["App:PublicBaseUrl"] = "https://events.example.kg" });
        var s = await TrainingScenario.CreateAsync(db, 5);
        var aigul = (await s.EnrolAsync(AigulName, "aigul@example.kg", language: "ky")).Registration.Id;
        var bakyt = (await s.EnrolAsync(BakytName, "bakyt@example.kg", language: "en")).Registration.Id;
        var cholpon = (await s.EnrolAsync("Чолпон Рыскулова", "cholpon@example.kg")).Registration.Id;
        await s.MarkAsync((aigul, "PPAPP"), (bakyt, "LPPPA"), (cholpon, "PPPAA"));
        s.At(5, 24 * 60);
        return (db, s, aigul, bakyt, cholpon);
    }

    private static string Squeeze(string text) => string.Concat(text.Where(ch => !char.IsWhiteSpace(ch)));

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfPigDocument.Open(pdf);
        return Squeeze(string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
    }

    private static byte[] Decode(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task Issue_OnlyCompletedParticipants_OnceEach()
    {
        var (db, s, aigul, bakyt, cholpon) = await CompletedProgramAsync();
        await using var _ = db;

        var issued = await s.Certificates.IssueAsync(s.Trainer, s.Event.Id);

        Assert.Equal([aigul, bakyt], issued.Select(c => c.RegistrationId).Order());
        Assert.All(issued, c => Assert.Equal((12, true, s.Trainer.UserId), (c.Code.Length, c.IsValid, c.IssuedBy)));
        Assert.NotEqual(issued[0].Code, issued[1].Code);
        Assert.Empty(await s.Certificates.IssueAsync(s.Organizer, s.Event.Id)); // those who hold one get no second
        Assert.Equal(2, await s.QueryAsync(c => c.Certificates.CountAsync()));

        // Asked for by name: one who has not completed is refused with the reason.
        Assert.Equal("Rule_NotCompleted", (await Assert.ThrowsAsync<RuleViolationException>(() => s.Certificates.IssueAsync(s.Trainer, s.Event.Id, [cholpon]))).Key);
        await Assert.ThrowsAsync<ValidationFailedException>(() => s.Certificates.IssueAsync(s.Trainer, s.Event.Id, [999_999]));
        Assert.Equal(2, await s.QueryAsync(c => c.Certificates.CountAsync()));

        // The completion list shows each holder's code.
        var rows = await s.Programs.CompletionAsync(s.Trainer, s.Event.Id);
        Assert.Equal(issued.Single(c => c.RegistrationId == aigul).Code, rows.Single(r => r.RegistrationId == aigul).CertificateCode);
        Assert.Null(rows.Single(r => r.RegistrationId == cholpon).CertificateCode);
    }

    [Fact]
    public async Task Issue_WhenTheRuleIsLowered_TheOthersFollow()
    {
        var (db, s, _, _, cholpon) = await CompletedProgramAsync();
        await using var _ = db;
        await s.Certificates.IssueAsync(s.Trainer, s.Event.Id);
        await s.Programs.SetRulesAsync(s.Organizer, s.Event.Id, new TrainingRules(CompletionPercent: 60));

        var issued = await s.Certificates.IssueAsync(s.Trainer, s.Event.Id, [cholpon]);

        Assert.Equal([cholpon], issued.Select(c => c.RegistrationId));
    }

    [Fact]
    public async Task Pdf_NameEventTitleAndCode_InTheParticipantsLanguage()
    {
        var (db, s, aigul, bakyt, _) = await CompletedProgramAsync();
        await using var _ = db;
        var issued = await s.Certificates.IssueAsync(s.Trainer, s.Event.Id);
        var kyrgyz = issued.Single(c => c.RegistrationId == aigul);
        var english = issued.Single(c => c.RegistrationId == bakyt);

        var text = PdfText((await s.Certificates.PdfAsync(kyrgyz.Code))!);
        Assert.Contains(Squeeze(AigulName), text);
        Assert.Contains(Squeeze(TrainingScenario.Title), text);
        Assert.Contains(kyrgyz.Code, text);
        Assert.Contains($"https://events.example.kg/certificates/{kyrgyz.Code}", text);
        Assert.DoesNotContain(Squeeze(BakytName), text);

        var englishText = PdfText((await s.Certificates.PdfAsync(english.Code.ToLowerInvariant()))!);
        Assert.Contains(Squeeze(BakytName), englishText);
        Assert.Contains(Squeeze(TrainingScenario.TitleEn), englishText);
        Assert.Contains(english.Code, englishText);
        Assert.Equal(TrainingScenario.TitleEn, english.EventTitle);
    }

    [Fact]
    public async Task Issue_MailsThePdfAttachedThroughTheOutbox()
    {
        var (db, s, aigul, bakyt, cholpon) = await CompletedProgramAsync();
        await using var _ = db;

        var issued = await s.Certificates.IssueAsync(s.Trainer, s.Event.Id);

        var mail = await s.MailAsync("Certificate");
        Assert.Equal([aigul, bakyt], mail.Select(m => m.Row.RegistrationId!.Value).Order());
        var (row, message) = mail.Single(m => m.Row.RegistrationId == bakyt);
        var code = issued.Single(c => c.RegistrationId == bakyt).Code;
        Assert.Equal((OutboxStatus.Queued, "bakyt@example.kg"), (row.Status, row.To));
        Assert.Equal("bakyt@example.kg", message.To.Mailboxes.Single().Address);
        Assert.Contains(TrainingScenario.TitleEn, message.Subject);
        Assert.Contains(code, message.TextBody);
        Assert.Contains($"https://events.example.kg/certificates/{code}", message.TextBody);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(("application/pdf", $"certificate-{code}.pdf"), (attachment.ContentType.MimeType, attachment.FileName));
        var pdf = Decode(attachment);
        var text = PdfText(pdf);
        Assert.Contains(Squeeze(BakytName), text);
        Assert.Contains(code, text);
        Assert.DoesNotContain(await s.QueryAsync(c => c.Outbox.Where(m => m.Kind == "Certificate").Select(m => m.RegistrationId).ToListAsync()), id => id == cholpon);
    }

    [Fact]
    public async Task Verify_Valid_Revoked_Unknown()
    {
        var (db, s, aigul, _, _) = await CompletedProgramAsync();
        await using var _ = db;
        var certificate = (await s.Certificates.IssueAsync(s.Trainer, s.Event.Id)).Single(c => c.RegistrationId == aigul);
        var typed = string.Join("-", certificate.Code.Chunk(4).Select(c => new string(c))).ToLowerInvariant(); // "abcd-efgh-jklm" from paper

        var valid = await s.Certificates.VerifyAsync(typed);
        Assert.NotNull(valid);
        Assert.Equal((certificate.Code, AigulName, TrainingScenario.Title, true, (DateTime?)null), (valid.Code, valid.FullName, valid.EventTitle, valid.Valid, valid.RevokedUtc));
        Assert.Null(await s.Certificates.VerifyAsync("ABCDEFGHJKLM"));
        Assert.Null(await s.Certificates.VerifyAsync("AB"));
        Assert.Null(await s.Certificates.VerifyAsync(null));

        s.At(5, 48 * 60);
        var revoked = await s.Certificates.RevokeAsync(s.Trainer, certificate.Code, "Аты туура эмес жазылган");

        Assert.Equal((s.Trainer.UserId, "Аты туура эмес жазылган"), (revoked.RevokedBy, revoked.RevokeReason));
        var check = await s.Certificates.VerifyAsync(certificate.Code);
        Assert.Equal((false, (DateTime?)TrainingScenario.StartOf(7)), (check!.Valid, check.RevokedUtc));
        Assert.Null(await s.Certificates.PdfAsync(certificate.Code));
        Assert.Null(await s.Certificates.ForRegistrationAsync(aigul));
        Assert.Null((await s.Programs.CompletionAsync(s.Trainer, s.Event.Id)).Single(r => r.RegistrationId == aigul).CertificateCode);
        // Revoking again keeps the first revocation.
        s.At(5, 72 * 60);
        Assert.Equal(TrainingScenario.StartOf(7), (await s.Certificates.RevokeAsync(s.Organizer, certificate.Code, "again")).RevokedUtc);
        await Assert.ThrowsAsync<NotFoundException>(() => s.Certificates.RevokeAsync(s.Organizer, "ABCDEFGHJKLM", null));
    }

    [Fact]
    public async Task Reissue_NewCodeMailed_OldRevoked()
    {
        var (db, s, aigul, _, _) = await CompletedProgramAsync();
        await using var _ = db;
        var old = (await s.Certificates.IssueAsync(s.Trainer, s.Event.Id)).Single(c => c.RegistrationId == aigul);

        var fresh = await s.Certificates.ReissueAsync(s.Organizer, old.Code);

        Assert.NotEqual(old.Code, fresh.Code);
        Assert.Equal((aigul, AigulName, true), (fresh.RegistrationId, fresh.FullName, fresh.IsValid));
        var oldCheck = await s.Certificates.VerifyAsync(old.Code);
        Assert.False(oldCheck!.Valid);
        Assert.True((await s.Certificates.VerifyAsync(fresh.Code))!.Valid);
        Assert.Null(await s.Certificates.PdfAsync(old.Code));
        Assert.NotNull(await s.Certificates.PdfAsync(fresh.Code));
        Assert.Equal(fresh.Code, (await s.Certificates.ForRegistrationAsync(aigul))!.Code);
        var mail = await s.MailAsync("Certificate", aigul);
        Assert.Equal(2, mail.Count);
        Assert.Contains(fresh.Code, mail[1].Message.TextBody);
        Assert.Equal($"certificate-{fresh.Code}.pdf", mail[1].Message.Attachments.Single().ContentDisposition!.FileName);
    }

    [Fact]
    public async Task Reissue_OfAnOlderCode_LeavesOneValidCertificate()
    {
        var (db, s, aigul, _, _) = await CompletedProgramAsync();
        await using var _ = db;
        var first = (await s.Certificates.IssueAsync(s.Trainer, s.Event.Id)).Single(c => c.RegistrationId == aigul);
        var second = await s.Certificates.ReissueAsync(s.Organizer, first.Code);

        // Reissuing from the first (already revoked) code again, e.g. from an old email.
        var third = await s.Certificates.ReissueAsync(s.Organizer, first.Code);

        var valid = await s.QueryAsync(c => c.Certificates.Where(x => x.RegistrationId == aigul && x.RevokedUtc == null).Select(x => x.Code).ToListAsync());
        Assert.Equal([third.Code], valid);
        Assert.False((await s.Certificates.VerifyAsync(second.Code))!.Valid);
    }

    [Fact]
    public async Task Certificates_TrainerOfAnotherEvent_Forbidden()
    {
        var (db, s, aigul, _, _) = await CompletedProgramAsync();
        await using var _ = db;
        var certificate = (await s.Certificates.IssueAsync(s.Trainer, s.Event.Id)).Single(c => c.RegistrationId == aigul);
        var (_, otherTrainer) = await s.OtherProgramAsync();
        var outsider = await s.OutsiderAsync();

        foreach (var who in new[] { otherTrainer, outsider })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Certificates.IssueAsync(who, s.Event.Id));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Certificates.ListAsync(who, s.Event.Id));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Certificates.RevokeAsync(who, certificate.Code, null));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Certificates.ReissueAsync(who, certificate.Code));
        }
        Assert.Equal([certificate.Code], (await s.Certificates.ListAsync(s.Trainer, s.Event.Id)).Where(c => c.IsValid && c.RegistrationId == aigul).Select(c => c.Code));
        Assert.Equal(2, await s.QueryAsync(c => c.Certificates.CountAsync(x => x.RevokedUtc == null)));
    }

    [Fact]
    public async Task Forget_ErasesTheNameOnTheCertificate_AndRevokesIt()
    {
        var (db, s, aigul, bakyt, _) = await CompletedProgramAsync();
        await using var _ = db;
        var issued = await s.Certificates.IssueAsync(s.Trainer, s.Event.Id);
        var mine = issued.Single(c => c.RegistrationId == aigul);
        var others = issued.Single(c => c.RegistrationId == bakyt);

        await db.Get<PersonalData>().ForgetAsync(s.Tokens[aigul]);

        var stored = await s.QueryAsync(c => c.Certificates.AsNoTracking().SingleAsync(x => x.Id == mine.Id));
        Assert.Equal("—", stored.FullName);
        Assert.NotNull(stored.RevokedUtc);
        var check = await s.Certificates.VerifyAsync(mine.Code);
        Assert.Equal(("—", false), (check!.FullName, check.Valid));
        Assert.Null(await s.Certificates.PdfAsync(mine.Code));
        Assert.Empty(await s.QueryAsync(c => c.Certificates.Where(x => x.FullName.Contains("Өмүрбекова")).ToListAsync()));
        // The certificate email with the name and the PDF is gone too.
        Assert.All(await s.QueryAsync(c => c.Outbox.Where(m => m.RegistrationId == aigul).ToListAsync()), m => Assert.Empty(m.Mime));
        // Nobody else's certificate changes.
        var theirs = await s.Certificates.VerifyAsync(others.Code);
        Assert.Equal((BakytName, true), (theirs!.FullName, theirs.Valid));
        // The erased person is no longer among the participants, and reissuing the code is refused.
        Assert.DoesNotContain(await s.Programs.CompletionAsync(s.Trainer, s.Event.Id), r => r.RegistrationId == aigul);
        Assert.Equal("Rule_RegistrationNotActive", (await Assert.ThrowsAsync<RuleViolationException>(() => s.Certificates.ReissueAsync(s.Organizer, mine.Code))).Key);
    }
}
