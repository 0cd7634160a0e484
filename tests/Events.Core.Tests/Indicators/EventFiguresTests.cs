using System.Text.Json;
using Events.Core.Indicators;
using Events.Core.Privacy;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Tests.Training;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Indicators;

/// <summary>
/// The stored per-event figures (<see cref="EventFigures"/>) never serve a stale number: after every kind of change, made through
/// the services people use, the document read with the stored rows equals one worked out from scratch, and the numbers move as
/// they should. A program of three daily sessions (1–3 Dec 2026, 12:00–13:30 UTC) with three people.
/// </summary>
public class EventFiguresTests
{
    private static async Task<IndicatorDocument> ComputeAsync(TestDatabase db) => await db.Get<IndicatorService>().ComputeAsync(TestActors.Admin, 2026, null);

    /// <summary>The document with the stored rows, checked against one computed after deleting them; returns it.</summary>
    private static async Task<IndicatorDocument> FreshAsync(TestDatabase db, string step)
    {
        var warm = await ComputeAsync(db);
        await using (var context = db.NewContext()) await context.EventFigures.ExecuteDeleteAsync();
        var cold = await ComputeAsync(db);
        Assert.True(JsonSerializer.Serialize(cold) == JsonSerializer.Serialize(warm), $"stored figures stale after: {step}");
        return warm;
    }

    private static async Task<int> StoredRowsAsync(TestDatabase db)
    {
        await using var context = db.NewContext();
        return await context.EventFigures.CountAsync();
    }

    [Fact]
    public async Task EveryChange_StoredFiguresFollow_AndEqualAFreshComputation()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, sessions: 3);
        var a = await s.EnrolAsync("A", "a@example.kg");
        var b = await s.EnrolAsync("B", "b@example.kg");
        var c = await s.EnrolAsync("C", "c@example.kg");

        var d = await FreshAsync(db, "three enrolments");
        Assert.Equal((3, 0, 0), (d.Totals.Registered, d.Totals.Participants, d.Totals.SessionsHeld));
        Assert.Equal(1, await StoredRowsAsync(db)); // the next read uses it
        Assert.Equal(JsonSerializer.Serialize(d), JsonSerializer.Serialize(await ComputeAsync(db)));

        // Marked during session 1: not held yet, so nobody counts; once it has ended, they do (time alone makes the row stale).
        await s.MarkAsync((a.Registration.Id, "P"), (b.Registration.Id, "L"));
        d = await FreshAsync(db, "marks in a running session");
        Assert.Equal(0, d.Totals.Participants);
        await ComputeAsync(db); // stored again, valid until the session's end
        s.At(1, 91);
        d = await FreshAsync(db, "session 1 ended");
        Assert.Equal((1, 2, 2, 2), (d.Totals.SessionsHeld, d.Totals.Participants, d.Totals.UniqueParticipants, d.Totals.Trainees));
        Assert.Equal(2, d.ParticipantsBy.Country["TR"]);

        // A mark changed afterwards.
        await s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, b.Registration.Id, AttendanceStatus.Absent, null);
        Assert.Equal(0, await StoredRowsAsync(db)); // the change deleted the event's rows in its own transaction
        d = await FreshAsync(db, "a mark changed to Absent");
        Assert.Equal((1, 1), (d.Totals.Participants, d.Totals.Trainees));

        // A cancellation by the participant; a new enrolment through the registration writer's batch path.
        await ComputeAsync(db);
        await s.Registrations.CancelAsync(s.Tokens[c.Registration.Id]);
        d = await FreshAsync(db, "a cancellation");
        Assert.Equal(2, d.Totals.Registered);
        await ComputeAsync(db);
        await s.EnrolAsync("D", "d@example.kg", viaSession: 2);
        d = await FreshAsync(db, "a new enrolment");
        Assert.Equal(3, d.Totals.Registered);

        // Session 2 held with a mark, then session 3 cancelled by the organizer.
        await s.MarkAsync((b.Registration.Id, "-P"));
        s.At(2, 91);
        d = await FreshAsync(db, "session 2 ended");
        Assert.Equal((2, 2, 2), (d.Totals.SessionsHeld, d.Totals.Participants, d.Totals.Trainees));
        await ComputeAsync(db);
        await db.Get<SchedulingService>().CancelSessionAsync(s.Organizer, s.Session(3).Id, null);
        d = await FreshAsync(db, "session 3 cancelled");
        Assert.Equal(2, d.Totals.SessionsHeld);

        // Erasure: the participation still counts, and no key derived from the email is left behind.
        await ComputeAsync(db);
        Assert.Equal(1, await StoredRowsAsync(db));
        await db.Get<PersonalData>().ForgetAsync(s.Tokens[a.Registration.Id]);
        Assert.Equal(0, await StoredRowsAsync(db));
        d = await FreshAsync(db, "an erasure");
        Assert.Equal(2, d.Totals.Participants);
    }

    [Fact]
    public async Task RowsOfAnotherVersion_AreNotUsed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, sessions: 1);
        await s.EnrolAsync();
        Assert.Equal(1, (await ComputeAsync(db)).Totals.Registered);

        // A row stored by a reader that read the rows before a change committed carries the older version: it is recomputed.
        await using (var context = db.NewContext())
        {
            var row = await context.EventFigures.SingleAsync();
            row.Registered = 99;
            row.Version -= 1;
            await context.SaveChangesAsync();
        }
        Assert.Equal(1, (await ComputeAsync(db)).Totals.Registered);
    }

    [Fact]
    public async Task FiguresWorkedOutUnderAnOlderVersion_AreReturnedButNotStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, sessions: 1);
        await s.EnrolAsync();
        await using var context = db.NewContext();
        var events = context.Events.Where(e => e.Id == s.Event.Id);
        var version = await context.Events.Where(e => e.Id == s.Event.Id).Select(e => e.FiguresVersion).SingleAsync();
        var sessions = await YearFigures.SessionsQuery(context, 2026, events).ToListAsync();

        // As a reader that read the version before a change (an erasure, say) committed: its figures must not be kept.
        var figures = await EventFiguresStore.LoadAsync(context, 2026, new Dictionary<int, int> { [s.Event.Id] = version - 1 }, sessions,
            db.Clock.GetUtcNow().UtcDateTime, default);
        Assert.Equal(1, figures[s.Event.Id].Registered);
        Assert.Equal(0, await StoredRowsAsync(db));

        figures = await EventFiguresStore.LoadAsync(context, 2026, new Dictionary<int, int> { [s.Event.Id] = version }, sessions, db.Clock.GetUtcNow().UtcDateTime, default);
        Assert.Equal(1, await StoredRowsAsync(db));
    }

    [Fact]
    public void PersonKey_SameEmailSameKey_PackedKeysAreDistinctAndSorted()
    {
        Assert.Equal(EventFigures.PersonKey("a@example.kg"), EventFigures.PersonKey("a@example.kg"));
        Assert.NotEqual(EventFigures.PersonKey("a@example.kg"), EventFigures.PersonKey("b@example.kg"));
        var packed = EventFigures.Pack([3, 1, 3, -2]);
        Assert.Equal(24, packed.Length);
        Assert.Equal([-2L, 1, 3], EventFigures.DistinctKeys([packed]));
        Assert.Equal([-2L, 1, 3, 7], EventFigures.DistinctKeys([packed, EventFigures.Pack([7, 1])]));
        Assert.Empty(EventFigures.DistinctKeys(new List<byte[]>()));
    }

    [Fact]
    public void Splits_RoundTrip_AndAddUp()
    {
        var one = ParticipantSplits.Empty();
        one.Gender["Female"] = 2;
        one.AgeGroup["Unknown"] = 2;
        one.Country["KG"] = 1;
        one.Country["RU"] = 1;
        one.HomeRegion["Osh"] = 2;
        one.ByMonth[11] = 2;
        var total = ParticipantSplits.Empty();
        Assert.True(total.AddFrom(one.ToBytes()));
        Assert.True(total.AddFrom(one.ToBytes()));
        Assert.Equal((4, 4, 2, 2, 4, 4), (total.Gender["Female"], total.AgeGroup["Unknown"], total.Country["KG"], total.Country["RU"], total.HomeRegion["Osh"], total.ByMonth[11]));
        Assert.False(total.Gender.ContainsKey("Male")); // zeros are not carried
        Assert.False(total.AddFrom([]));                 // another layout: the row is stale, not misread
        Assert.False(total.AddFrom([ParticipantSplits.Format + 1, 0, 0]));
    }
}
