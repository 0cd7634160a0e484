using System.Diagnostics;
using System.Globalization;
using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 9: a round's results for 1,000 entries × 15 jurors × 6 criteria computed through
/// <see cref="ContestService.ResultsAsync"/> (a real SQLite file, database included), against a plain in-memory
/// aggregation of the same numbers in the same run. Aim: service p50 ≤ 20 × baseline p50.
/// </summary>
static class ContestBenchmarks
{
    private const double Aim = 20;

    public static async Task<int> ResultsAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (entryCount, jurorCount, criterionCount, runs) = (Arg(0, 1000), Arg(1, 15), Arg(2, 6), Arg(3, 7));
        var folder = Path.Combine(Path.GetTempPath(), "events-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var seeding = Stopwatch.StartNew();
            var services = await Bench.CoreAsync(Path.Combine(folder, "events.db"), folder, new());
            var (organizer, roundId) = await SeedAsync(services, entryCount, jurorCount, criterionCount);
            Console.WriteLine($"seeded {entryCount:N0} entries × {jurorCount} jurors × {criterionCount} criteria " +
                              $"({entryCount * jurorCount:N0} final sheets) in {seeding.Elapsed.TotalSeconds:F1} s");

            // The baseline's input: the same numbers, read once and not timed.
            var input = await LoadAsync(services, roundId);
            var contests = services.GetRequiredService<ContestService>();

            // Warm-up (JIT, EF's query cache, SQLite's page cache), then both interleaved, so that noise hits them alike.
            var service = await contests.ResultsAsync(organizer, roundId, RankMethod.Mean);
            var baseline = PlainResults.Compute(input);
            var agree = Agree(service, baseline, out var difference);
            Console.WriteLine(agree ? $"results agree ({service.Count:N0} entries, same ranking and numbers)" : $"results DIFFER: {difference}");

            var serviceMs = new List<double>();
            var baselineMs = new List<double>();
            double serviceCpu = 0, baselineCpu = 0;
            for (var i = 0; i < runs; i++)
            {
                var (wall, cpu) = await MeasureAsync(() => contests.ResultsAsync(organizer, roundId, RankMethod.Mean));
                serviceMs.Add(wall);
                serviceCpu += cpu;
                (wall, cpu) = await MeasureAsync(() => Task.FromResult(PlainResults.Compute(input)));
                baselineMs.Add(wall);
                baselineCpu += cpu;
            }

            var (s50, b50) = (Bench.Percentile(serviceMs, 50), Bench.Percentile(baselineMs, 50));
            var ratio = s50 / b50;
            Console.WriteLine();
            Console.WriteLine("| measure | p50 ms | min ms | CPU ms per call (user + system) |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| plain in-memory aggregation (baseline) | {b50:F2} | {baselineMs.Min():F2} | {baselineCpu / runs:F2} |");
            Console.WriteLine($"| ContestService.ResultsAsync (SQLite file) | {s50:F2} | {serviceMs.Min():F2} | {serviceCpu / runs:F2} |");
            Console.WriteLine();
            Console.WriteLine($"ratio service p50 ÷ baseline p50: {ratio:F1}× (aim ≤ {Aim:F0}×: {(ratio <= Aim ? "met" : "NOT met")}); " +
                              $"min ÷ min {serviceMs.Min() / baselineMs.Min():F1}×; CPU ratio {serviceCpu / baselineCpu:F1}×");
            Console.WriteLine($"service ms, in order: {string.Join(" ", serviceMs.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"baseline ms, in order: {string.Join(" ", baselineMs.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"{runs} timed calls each after one warm-up, interleaved; {Environment.ProcessorCount} cores; " +
                              $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}");
            return agree ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    /// <summary>Wall and CPU milliseconds of one call. CPU is the whole process's user + system time (getrusage, µs resolution).</summary>
    private static async Task<(double Wall, double Cpu)> MeasureAsync<T>(Func<Task<T>> call)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        GC.KeepAlive(await call());
        var wall = sw.Elapsed.TotalMilliseconds;
        return (wall, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }

    // ---- setup (not timed) ----

    private static async Task<(Actor Organizer, int RoundId)> SeedAsync(ServiceProvider services, int entryCount, int jurorCount, int criterionCount)
    {
        var factory = services.GetRequiredService<IDbContextFactory<EventsDbContext>>();
        var admin = new Actor("bench-admin", IsAdministrator: true);
        var now = DateTime.UtcNow;
        var random = new Random(9);

        var org = await services.GetRequiredService<OrganizationService>().CreateAsync(admin,
            new OrganizationInput("Bench Diaspora Foundation", OrganizationKind.Ngo, "KG", "Asia/Bishkek"));

        // Accounts written directly (no password: nobody signs in); the organizer has the Organizer role and belongs to the
        // organization, so ContestAccess checks it as it checks any organizer.
        var jurorIds = new List<string>();
        string organizerId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
            EventsUser User(string email, string name) => new()
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, FullName = name, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedUtc = now,
            };
            var organizer = User("organizer@bench.example", "Bench Organizer");
            db.Users.Add(organizer);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = organizer.Id, RoleId = roles[Roles.Organizer] });
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = org.Id, UserId = organizer.Id });
            for (var j = 0; j < jurorCount; j++)
            {
                var juror = User($"juror{j}@jury.example", $"Juror {j}");
                db.Users.Add(juror);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = juror.Id, RoleId = roles[Roles.Juror] });
                jurorIds.Add(juror.Id);
            }
            await db.SaveChangesAsync();
            organizerId = organizer.Id;
        }
        var actor = new Actor(organizerId, IsAdministrator: false, "Bench Organizer");

        // The contest and its round through the service, as an organizer sets them up.
        var contests = services.GetRequiredService<ContestService>();
        var contest = await contests.CreateAsync(actor, new ContestDraft(org.Id, ContestKind.InvestChallenge, "Bench contest",
            now.AddDays(-60), now.AddDays(-1)));
        await contests.PublishAsync(actor, contest.Id);
        double[] weights = [1, 3, 2, 0.5, 1.5, 4];
        double[] maxima = [10, 5, 100, 20, 7, 50];
        var round = await contests.AddRoundAsync(actor, contest.Id, new RoundDraft("Shortlist",
            Enumerable.Range(0, criterionCount).Select(c => new CriterionDraft($"Criterion {c + 1}", weights[c % weights.Length], maxima[c % maxima.Length])).ToList()));
        round = await contests.OpenRoundAsync(actor, round.Id);
        var criteria = round.Criteria.OrderBy(c => c.Position).ToList();

        await using (var db = await factory.CreateDbContextAsync())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ContestJurors.AddRange(jurorIds.Select(id => new ContestJuror { ContestId = contest.Id, UserId = id, AddedUtc = now }));
            await db.SaveChangesAsync();

            // Submission times shuffled against ids, so that the last tie-break is not the id order.
            var minutes = Enumerable.Range(0, entryCount).OrderBy(_ => random.Next()).ToArray();
            var entries = new List<ContestEntry>();
            for (var i = 0; i < entryCount; i++)
            {
                var submitted = now.AddDays(-59).AddMinutes(minutes[i]);
                entries.Add(new ContestEntry
                {
                    ContestId = contest.Id, Title = $"Entry {i}", Summary = "A business plan for the benchmark.", EntrantName = $"Entrant {i}",
                    EntrantEmail = $"entrant{i}@entrant{i}.example", NormalizedEmail = $"entrant{i}@entrant{i}.example", CountryCode = "KG",
                    SubmittedUtc = submitted, UpdatedUtc = submitted, ManageTokenHash = $"bench-{i:D8}", ManageTokenSealed = "",
                });
            }
            foreach (var chunk in entries.Chunk(500))
            {
                db.ContestEntries.AddRange(chunk);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            // Every juror scores every entry: an entry's quality, the juror's leniency and noise, whole points within [0, max].
            var leniency = jurorIds.Select(_ => random.NextDouble() * 0.3 - 0.15).ToArray();
            var pending = 0;
            foreach (var entry in entries)
            {
                var quality = random.NextDouble();
                for (var j = 0; j < jurorIds.Count; j++)
                {
                    db.Assignments.Add(new Assignment { RoundId = round.Id, JurorId = jurorIds[j], EntryId = entry.Id, AssignedUtc = now });
                    var sheet = new ScoreSheet { RoundId = round.Id, EntryId = entry.Id, JurorId = jurorIds[j], IsFinal = true, UpdatedUtc = now };
                    // As ScoringService.SaveAsync stores it: the scores and their total.
                    sheet.SetScores(criteria.ToDictionary(c => c.Id,
                        c => Math.Clamp(Math.Round((quality + leniency[j] + (random.NextDouble() - 0.5) * 0.4) * c.MaxScore), 0, c.MaxScore)),
                        criteria.Select(c => new RubricLine(c.Id, c.Weight, c.MaxScore)).ToList());
                    db.ScoreSheets.Add(sheet);
                    if (++pending % 2000 == 0)
                    {
                        await db.SaveChangesAsync();
                        db.ChangeTracker.Clear();
                    }
                }
            }
            await db.SaveChangesAsync();
        }
        return (actor, round.Id);
    }

    /// <summary>The round's rubric, entries and final sheets as plain arrays: what the baseline aggregates.</summary>
    private static async Task<PlainInput> LoadAsync(ServiceProvider services, int roundId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContextAsync();
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).FirstAsync(r => r.Id == roundId);
        var criteria = round.Criteria.OrderBy(c => c.Position).ToArray();
        var entries = await db.ContestEntries.AsNoTracking().Where(e => e.ContestId == round.ContestId && e.Status == EntryStatus.Submitted)
            .Select(e => new { e.Id, e.SubmittedUtc }).ToListAsync();
        var sheets = await db.ScoreSheets.AsNoTracking().Where(s => s.RoundId == roundId && s.IsFinal)
            .Select(s => new { s.JurorId, s.EntryId, s.Scores }).ToListAsync();
        return new PlainInput(
            criteria.Select(c => c.Weight).ToArray(), criteria.Select(c => c.MaxScore).ToArray(),
            entries.Select(e => e.Id).ToArray(), entries.Select(e => e.SubmittedUtc).ToArray(),
            sheets.Select(s => s.JurorId).ToArray(), sheets.Select(s => s.EntryId).ToArray(),
            sheets.Select(s => criteria.Select(c => s.Scores.GetValueOrDefault(c.Id)).ToArray()).ToArray());
    }

    private static bool Agree(IReadOnlyList<EntryResult> service, IReadOnlyList<PlainLine> plain, out string difference)
    {
        difference = "";
        if (service.Count != plain.Count) { difference = $"{service.Count} vs {plain.Count} lines"; return false; }
        static bool Near(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-6;
        for (var i = 0; i < service.Count; i++)
        {
            var (s, p) = (service[i], plain[i]);
            if (s.EntryId != p.EntryId || s.Rank != i + 1 || s.JurorCount != p.JurorCount || !Near(s.Mean, p.Mean) || !Near(s.Median, p.Median)
                || !Near(s.StdDev, p.StdDev) || !Near(s.Normalized, p.Normalized))
            {
                difference = $"rank {i + 1}: service entry {s.EntryId} (mean {s.Mean}, median {s.Median}, z {s.Normalized}), " +
                             $"baseline entry {p.EntryId} (mean {p.Mean}, median {p.Median}, z {p.Normalized})";
                return false;
            }
        }
        return true;
    }
}

sealed record PlainInput(double[] Weights, double[] Maxima, int[] EntryIds, DateTime[] Submitted, string[] SheetJurors, int[] SheetEntries, double[][] SheetScores);

sealed record PlainLine(int EntryId, double? Mean, double? Median, double? StdDev, double? Normalized, int JurorCount);

/// <summary>
/// The baseline: the rules of issue 9 as plain loops over arrays, sharing no code with <see cref="RoundResults"/>.
/// T = 100·Σw·(s/max)/Σw per sheet; mean, median, population σ per entry; z per juror with ≥ 3 sheets and σ &gt; 0;
/// sorted by mean, then median (both higher first), then earlier submission, then lower id.
/// </summary>
static class PlainResults
{
    private const double Tolerance = 1e-9;

    public static List<PlainLine> Compute(PlainInput input)
    {
        var n = input.SheetEntries.Length;
        var weightSum = 0.0;
        foreach (var w in input.Weights) weightSum += w;

        var entryIndex = new Dictionary<int, int>(input.EntryIds.Length);
        for (var e = 0; e < input.EntryIds.Length; e++) entryIndex[input.EntryIds[e]] = e;
        var jurorIndex = new Dictionary<string, int>();
        var totals = new double[n];
        var sheetEntry = new int[n];
        var sheetJuror = new int[n];
        var perEntry = new int[input.EntryIds.Length];
        for (var i = 0; i < n; i++)
        {
            if (!entryIndex.TryGetValue(input.SheetEntries[i], out var e)) { sheetEntry[i] = -1; continue; }
            var scores = input.SheetScores[i];
            var weighted = 0.0;
            for (var c = 0; c < scores.Length; c++) weighted += input.Weights[c] * scores[c] / input.Maxima[c];
            totals[i] = weightSum == 0 ? 0 : 100 * weighted / weightSum;
            sheetEntry[i] = e;
            perEntry[e]++;
            if (!jurorIndex.TryGetValue(input.SheetJurors[i], out var j)) jurorIndex[input.SheetJurors[i]] = j = jurorIndex.Count;
            sheetJuror[i] = j;
        }

        // Each juror's mean and σ over all of their sheets.
        var jurors = jurorIndex.Count;
        var jCount = new int[jurors];
        var jSum = new double[jurors];
        for (var i = 0; i < n; i++) if (sheetEntry[i] >= 0) { jCount[sheetJuror[i]]++; jSum[sheetJuror[i]] += totals[i]; }
        var jMean = new double[jurors];
        var jSigma = new double[jurors];
        for (var j = 0; j < jurors; j++) jMean[j] = jCount[j] == 0 ? 0 : jSum[j] / jCount[j];
        for (var i = 0; i < n; i++) if (sheetEntry[i] >= 0) { var d = totals[i] - jMean[sheetJuror[i]]; jSigma[sheetJuror[i]] += d * d; }
        var scaled = new bool[jurors];
        for (var j = 0; j < jurors; j++)
        {
            jSigma[j] = jCount[j] == 0 ? 0 : Math.Sqrt(jSigma[j] / jCount[j]);
            scaled[j] = jCount[j] >= 3 && jSigma[j] > Tolerance;
        }

        // Totals grouped by entry (counting sort), then the per-entry figures.
        var start = new int[perEntry.Length + 1];
        for (var e = 0; e < perEntry.Length; e++) start[e + 1] = start[e] + perEntry[e];
        var fill = (int[])start.Clone();
        var grouped = new double[start[^1]];
        var groupedJuror = new int[start[^1]];
        for (var i = 0; i < n; i++)
        {
            if (sheetEntry[i] < 0) continue;
            var at = fill[sheetEntry[i]]++;
            grouped[at] = totals[i];
            groupedJuror[at] = sheetJuror[i];
        }
        var lines = new PlainLine[perEntry.Length];
        for (var e = 0; e < perEntry.Length; e++)
        {
            var count = perEntry[e];
            if (count == 0) { lines[e] = new PlainLine(input.EntryIds[e], null, null, null, null, 0); continue; }
            double sum = 0, zSum = 0;
            var zCount = 0;
            for (var k = start[e]; k < start[e + 1]; k++)
            {
                sum += grouped[k];
                var j = groupedJuror[k];
                if (scaled[j]) { zSum += (grouped[k] - jMean[j]) / jSigma[j]; zCount++; }
            }
            var mean = sum / count;
            var variance = 0.0;
            for (var k = start[e]; k < start[e + 1]; k++) variance += (grouped[k] - mean) * (grouped[k] - mean);
            Array.Sort(grouped, start[e], count);
            var mid = start[e] + count / 2;
            var median = count % 2 == 1 ? grouped[mid] : (grouped[mid - 1] + grouped[mid]) / 2;
            lines[e] = new PlainLine(input.EntryIds[e], mean, median, Math.Sqrt(variance / count), zCount == 0 ? null : zSum / zCount, count);
        }

        var order = new int[lines.Length];
        for (var e = 0; e < order.Length; e++) order[e] = e;
        Array.Sort(order, (a, b) =>
        {
            var c = Descending(lines[a].Mean, lines[b].Mean);
            if (c == 0) c = Descending(lines[a].Median, lines[b].Median);
            if (c == 0) c = input.Submitted[a].CompareTo(input.Submitted[b]);
            return c != 0 ? c : input.EntryIds[a].CompareTo(input.EntryIds[b]);
        });
        var result = new List<PlainLine>(order.Length);
        foreach (var e in order) result.Add(lines[e]);
        return result;
    }

    private static int Descending(double? a, double? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : Math.Abs(a.Value - b.Value) <= Tolerance ? 0 : b.Value.CompareTo(a.Value);
}
