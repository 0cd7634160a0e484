using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Training;

public sealed record TeamMemberView(int RegistrationId, string FullName);

public sealed record MentorNoteView(int Id, int ProjectId, string Text, string? AuthorName, DateTime CreatedUtc);

public sealed record ProjectView(int Id, int TeamId, string Title, string? Summary, ProjectStage Stage, ProjectStatus Status, DateTime UpdatedUtc,
    DateTime? FinalizedUtc, int? ContestEntryId, IReadOnlyList<MentorNoteView> Notes)
{
    public static ProjectView Of(StartupProject p, IReadOnlyList<MentorNoteView> notes) => new(p.Id, p.TeamId, p.Title, p.Summary, p.Stage, p.Status,
        p.UpdatedUtc, p.FinalizedUtc, p.ContestEntryId, notes);

    /// <summary>What a form starts from to change the project.</summary>
    public ProjectInput ToInput() => new(Title, Summary, Stage, Status);
}

/// <summary>A team with its members (in their order: the first is the contact), its project and the mentors' notes (newest first).</summary>
public sealed record TeamView(int Id, int EventId, string Name, DateTime CreatedUtc, IReadOnlyList<TeamMemberView> Members, ProjectView? Project);

/// <summary>A confirmed participant of the innolab, with the team they are in (if any): who can be put in a team.</summary>
public sealed record InnolabParticipant(int RegistrationId, string FullName, string Email, int? TeamId);

/// <summary>
/// Innolabs: trainers and organizers form teams of the confirmed participants (one team per person), each team writes its
/// start-up project (Draft → Final), mentors leave notes, and an organizer enters a final project into a contest.
/// Members edit their project by their manage link or, signed in, by their account's confirmed email.
/// </summary>
public sealed class InnolabService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, EntryService entries)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---- teams ----

    public async Task<TeamView> CreateTeamAsync(Actor actor, int eventId, string? name, IReadOnlyList<int>? memberRegistrationIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        if (e.Kind != EventKind.Innolab) throw new RuleViolationException("Rule_NotAnInnolab");
        var (teamName, members) = await ValidateTeamAsync(db, eventId, null, name, memberRegistrationIds, ct);
        var team = new InnolabTeam { EventId = eventId, Name = "", CreatedUtc = Now };
        team.Rename(teamName);
        team.Members = members.Select((id, i) => new InnolabTeamMember { EventId = eventId, RegistrationId = id, Position = i }).ToList();
        db.InnolabTeams.Add(team);
        await SaveTeamAsync(db, eventId, null, team.NormalizedName, members, ct);
        return await TeamAsync(db, team.Id, ct);
    }

    /// <summary>Renames the team and sets its members (in the order given); members left out leave the team, the project stays.</summary>
    public async Task<TeamView> UpdateTeamAsync(Actor actor, int teamId, string? name, IReadOnlyList<int>? memberRegistrationIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.InnolabTeams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == teamId, ct) ?? throw new NotFoundException("team");
        await TrainingAccess.EnsureAsync(db, actor, team.EventId, ct);
        var (teamName, members) = await ValidateTeamAsync(db, team.EventId, teamId, name, memberRegistrationIds, ct);
        team.Rename(teamName);
        db.InnolabTeamMembers.RemoveRange(team.Members.Where(m => !members.Contains(m.RegistrationId)));
        foreach (var (id, i) in members.Select((id, i) => (id, i)))
        {
            if (team.Members.FirstOrDefault(m => m.RegistrationId == id) is { } kept) kept.Position = i;
            else db.InnolabTeamMembers.Add(new InnolabTeamMember { TeamId = teamId, EventId = team.EventId, RegistrationId = id, Position = i });
        }
        await SaveTeamAsync(db, team.EventId, teamId, team.NormalizedName, members, ct);
        return await TeamAsync(db, teamId, ct);
    }

    /// <summary>Deletes the team with its project and notes (a contest entry made from the project stays in its contest).</summary>
    public async Task DeleteTeamAsync(Actor actor, int teamId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.InnolabTeams.FirstOrDefaultAsync(t => t.Id == teamId, ct) ?? throw new NotFoundException("team");
        await TrainingAccess.EnsureAsync(db, actor, team.EventId, ct);
        db.InnolabTeams.Remove(team);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<TeamView>> ListTeamsAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        return await TeamsAsync(db, db.InnolabTeams.Where(t => t.EventId == eventId), ct);
    }

    public async Task<TeamView> GetTeamAsync(Actor actor, int teamId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var eventId = await db.InnolabTeams.Where(t => t.Id == teamId).Select(t => (int?)t.EventId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("team");
        await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        return await TeamAsync(db, teamId, ct);
    }

    /// <summary>The innolab's confirmed participants, by name, with their team: the people a team can be made of.</summary>
    public async Task<IReadOnlyList<InnolabParticipant>> ParticipantsAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        return await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed)
            .OrderBy(r => r.FullName).ThenBy(r => r.Id)
            .Select(r => new InnolabParticipant(r.Id, r.FullName, r.Email,
                db.InnolabTeamMembers.Where(m => m.RegistrationId == r.Id).Select(m => (int?)m.TeamId).FirstOrDefault()))
            .ToListAsync(ct);
    }

    private static async Task<(string Name, List<int> Members)> ValidateTeamAsync(EventsDbContext db, int eventId, int? teamId, string? name,
        IReadOnlyList<int>? memberRegistrationIds, CancellationToken ct)
    {
        var v = new Validator();
        var teamName = name?.Trim() ?? "";
        v.When(teamName.Length == 0, "name", "Validation_Required");
        v.When(teamName.Length > InnolabTeam.NameMaxLength, "name", "Validation_TooLong", InnolabTeam.NameMaxLength);
        var members = (memberRegistrationIds ?? []).Distinct().ToList();
        v.When(members.Count == 0, "memberRegistrationIds", "Validation_Required");
        v.When(members.Count > InnolabTeam.MaxMembers, "memberRegistrationIds", "Validation_TooMany", InnolabTeam.MaxMembers);
        if (members.Count is > 0 and <= InnolabTeam.MaxMembers)
        {
            // A member whose registration was cancelled since may stay in the team; a new member must be a confirmed participant.
            var eligible = await db.Registrations.Where(r => members.Contains(r.Id) && r.EventId == eventId
                    && (r.Status == RegistrationStatus.Confirmed || db.InnolabTeamMembers.Any(m => m.TeamId == teamId && m.RegistrationId == r.Id)))
                .CountAsync(ct);
            v.When(eligible != members.Count, "memberRegistrationIds", "Validation_NotInnolabParticipant");
        }
        v.ThrowIfAny();
        await EnsureFreeAsync(db, eventId, teamId, InnolabTeam.Normalize(teamName), members, ct);
        return (teamName, members);
    }

    /// <summary>409 when the name is another team's of the innolab, or a person is in another team.</summary>
    private static async Task EnsureFreeAsync(EventsDbContext db, int eventId, int? teamId, string normalizedName, List<int> members, CancellationToken ct)
    {
        if (await db.InnolabTeams.AnyAsync(t => t.EventId == eventId && t.NormalizedName == normalizedName && t.Id != teamId, ct))
            throw new ConflictException("Conflict_TeamNameTaken");
        var taken = await db.InnolabTeamMembers.Where(m => m.EventId == eventId && members.Contains(m.RegistrationId) && m.TeamId != teamId)
            .Join(db.InnolabTeams, m => m.TeamId, t => t.Id, (m, t) => new { m.RegistrationId, Team = t.Name })
            .Join(db.Registrations, x => x.RegistrationId, r => r.Id, (x, r) => new { r.FullName, x.Team })
            .FirstOrDefaultAsync(ct);
        if (taken is not null) throw new ConflictException("Conflict_AlreadyInTeam", taken.FullName, taken.Team);
    }

    /// <summary>The unique indexes decide when two trainers form teams at once; the loser gets the same 409 as the check before.</summary>
    private static async Task SaveTeamAsync(EventsDbContext db, int eventId, int? teamId, string normalizedName, List<int> members, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Seats.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            await EnsureFreeAsync(db, eventId, teamId, normalizedName, members, ct);
            throw new ConflictException("Conflict_ChangedMeanwhile");
        }
    }

    private static async Task<TeamView> TeamAsync(EventsDbContext db, int teamId, CancellationToken ct) =>
        (await TeamsAsync(db, db.InnolabTeams.Where(t => t.Id == teamId), ct)).Single();

    private static async Task<IReadOnlyList<TeamView>> TeamsAsync(EventsDbContext db, IQueryable<InnolabTeam> query, CancellationToken ct)
    {
        var teams = await query.AsNoTracking().Include(t => t.Project).ThenInclude(p => p!.Notes).OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(ct);
        var ids = teams.Select(t => t.Id).ToList();
        var members = await db.InnolabTeamMembers.AsNoTracking().Where(m => ids.Contains(m.TeamId))
            .Join(db.Registrations, m => m.RegistrationId, r => r.Id, (m, r) => new { m.TeamId, m.Position, r.Id, r.FullName })
            .ToListAsync(ct);
        return teams.Select(t => new TeamView(t.Id, t.EventId, t.Name, t.CreatedUtc,
            members.Where(m => m.TeamId == t.Id).OrderBy(m => m.Position).ThenBy(m => m.Id).Select(m => new TeamMemberView(m.Id, m.FullName)).ToList(),
            t.Project is { } p ? ProjectView.Of(p, Notes(p)) : null)).ToList();
    }

    private static List<MentorNoteView> Notes(StartupProject p) =>
        p.Notes.OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id).Select(n => new MentorNoteView(n.Id, n.ProjectId, n.Text, n.AuthorName, n.CreatedUtc)).ToList();

    // ---- the project ----

    /// <summary>
    /// Creates or changes the team's project. The caller is a mentor (an organizer or trainer of the innolab, who may also reopen
    /// a final project) or a member of the team: signed in with the confirmed email of a member's registration, or holding a
    /// member's manage token. Anyone else gets 403.
    /// </summary>
    public async Task<ProjectView> SaveProjectAsync(Actor? actor, string? manageToken, int teamId, ProjectInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.InnolabTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct) ?? throw new NotFoundException("team");
        var byMentor = actor is not null && await IsMentorAsync(db, actor, team.EventId, ct);
        if (!byMentor && !await IsMemberAsync(db, actor, manageToken, teamId, ct)) throw new ForbiddenException("not a member or mentor of team " + teamId);
        var project = await db.StartupProjects.Include(p => p.Notes).FirstOrDefaultAsync(p => p.TeamId == teamId, ct);
        if (project is null)
        {
            project = new StartupProject { TeamId = teamId, EventId = team.EventId, Title = "" };
            db.StartupProjects.Add(project);
        }
        project.Save(input, byMentor, Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Seats.IsUniqueViolation(e))
        {
            throw new ConflictException("Conflict_ChangedMeanwhile"); // two first saves at once: one wins, the other reloads
        }
        return ProjectView.Of(project, Notes(project));
    }

    private static async Task<bool> IsMentorAsync(EventsDbContext db, Actor actor, int eventId, CancellationToken ct)
    {
        var organizationId = await db.Events.Where(e => e.Id == eventId).Select(e => e.OrganizationId).FirstAsync(ct);
        return await ManagementRights.HasAsync(db, actor, organizationId, ct) || await TrainingAccess.IsTrainerAsync(db, actor, eventId, ct);
    }

    /// <summary>
    /// A member by account only once its email is confirmed (registering needs no account, so an account with someone
    /// else's address must not act for them), or by a member registration's manage token.
    /// </summary>
    private static async Task<bool> IsMemberAsync(EventsDbContext db, Actor? actor, string? manageToken, int teamId, CancellationToken ct)
    {
        var registrations = db.InnolabTeamMembers.Where(m => m.TeamId == teamId)
            .Join(db.Registrations, m => m.RegistrationId, r => r.Id, (m, r) => r);
        if (ManageTokens.LooksValid(manageToken))
        {
            var hash = ManageTokens.Hash(manageToken!);
            if (await registrations.AnyAsync(r => r.ManageTokenHash == hash, ct)) return true;
        }
        if (actor is null) return false;
        var email = await db.Users.Where(u => u.Id == actor.UserId && u.EmailConfirmed).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        if (email is null) return false;
        var normalized = email.ToLowerInvariant();
        return await registrations.AnyAsync(r => r.NormalizedEmail == normalized, ct);
    }

    // ---- mentors' notes ----

    public async Task<MentorNoteView> AddNoteAsync(Actor actor, int projectId, string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.StartupProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct) ?? throw new NotFoundException("project");
        await TrainingAccess.EnsureAsync(db, actor, project.EventId, ct);
        var clean = text?.Trim() ?? "";
        if (clean.Length == 0) throw ValidationFailedException.For("text", "Validation_Required");
        if (clean.Length > MentorNote.TextMaxLength) throw ValidationFailedException.For("text", "Validation_TooLong", MentorNote.TextMaxLength);
        var author = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.FullName).FirstOrDefaultAsync(ct);
        var note = new MentorNote
        {
            ProjectId = projectId, AuthorUserId = actor.UserId, AuthorName = string.IsNullOrWhiteSpace(author) ? actor.Name : author, Text = clean,
            CreatedUtc = Now,
        };
        db.MentorNotes.Add(note);
        await db.SaveChangesAsync(ct);
        return new MentorNoteView(note.Id, projectId, note.Text, note.AuthorName, note.CreatedUtc);
    }

    // ---- into a contest ----

    /// <summary>
    /// An organizer of the innolab enters a final project into a contest (the Invest-challenge) through the contest's own
    /// submission path: the contest's window and fields are checked as for anyone, and the entry — titled and summarized as the
    /// project, in the name of the team's first member, whose registration gives the email, country, region, gender and birth
    /// year — gets its confirmation email with the manage link. Once per project (409).
    /// </summary>
    public async Task<ContestEntry> SubmitToContestAsync(Actor actor, int projectId, int contestId, string? category = null,
        IReadOnlyDictionary<string, string?>? answers = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.StartupProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct) ?? throw new NotFoundException("project");
        await TrainingAccess.EnsureOrganizerAsync(db, actor, project.EventId, ct);
        if (project.Status != ProjectStatus.Final) throw new RuleViolationException("Rule_ProjectNotFinal");
        if (project.ContestEntryId is not null) throw new ConflictException("Conflict_ProjectEntered");
        var team = await db.InnolabTeams.AsNoTracking().FirstAsync(t => t.Id == project.TeamId, ct);
        var contact = await db.InnolabTeamMembers.Where(m => m.TeamId == team.Id).OrderBy(m => m.Position).ThenBy(m => m.RegistrationId)
                          .Join(db.Registrations, m => m.RegistrationId, r => r.Id, (m, r) => r).AsNoTracking().FirstOrDefaultAsync(ct)
                      ?? throw new RuleViolationException("Rule_TeamHasNoMembers");
        var input = new EntryInput(project.Title, project.Summary, contact.FullName, contact.Email, team.Name, contact.CountryCode, contact.HomeRegion,
            contact.Gender, contact.BirthYear, Category: category, Language: contact.Language, Answers: answers);
        var created = await entries.SubmitAsync(contestId, input, contact.Language, ct);
        // Two organizers at once: the first to link the project keeps its entry, the other entry is withdrawn at once.
        var linked = await db.StartupProjects.Where(p => p.Id == projectId && p.ContestEntryId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ContestEntryId, created.Entry.Id), ct);
        if (linked == 0)
        {
            await entries.WithdrawAsync(created.ManageToken, ct);
            throw new ConflictException("Conflict_ProjectEntered");
        }
        return created.Entry;
    }

    // ---- the plan's indicator ----

    /// <summary>The plan's "developed start-ups": final projects, by the year they became final (UTC) and the innolab's organization.</summary>
    public static IQueryable<StartupProject> DevelopedStartups(EventsDbContext db, int? year = null, int? organizationId = null)
    {
        var projects = db.StartupProjects.Where(p => p.Status == ProjectStatus.Final && p.FinalizedUtc != null);
        if (year is { } y)
        {
            var from = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var to = from.AddYears(1);
            projects = projects.Where(p => p.FinalizedUtc >= from && p.FinalizedUtc < to);
        }
        if (organizationId is { } org) projects = projects.Where(p => db.Events.Any(e => e.Id == p.EventId && e.OrganizationId == org));
        return projects;
    }

    public async Task<int> CountDevelopedStartupsAsync(int? year = null, int? organizationId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DevelopedStartups(db, year, organizationId).CountAsync(ct);
    }
}
