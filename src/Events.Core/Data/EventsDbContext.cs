using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Reference;
using Events.Core.Planning;
using Events.Core.Scheduling;
using Events.Core.Seeding;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Data;

public class EventsDbContext(DbContextOptions<EventsDbContext> options) : IdentityDbContext<EventsUser>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<SeedRun> SeedRuns => Set<SeedRun>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SessionChange> SessionChanges => Set<SessionChange>();
    public DbSet<EventSeries> EventSeries => Set<EventSeries>();
    public DbSet<PlanTarget> PlanTargets => Set<PlanTarget>();
    public DbSet<Registration.Registration> Registrations => Set<Registration.Registration>();
    public DbSet<Notifications.OutboxMessage> Outbox => Set<Notifications.OutboxMessage>();
    public DbSet<Contest> Contests => Set<Contest>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<Criterion> Criteria => Set<Criterion>();
    public DbSet<RoundEntry> RoundEntries => Set<RoundEntry>();
    public DbSet<ContestEntry> ContestEntries => Set<ContestEntry>();
    public DbSet<EntryAttachment> EntryAttachments => Set<EntryAttachment>();
    public DbSet<ContestJuror> ContestJurors => Set<ContestJuror>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Conflict> Conflicts => Set<Conflict>();
    public DbSet<ScoreSheet> ScoreSheets => Set<ScoreSheet>();
    public DbSet<ScoreChange> ScoreChanges => Set<ScoreChange>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<Training.EventTrainer> EventTrainers => Set<Training.EventTrainer>();
    public DbSet<Training.AttendanceRecord> Attendance => Set<Training.AttendanceRecord>();
    public DbSet<Training.AttendanceChange> AttendanceChanges => Set<Training.AttendanceChange>();
    public DbSet<Training.Certificate> Certificates => Set<Training.Certificate>();
    public DbSet<Training.InnolabTeam> InnolabTeams => Set<Training.InnolabTeam>();
    public DbSet<Training.InnolabTeamMember> InnolabTeamMembers => Set<Training.InnolabTeamMember>();
    public DbSet<Training.StartupProject> StartupProjects => Set<Training.StartupProject>();
    public DbSet<Training.MentorNote> MentorNotes => Set<Training.MentorNote>();
    public DbSet<Engagement.Question> Questions => Set<Engagement.Question>();
    public DbSet<Engagement.Survey> Surveys => Set<Engagement.Survey>();
    public DbSet<Engagement.SurveyResponse> SurveyResponses => Set<Engagement.SurveyResponse>();
    public DbSet<Engagement.SurveyInvitation> SurveyInvitations => Set<Engagement.SurveyInvitation>();
    public DbSet<Engagement.CoverageRecord> Coverage => Set<Engagement.CoverageRecord>();
    public DbSet<Indicators.EventFigures> EventFigures => Set<Indicators.EventFigures>();
    public DbSet<Indicators.ReportRecommendation> ReportRecommendations => Set<Indicators.ReportRecommendation>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefreshDerivedColumns();
        var touched = EventsWithChangedFigures();
        if (touched.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await Indicators.EventFigures.TouchAsync(this, touched, cancellationToken);
            return saved;
        }
        // Changes are accepted only once the figures' stamp is committed with them: a failure leaves the entities still to save.
        await using var tx = await Database.BeginTransactionAsync(cancellationToken);
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        await Indicators.EventFigures.TouchAsync(this, touched, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return count;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefreshDerivedColumns();
        var touched = EventsWithChangedFigures();
        if (touched.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        if (Database.CurrentTransaction is not null)
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            Indicators.EventFigures.Touch(this, touched);
            return saved;
        }
        using var tx = Database.BeginTransaction();
        var count = base.SaveChanges(acceptAllChangesOnSuccess: false);
        Indicators.EventFigures.Touch(this, touched);
        tx.Commit();
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return count;
    }

    /// <summary>
    /// Events whose stored indicator figures this save makes stale: any change to their sessions, registrations or attendance
    /// (or to the event). Raised in the same transaction, so a reader never keeps figures older than the rows (EventFigures).
    /// </summary>
    private List<int> EventsWithChangedFigures()
    {
        var ids = new HashSet<int>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Registration.Registration r: ids.Add(r.EventId); break;
                case Training.AttendanceRecord a: ids.Add(a.EventId); break;
                case Session s when s.EventId != 0: ids.Add(s.EventId); break;
                case Event e when entry.State == EntityState.Modified: ids.Add(e.Id); break;
            }
        }
        return ids.ToList();
    }

    /// <summary>Search columns follow the names they are made of, whoever changed them.</summary>
    private void RefreshDerivedColumns()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            switch (entry.Entity)
            {
                case Organization o: o.RefreshSearchText(); break;
                case EventsUser u: u.RefreshSearchText(); break;
                case Event e: e.RefreshSearchText(); break;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<EventsUser>(u =>
        {
            u.Property(x => x.FullName).HasMaxLength(EventsUser.FullNameMaxLength);
            u.Property(x => x.CountryCode).HasMaxLength(2);
            u.Property(x => x.HomeRegion).HasConversion<string>().HasMaxLength(20);
            u.Property(x => x.Gender).HasConversion<string>().HasMaxLength(20);
            u.Property(x => x.Language).HasMaxLength(5);
            u.Property(x => x.TimeZone).HasMaxLength(64);
            u.Property(x => x.SearchText).HasMaxLength(600);
            u.Property(x => x.CalendarFeedKey).HasMaxLength(64);
            u.HasIndex(x => x.CalendarFeedKey).IsUnique();
        });

        builder.Entity<Organization>(o =>
        {
            o.Property(x => x.Name).HasMaxLength(Organization.NameMaxLength);
            o.Property(x => x.NameKy).HasMaxLength(Organization.NameMaxLength);
            o.Property(x => x.NameRu).HasMaxLength(Organization.NameMaxLength);
            o.Property(x => x.NameEn).HasMaxLength(Organization.NameMaxLength);
            o.Property(x => x.Code).HasMaxLength(40);
            o.HasIndex(x => x.Code).IsUnique();
            o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            o.Property(x => x.CountryCode).HasMaxLength(2);
            o.Property(x => x.TimeZone).HasMaxLength(64);
            o.Property(x => x.Email).HasMaxLength(256);
            o.HasIndex(x => x.Name);
            o.Property(x => x.SearchText).HasMaxLength(1200);
        });

        builder.Entity<OrganizationMember>(m =>
        {
            m.HasKey(x => new { x.OrganizationId, x.UserId });
            m.HasOne(x => x.Organization).WithMany(o => o.Members).HasForeignKey(x => x.OrganizationId);
            m.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
            m.HasIndex(x => x.UserId);
        });

        builder.Entity<Country>(c =>
        {
            c.HasKey(x => x.Code);
            c.Property(x => x.Code).HasMaxLength(2);
            c.Property(x => x.NameEn).HasMaxLength(100);
            c.Property(x => x.NameRu).HasMaxLength(100);
            c.Property(x => x.NameKy).HasMaxLength(100);
            c.Property(x => x.TimeZone).HasMaxLength(64);
        });

        ConfigureScheduling(builder);
        ConfigureRegistration(builder);
        ConfigureContests(builder);
        ConfigureTraining(builder);
        ConfigureEngagement(builder);

        builder.Entity<SeedRun>(s =>
        {
            s.HasKey(x => x.Name);
            s.Property(x => x.Name).HasMaxLength(100);
        });
    }

    private static void ConfigureScheduling(ModelBuilder builder)
    {
        builder.Entity<Event>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Audience).HasConversion<int>();
            e.Property(x => x.Title).HasMaxLength(Event.TitleMaxLength);
            e.Property(x => x.TitleKy).HasMaxLength(Event.TitleMaxLength);
            e.Property(x => x.TitleRu).HasMaxLength(Event.TitleMaxLength);
            e.Property(x => x.TitleEn).HasMaxLength(Event.TitleMaxLength);
            e.Property(x => x.Description).HasMaxLength(Event.DescriptionMaxLength);
            e.Property(x => x.DescriptionKy).HasMaxLength(Event.DescriptionMaxLength);
            e.Property(x => x.DescriptionRu).HasMaxLength(Event.DescriptionMaxLength);
            e.Property(x => x.DescriptionEn).HasMaxLength(Event.DescriptionMaxLength);
            e.Property(x => x.Topics).HasMaxLength(Event.TopicsMaxLength);
            e.Property(x => x.Reminders).HasMaxLength(100);
            e.Property(x => x.RecordingUrl).HasMaxLength(Event.UrlMaxLength);
            e.Property(x => x.SearchText).HasMaxLength(1000);
            e.ComplexProperty(x => x.Training);
            e.Property(x => x.Questions).HasConversion(JsonColumn.Converter<List<Registration.RegistrationQuestion>>(), JsonColumn.Comparer<List<Registration.RegistrationQuestion>>());
            e.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Series).WithMany(s => s.Events).HasForeignKey(x => x.SeriesId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.Status, x.Kind });
            e.HasIndex(x => x.OrganizationId);
        });

        builder.Entity<Session>(s =>
        {
            s.Property(x => x.Uid).HasMaxLength(80);
            s.HasIndex(x => x.Uid).IsUnique();
            s.Property(x => x.Label).HasMaxLength(Session.LabelMaxLength);
            // The wall-clock start is not UTC: keep its kind Unspecified.
            s.Property(x => x.Start).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified));
            s.Property(x => x.TimeZone).HasMaxLength(64);
            s.Property(x => x.Mode).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.JoinUrl).HasMaxLength(Event.UrlMaxLength);
            s.Property(x => x.Venue).HasMaxLength(Session.VenueMaxLength);
            s.Property(x => x.Address).HasMaxLength(Session.AddressMaxLength);
            s.Property(x => x.CancelReason).HasMaxLength(500);
            s.Property(x => x.CheckInSecret).HasMaxLength(64);
            s.HasOne(x => x.Event).WithMany(e => e.Sessions).HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            s.HasIndex(x => new { x.StartUtc, x.Status });
            s.HasIndex(x => x.EndUtc);
        });

        builder.Entity<SessionChange>(c =>
        {
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.ChangedBy).HasMaxLength(450);
            c.Property(x => x.OldTimeZone).HasMaxLength(64);
            c.Property(x => x.NewTimeZone).HasMaxLength(64);
            c.Property(x => x.Reason).HasMaxLength(500);
            c.HasOne<Session>().WithMany(s => s.Changes).HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EventSeries>(s => s.Property(x => x.Rule).HasMaxLength(300));

        builder.Entity<PlanTarget>(t =>
        {
            t.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            t.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            t.HasIndex(x => new { x.Year, x.Kind, x.OrganizationId }).IsUnique();
        });
    }

    private static void ConfigureRegistration(ModelBuilder builder)
    {
        builder.Entity<Registration.Registration>(r =>
        {
            r.Property(x => x.FullName).HasMaxLength(Registration.Registration.FullNameMaxLength);
            r.Property(x => x.Email).HasMaxLength(254);
            r.Property(x => x.NormalizedEmail).HasMaxLength(254);
            r.Property(x => x.ActiveEmailKey).HasMaxLength(254);
            r.Property(x => x.CountryCode).HasMaxLength(2);
            r.Property(x => x.City).HasMaxLength(Registration.Registration.CityMaxLength);
            r.Property(x => x.HomeRegion).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Gender).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Language).HasMaxLength(5);
            r.Property(x => x.TimeZone).HasMaxLength(64);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.ManageTokenHash).HasMaxLength(64);
            r.Property(x => x.ManageTokenSealed).HasMaxLength(400);
            r.Property(x => x.CheckInCode).HasMaxLength(20);
            r.Property(x => x.Answers).HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());
            r.HasIndex(x => new { x.SessionId, x.CheckInCode });
            r.HasIndex(x => x.ManageTokenHash).IsUnique();
            // One active registration per person and event, enforced by the database.
            r.HasIndex(x => new { x.EventId, x.ActiveEmailKey }).IsUnique();
            r.HasIndex(x => new { x.SessionId, x.Status });
            r.HasIndex(x => x.NormalizedEmail);
            r.HasOne(x => x.Session).WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Notifications.ReminderLog>(l =>
        {
            l.HasIndex(x => new { x.RegistrationId, x.OffsetMinutes, x.SessionStartUtc }).IsUnique();
            l.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Notifications.OutboxMessage>(m =>
        {
            m.Property(x => x.To).HasMaxLength(254);
            m.Property(x => x.Subject).HasMaxLength(400);
            m.Property(x => x.Kind).HasMaxLength(40);
            m.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.LockedBy).HasMaxLength(100);
            m.Property(x => x.LastError).HasMaxLength(1000);
            m.HasIndex(x => new { x.Status, x.NextAttemptUtc });
        });
    }

    private static void ConfigureContests(ModelBuilder builder)
    {
        builder.Entity<Contest>(c =>
        {
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Title).HasMaxLength(Contest.TitleMaxLength);
            c.Property(x => x.TitleKy).HasMaxLength(Contest.TitleMaxLength);
            c.Property(x => x.TitleRu).HasMaxLength(Contest.TitleMaxLength);
            c.Property(x => x.TitleEn).HasMaxLength(Contest.TitleMaxLength);
            c.Property(x => x.Description).HasMaxLength(Contest.DescriptionMaxLength);
            c.Property(x => x.DescriptionKy).HasMaxLength(Contest.DescriptionMaxLength);
            c.Property(x => x.DescriptionRu).HasMaxLength(Contest.DescriptionMaxLength);
            c.Property(x => x.DescriptionEn).HasMaxLength(Contest.DescriptionMaxLength);
            c.Property(x => x.Currency).HasMaxLength(3);
            c.Property(x => x.GrantBudget).HasPrecision(18, 2);
            c.Property(x => x.Categories).HasMaxLength(4000)
                .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
            c.Property(x => x.Questions).HasMaxLength(20_000)
                .HasConversion(JsonColumn.Converter<List<Registration.RegistrationQuestion>>(), JsonColumn.Comparer<List<Registration.RegistrationQuestion>>());
            c.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<Event>().WithMany().HasForeignKey(x => x.CeremonyEventId).OnDelete(DeleteBehavior.SetNull);
            c.HasIndex(x => new { x.Status, x.SubmissionClosesUtc });
            c.HasIndex(x => x.OrganizationId);
        });

        builder.Entity<Round>(r =>
        {
            r.Property(x => x.Name).HasMaxLength(Round.NameMaxLength);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.SeeOtherScores).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.RankBy).HasConversion<string>().HasMaxLength(20);
            r.HasOne(x => x.Contest).WithMany(c => c.Rounds).HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => new { x.ContestId, x.Number }).IsUnique();
        });

        builder.Entity<Criterion>(c =>
        {
            c.Property(x => x.Name).HasMaxLength(Criterion.NameMaxLength);
            c.Property(x => x.Description).HasMaxLength(Criterion.DescriptionMaxLength);
            c.HasOne<Round>().WithMany(r => r.Criteria).HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RoundEntry>(x =>
        {
            x.HasKey(e => new { e.RoundId, e.EntryId });
            x.HasOne<Round>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Cascade);
            x.HasOne<ContestEntry>().WithMany().HasForeignKey(e => e.EntryId).OnDelete(DeleteBehavior.NoAction);
        });

        builder.Entity<ContestEntry>(e =>
        {
            e.Property(x => x.Category).HasMaxLength(Contest.CategoryMaxLength);
            e.Property(x => x.Title).HasMaxLength(ContestEntry.TitleMaxLength);
            e.Property(x => x.Summary).HasMaxLength(ContestEntry.SummaryMaxLength);
            e.Property(x => x.EntrantName).HasMaxLength(ContestEntry.NameMaxLength);
            e.Property(x => x.EntrantEmail).HasMaxLength(254);
            e.Property(x => x.NormalizedEmail).HasMaxLength(254);
            e.Property(x => x.OrganizationName).HasMaxLength(ContestEntry.OrganizationMaxLength);
            e.Property(x => x.CountryCode).HasMaxLength(2);
            e.Property(x => x.HomeRegion).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Gender).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Language).HasMaxLength(5);
            e.Property(x => x.Outlet).HasMaxLength(ContestEntry.OutletMaxLength);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ManageTokenHash).HasMaxLength(64);
            e.Property(x => x.ManageTokenSealed).HasMaxLength(400);
            e.Property(x => x.Links).HasMaxLength(25_000).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
            e.Property(x => x.Answers).HasMaxLength(20_000)
                .HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());
            e.HasOne(x => x.Contest).WithMany().HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ContestId, x.Status });
            e.HasIndex(x => x.ManageTokenHash).IsUnique();
        });

        builder.Entity<EntryAttachment>(a =>
        {
            a.Property(x => x.FileName).HasMaxLength(EntryAttachment.FileNameMaxLength);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.StoredName).HasMaxLength(32);
            a.HasOne<ContestEntry>().WithMany(e => e.Attachments).HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ContestJuror>(j =>
        {
            j.HasKey(x => new { x.ContestId, x.UserId });
            j.Property(x => x.Affiliation).HasMaxLength(ContestJuror.AffiliationMaxLength);
            j.Property(x => x.Categories).HasMaxLength(4000)
                .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
            j.HasOne<Contest>().WithMany().HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.Cascade);
            j.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            j.HasIndex(x => x.UserId);
        });

        builder.Entity<Assignment>(a =>
        {
            a.HasKey(x => new { x.RoundId, x.JurorId, x.EntryId });
            a.HasOne<Round>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<ContestEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.NoAction);
            a.HasIndex(x => new { x.JurorId, x.EntryId });
            a.HasIndex(x => x.EntryId);
        });

        builder.Entity<Conflict>(c =>
        {
            c.Property(x => x.Reason).HasMaxLength(Conflict.ReasonMaxLength);
            c.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.DeclaredBy).HasMaxLength(450);
            c.HasOne<Contest>().WithMany().HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<ContestEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.NoAction);
            c.HasIndex(x => new { x.JurorId, x.EntryId }).IsUnique();
        });

        builder.Entity<ScoreSheet>(s =>
        {
            s.Property(x => x.Comment).HasMaxLength(ScoreSheet.CommentMaxLength);
            s.Property(x => x.Scores).HasMaxLength(4000)
                .HasConversion(JsonColumn.ScoreMapConverter(), JsonColumn.Comparer<Dictionary<int, double>>());
            s.HasOne<Round>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
            s.HasOne<ContestEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.NoAction);
            s.HasIndex(x => new { x.RoundId, x.EntryId, x.JurorId }).IsUnique();
            s.HasIndex(x => new { x.JurorId, x.RoundId });
        });

        builder.Entity<ScoreChange>(c =>
        {
            c.Property(x => x.ChangedBy).HasMaxLength(450);
            c.Property(x => x.OldComment).HasMaxLength(ScoreSheet.CommentMaxLength);
            c.Property(x => x.NewComment).HasMaxLength(ScoreSheet.CommentMaxLength);
            c.Property(x => x.OldScores).HasMaxLength(4000)
                .HasConversion(JsonColumn.ScoreMapConverter(), JsonColumn.Comparer<Dictionary<int, double>>());
            c.Property(x => x.NewScores).HasMaxLength(4000)
                .HasConversion(JsonColumn.ScoreMapConverter(), JsonColumn.Comparer<Dictionary<int, double>>());
            c.HasOne<ScoreSheet>().WithMany(s => s.Changes).HasForeignKey(x => x.SheetId).OnDelete(DeleteBehavior.Cascade);
            c.HasIndex(x => x.SheetId);
        });

        builder.Entity<Award>(a =>
        {
            a.Property(x => x.Category).HasMaxLength(Contest.CategoryMaxLength);
            a.Property(x => x.Title).HasMaxLength(Award.TitleMaxLength);
            a.Property(x => x.Story).HasMaxLength(Award.StoryMaxLength);
            a.Property(x => x.GrantAmount).HasPrecision(18, 2);
            a.HasOne<Contest>().WithMany().HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne(x => x.Entry).WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.NoAction);
            a.HasIndex(x => x.EntryId).IsUnique();
            a.HasIndex(x => new { x.ContestId, x.Category, x.Place }).IsUnique();
        });
    }

    private static void ConfigureTraining(ModelBuilder builder)
    {
        builder.Entity<Training.EventTrainer>(t =>
        {
            t.HasKey(x => new { x.EventId, x.UserId });
            t.Property(x => x.UserId).HasMaxLength(450);
            t.Property(x => x.AddedBy).HasMaxLength(450);
            t.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            t.HasOne<EventsUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            t.HasIndex(x => x.UserId);
        });

        builder.Entity<Training.AttendanceRecord>(a =>
        {
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Remark).HasMaxLength(Training.AttendanceRecord.RemarkMaxLength);
            a.Property(x => x.UpdatedBy).HasMaxLength(450);
            a.HasIndex(x => new { x.SessionId, x.RegistrationId }).IsUnique();
            a.HasIndex(x => new { x.EventId, x.RegistrationId });
            a.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.NoAction);
        });

        builder.Entity<Training.AttendanceChange>(c =>
        {
            c.Property(x => x.OldStatus).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.NewStatus).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.OldRemark).HasMaxLength(Training.AttendanceRecord.RemarkMaxLength);
            c.Property(x => x.NewRemark).HasMaxLength(Training.AttendanceRecord.RemarkMaxLength);
            c.Property(x => x.ChangedBy).HasMaxLength(450);
            c.HasIndex(x => new { x.SessionId, x.RegistrationId });
            c.HasIndex(x => x.RegistrationId);
        });

        builder.Entity<Training.Certificate>(c =>
        {
            c.Property(x => x.Code).HasMaxLength(20);
            c.HasIndex(x => x.Code).IsUnique();
            c.Property(x => x.FullName).HasMaxLength(Registration.Registration.FullNameMaxLength);
            c.Property(x => x.EventTitle).HasMaxLength(Event.TitleMaxLength);
            c.Property(x => x.Language).HasMaxLength(5);
            c.Property(x => x.IssuedBy).HasMaxLength(450);
            c.Property(x => x.RevokedBy).HasMaxLength(450);
            c.Property(x => x.RevokeReason).HasMaxLength(500);
            c.HasIndex(x => new { x.EventId, x.RegistrationId });
            c.HasIndex(x => x.RegistrationId);
        });

        builder.Entity<Training.InnolabTeam>(t =>
        {
            t.Property(x => x.Name).HasMaxLength(Training.InnolabTeam.NameMaxLength);
            t.Property(x => x.NormalizedName).HasMaxLength(Training.InnolabTeam.NameMaxLength);
            // Team names are unique per innolab whatever their case.
            t.HasIndex(x => new { x.EventId, x.NormalizedName }).IsUnique();
            t.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            t.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
            t.HasOne(x => x.Project).WithOne().HasForeignKey<Training.StartupProject>(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Training.InnolabTeamMember>(m =>
        {
            m.HasKey(x => new { x.TeamId, x.RegistrationId });
            // One team per person and innolab.
            m.HasIndex(x => new { x.EventId, x.RegistrationId }).IsUnique();
            m.HasIndex(x => x.RegistrationId);
        });

        builder.Entity<Training.StartupProject>(p =>
        {
            p.Property(x => x.Title).HasMaxLength(Training.StartupProject.TitleMaxLength);
            p.Property(x => x.Summary).HasMaxLength(Training.StartupProject.SummaryMaxLength);
            p.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.HasIndex(x => x.TeamId).IsUnique();
            p.HasIndex(x => new { x.EventId, x.Status });
            p.HasMany(x => x.Notes).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Training.MentorNote>(n =>
        {
            n.Property(x => x.AuthorUserId).HasMaxLength(450);
            n.Property(x => x.AuthorName).HasMaxLength(200);
            n.Property(x => x.Text).HasMaxLength(Training.MentorNote.TextMaxLength);
        });
    }

    private static void ConfigureEngagement(ModelBuilder builder)
    {
        builder.Entity<Engagement.Question>(q =>
        {
            q.Property(x => x.Text).HasMaxLength(Engagement.Question.TextMaxLength);
            q.Property(x => x.Name).HasMaxLength(Engagement.Question.NameMaxLength);
            q.Property(x => x.Email).HasMaxLength(254);
            q.Property(x => x.NormalizedEmail).HasMaxLength(254);
            q.Property(x => x.Language).HasMaxLength(5);
            q.Property(x => x.AssignedToUserId).HasMaxLength(450);
            q.Property(x => x.AnswerText).HasMaxLength(Engagement.Question.AnswerMaxLength);
            q.Property(x => x.AnsweredBy).HasMaxLength(450);
            q.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            q.HasIndex(x => new { x.EventId, x.AskedUtc });
            q.HasIndex(x => x.AskedUtc);
            q.HasIndex(x => x.NormalizedEmail);
            q.HasIndex(x => x.AssignedToUserId);
        });

        builder.Entity<Engagement.Survey>(s =>
        {
            s.HasKey(x => x.EventId);
            s.Property(x => x.Questions).HasMaxLength(20_000)
                .HasConversion(JsonColumn.Converter<List<Registration.RegistrationQuestion>>(), JsonColumn.Comparer<List<Registration.RegistrationQuestion>>());
            s.HasOne<Event>().WithOne().HasForeignKey<Engagement.Survey>(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Engagement.SurveyResponse>(r =>
        {
            r.Property(x => x.Wave).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Comment).HasMaxLength(Engagement.SurveyResponse.CommentMaxLength);
            r.Property(x => x.Language).HasMaxLength(5);
            r.Property(x => x.Answers).HasMaxLength(20_000)
                .HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());
            // One response per registration and wave, enforced by the database.
            r.HasIndex(x => new { x.RegistrationId, x.Wave }).IsUnique();
            r.HasIndex(x => new { x.EventId, x.Wave });
            r.HasIndex(x => x.SubmittedUtc);
            r.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            r.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.NoAction);
        });

        builder.Entity<Engagement.SurveyInvitation>(i =>
        {
            i.Property(x => x.Wave).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.SentBy).HasMaxLength(450);
            // Each person is invited once per wave, also when two organizers press the button at once.
            i.HasIndex(x => new { x.RegistrationId, x.Wave }).IsUnique();
            i.HasIndex(x => new { x.EventId, x.Wave });
            i.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            i.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.NoAction);
        });

        builder.Entity<Engagement.CoverageRecord>(c =>
        {
            c.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Url).HasMaxLength(Event.UrlMaxLength);
            c.Property(x => x.RecordedBy).HasMaxLength(450);
            c.HasIndex(x => new { x.EventId, x.Channel });
            c.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Indicators.EventFigures>(f =>
        {
            f.HasKey(x => new { x.EventId, x.Year });
            f.Property(x => x.People).HasMaxLength(int.MaxValue);
            f.Property(x => x.MarkedPeople).HasMaxLength(int.MaxValue);
            f.Property(x => x.Splits).HasMaxLength(int.MaxValue);
            f.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Indicators.ReportRecommendation>(r =>
        {
            r.Property(x => x.Text).HasMaxLength(Indicators.ReportRecommendation.TextMaxLength);
            r.Property(x => x.UpdatedBy).HasMaxLength(450);
            r.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            // One text per year and scope, also when two people save at once (the key is 0 for the whole plan: see the entity).
            r.HasIndex(x => new { x.Year, x.OrganizationKey }).IsUnique();
        });
    }
}
