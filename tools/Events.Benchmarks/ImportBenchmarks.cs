using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using Events.Core.Training;

/// <summary>
/// Issue 10: importing a 50,000-row Zoom meeting participants report — <see cref="AttendanceReports.Parse(Stream)"/> alone, and
/// Parse + <see cref="AttendanceImport.Evaluate"/> (the whole import but the database write) — against CsvHelper just reading
/// the same bytes in the same run: every field of every record materialized as a string, nothing interpreted.
/// </summary>
static class ImportBenchmarks
{
    public static int Import(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (rowCount, runs) = (Arg(0, 50_000), Arg(1, 7));

        var generating = Stopwatch.StartNew();
        var input = ZoomReport.Generate(rowCount, seed: 10);
        Console.WriteLine($"generated a Zoom participants report: {input.Bytes.Length:N0} bytes (UTF-8, BOM), {rowCount:N0} rows of " +
                          $"{input.People:N0} people; {input.Registrations.Count:N0} registrations; in {generating.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"people in the report: {string.Join(", ", input.Kinds.Select(k => $"{k.Key} {k.Value:N0}"))}");

        var phases = new (string Name, Func<object> Run)[]
        {
            ("CsvHelper: every field as a string (baseline)", () => BaselineRead(input.Bytes)),
            ("AttendanceReports.Parse", () => AttendanceReports.Parse(new MemoryStream(input.Bytes))),
            ("Parse + AttendanceImport.Evaluate", () => AttendanceImport.Evaluate(AttendanceReports.Parse(new MemoryStream(input.Bytes)), input.Window, input.Registrations)),
        };

        // Warm-up (JIT, the zone data, the regexes), and a check that all three read the whole file.
        var baseline = (ReadCount)phases[0].Run();
        var report = (AttendanceReport)phases[1].Run();
        var outcome = (ImportOutcome)phases[2].Run();
        Console.WriteLine($"baseline read {baseline.Records:N0} records, {baseline.Fields:N0} fields, {baseline.Chars:N0} characters");
        Console.WriteLine($"parse: format {report.Format}, {report.Rows.Count:N0} rows, {report.Problems.Count} problems; " +
                          $"evaluate: matched {outcome.Matched:N0}, unmatched {outcome.Unmatched.Count:N0}, ambiguous {outcome.Ambiguous.Count:N0}; " +
                          $"present {outcome.Present:N0}, partial {outcome.Partial:N0}, absent {outcome.Absent:N0}; digest {Digest(report, outcome)}");
        var expectedRecords = rowCount + 3; // summary header and line, participants header (the blank line is skipped)
        if (!report.IsValid || report.Rows.Count != rowCount || !outcome.CanApply || baseline.Records != expectedRecords)
        {
            Console.WriteLine($"NOT the whole file: expected {rowCount:N0} rows without problems and {expectedRecords:N0} records" +
                              (report.Problems.Count > 0 ? $"; first problem: line {report.Problems[0].Line} {report.Problems[0].Key}" : ""));
            return 1;
        }

        // Timed runs, the three phases interleaved so that noise hits them alike; a full GC before each (not timed).
        var samples = phases.Select(_ => new List<Sample>()).ToArray();
        for (var i = 0; i < runs; i++)
            for (var p = 0; p < phases.Length; p++)
                samples[p].Add(Measure(phases[p].Run));

        // Memory: each phase twice more, alone, from a compacted and decommitted heap, with a sampler thread: once as it runs,
        // once with a full collection forced every millisecond (what it holds live at once).
        var memory = phases.Select(p => MeasureMemory(p.Run, forceCollections: false)).ToArray();
        var live = phases.Select(p => MeasureMemory(p.Run, forceCollections: true)).ToArray();

        var b50 = Bench.Percentile(samples[0].Select(s => s.WallMs), 50);
        var bCpu = samples[0].Average(s => s.CpuMs);
        Console.WriteLine();
        Console.WriteLine("| phase | p50 ms | min ms | rows/s at p50 | CPU ms per run | **p50 ÷ baseline** | CPU ÷ baseline |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var p = 0; p < phases.Length; p++)
        {
            var wall = samples[p].Select(s => s.WallMs).ToList();
            var p50 = Bench.Percentile(wall, 50);
            var cpu = samples[p].Average(s => s.CpuMs);
            Console.WriteLine($"| {phases[p].Name} | {p50:F1} | {wall.Min():F1} | {rowCount / (p50 / 1000):N0} | {cpu:F1} | **{p50 / b50:F1}×** | {cpu / bCpu:F1}× |");
        }
        Console.WriteLine();
        Console.WriteLine("| phase | allocated MiB per run | peak heap MiB | GCs during the call | peak live MiB | retained MiB | peak RSS MiB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var p = 0; p < phases.Length; p++)
        {
            var m = memory[p];
            var rss = m.PeakRss is { } r ? Mib(r).ToString("F1", CultureInfo.InvariantCulture) : "n/a";
            Console.WriteLine($"| {phases[p].Name} | {Mib(samples[p].Average(s => (double)s.Allocated)):F1} | {Mib(m.PeakHeap):F1} | {m.Collections} | {Mib(live[p].PeakHeap):F1} | {Mib(m.Retained):F1} | {rss} |");
        }
        Console.WriteLine();
        for (var p = 0; p < phases.Length; p++)
            Console.WriteLine($"{phases[p].Name}, ms in order: {string.Join(" ", samples[p].Select(s => s.WallMs.ToString("F1", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"input {Mib(input.Bytes.Length):F1} MiB; {runs} timed runs per phase after one warm-up, interleaved; {Environment.ProcessorCount} cores; " +
                          $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}; " +
                          $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; process peak working set {Mib(Process.GetCurrentProcess().PeakWorkingSet64):F0} MiB");
        return 0;
    }

    private static double Mib(double bytes) => bytes / (1024 * 1024);

    /// <summary>A digest of every row read and every figure of the outcome, to compare versions of the import.</summary>
    private static string Digest(AttendanceReport report, ImportOutcome outcome)
    {
        var text = new StringBuilder();
        foreach (var r in report.Rows) text.Append(CultureInfo.InvariantCulture, $"{r.Line}|{r.Name}|{r.Email}|{r.JoinLocal:O}|{r.LeaveLocal:O}\n");
        foreach (var a in outcome.Attendance) text.Append(CultureInfo.InvariantCulture, $"{a.RegistrationId}|{a.Minutes}|{a.Status}\n");
        foreach (var p in outcome.Unmatched) text.Append(CultureInfo.InvariantCulture, $"u|{p.Name}|{p.Email}\n");
        foreach (var p in outcome.Ambiguous) text.Append(CultureInfo.InvariantCulture, $"a|{p.Name}|{p.Email}\n");
        text.Append(CultureInfo.InvariantCulture, $"{outcome.Matched}|{outcome.Present}|{outcome.Partial}|{outcome.Absent}");
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16].ToLowerInvariant();
    }

    /// <summary>What the baseline read: counted so that nothing it materializes is dead code.</summary>
    private sealed record ReadCount(int Records, long Fields, long Chars);

    /// <summary>The baseline: CsvHelper over the same bytes (a stream, BOM honoured), no header, every record — the summary
    /// block and the header too — and every field materialized as a string, as the import needs them. Nothing trimmed or parsed.</summary>
    private static ReadCount BaselineRead(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions { HasHeader = false }, leaveOpen: false);
        var (records, fields, chars) = (0, 0L, 0L);
        while (reader.Read())
        {
            records++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                chars += reader.GetString(i).Length;
                fields++;
            }
        }
        return new ReadCount(records, fields, chars);
    }

    private readonly record struct Sample(double WallMs, double CpuMs, long Allocated);

    /// <summary>Wall and CPU ms and managed bytes allocated by one call. CPU is the whole process's user + system time
    /// (<see cref="Environment.CpuUsage"/>: getrusage, µs resolution; the same figure as Process.TotalProcessorTime, which
    /// Linux gives in 10 ms ticks); allocations are the whole process's (<see cref="GC.GetTotalAllocatedBytes"/>, precise).</summary>
    private static Sample Measure(Func<object> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        var result = call();
        var wall = sw.Elapsed.TotalMilliseconds;
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        GC.KeepAlive(result);
        return new Sample(wall, cpuMs, bytes);
    }

    private readonly record struct MemorySample(long PeakHeap, long Retained, long? PeakRss, int Collections);

    /// <summary>
    /// One call from a clean start: an aggressive full GC (compacts and gives free memory back to the OS), then the call while a
    /// thread samples the managed heap every millisecond.
    /// Without forced collections, PeakHeap is the highest <see cref="GC.GetTotalMemory(bool)"/> (not collecting) above the heap
    /// before the call: live data plus garbage not yet collected, so it depends on the GC's gen0 budget as well as on the call.
    /// With forced collections, the sampler runs a full blocking GC before each sample, so PeakHeap is the most the call held
    /// live at once (heap after the collection less its fragmentation); the call is slowed down, and a peak between two
    /// samples can be missed. Retained: the heap after a full GC with the result still held. PeakRss: the process's peak
    /// resident memory during the call (VmHWM, reset through /proc/self/clear_refs) above its resident memory before; null
    /// where the peak cannot be reset, and not measured with forced collections. Collections: how many GCs ran during the call.
    /// </summary>
    private static MemorySample MeasureMemory(Func<object> call, bool forceCollections)
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var before = forceCollections ? LiveAfterFullCollection() : GC.GetTotalMemory(false);
        var rssBefore = ProcStatusBytes("VmRSS");
        var peakReset = !forceCollections && TryResetPeakRss();
        var peak = before;
        var stop = false;
        var sampler = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                var heap = forceCollections ? LiveAfterFullCollection() : GC.GetTotalMemory(false);
                if (heap > Volatile.Read(ref peak)) Volatile.Write(ref peak, heap);
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        var collections = GC.CollectionCount(0);
        sampler.Start();
        var result = call();
        collections = GC.CollectionCount(0) - collections;
        var last = forceCollections ? LiveAfterFullCollection() : GC.GetTotalMemory(false);
        Volatile.Write(ref stop, true);
        sampler.Join();
        var hwm = ProcStatusBytes("VmHWM");
        var retained = Math.Max(0, GC.GetTotalMemory(true) - before);
        GC.KeepAlive(result);
        return new MemorySample(Math.Max(0, Math.Max(peak, last) - before), retained, peakReset && hwm is { } h && rssBefore is { } r ? h - r : null, collections);
    }

    private static long LiveAfterFullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    private static bool TryResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    private static long? ProcStatusBytes(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>
/// A Zoom meeting "Participants" export as people download it: UTF-8 with BOM, the meeting summary block, a blank line, then
/// one row per join–leave interval ordered by join time. Kyrgyz and Russian names in Cyrillic and Latin, quoted "Last, First"
/// names, guests without email, rejoins (1–4 rows per person) and overlapping rows from a second device. Deterministic.
/// </summary>
static class ZoomReport
{
    public sealed record Input(byte[] Bytes, int People, List<SessionRegistration> Registrations, AttendanceWindow Window, Dictionary<string, int> Kinds);

    // (Cyrillic, Latin) pairs. Surnames are given in the male form; the female form adds "а" / "a".
    private static readonly (string Cyr, string Lat)[] MaleFirst =
    [
        ("Азамат", "Azamat"), ("Бакыт", "Bakyt"), ("Нурлан", "Nurlan"), ("Эрлан", "Erlan"), ("Темир", "Temir"), ("Жоомарт", "Zhoomart"),
        ("Айбек", "Aibek"), ("Улан", "Ulan"), ("Мирлан", "Mirlan"), ("Кубанычбек", "Kubanychbek"), ("Руслан", "Ruslan"), ("Тимур", "Timur"),
        ("Данияр", "Daniiar"), ("Чынгыз", "Chyngyz"), ("Адилет", "Adilet"), ("Самат", "Samat"), ("Марат", "Marat"), ("Канат", "Kanat"),
        ("Бекжан", "Bekzhan"), ("Эмир", "Emir"), ("Алмаз", "Almaz"), ("Нурбек", "Nurbek"), ("Асхат", "Askhat"), ("Дмитрий", "Dmitrii"),
        ("Сергей", "Sergei"), ("Андрей", "Andrei"), ("Алексей", "Aleksei"), ("Ильяс", "Ilias"), ("Жаныбек", "Zhanybek"), ("Медер", "Meder"),
        ("Талант", "Talant"), ("Урмат", "Urmat"), ("Айдар", "Aidar"), ("Бекзат", "Bekzat"), ("Максат", "Maksat"), ("Нурсултан", "Nursultan"),
    ];

    private static readonly (string Cyr, string Lat)[] FemaleFirst =
    [
        ("Айгүл", "Aigul"), ("Асель", "Asel"), ("Жылдыз", "Zhyldyz"), ("Нургүл", "Nurgul"), ("Айпери", "Aiperi"), ("Бермет", "Bermet"),
        ("Гүлнара", "Gulnara"), ("Динара", "Dinara"), ("Эльмира", "Elmira"), ("Чолпон", "Cholpon"), ("Мээрим", "Meerim"), ("Айжан", "Aizhan"),
        ("Назира", "Nazira"), ("Сезим", "Sezim"), ("Акылай", "Akylai"), ("Бегимай", "Begimai"), ("Алина", "Alina"), ("Анна", "Anna"),
        ("Мария", "Mariia"), ("Елена", "Elena"), ("Адинай", "Adinai"), ("Каныкей", "Kanykei"), ("Толгонай", "Tolgonai"), ("Айсулуу", "Aisuluu"),
        ("Гүлзат", "Gulzat"), ("Жамиля", "Zhamilia"), ("Салтанат", "Saltanat"), ("Венера", "Venera"), ("Камила", "Kamila"), ("Аида", "Aida"),
        ("Айназик", "Ainazik"), ("Нуриза", "Nuriza"), ("Перизат", "Perizat"), ("Умут", "Umut"), ("Зарина", "Zarina"), ("Малика", "Malika"),
    ];

    private static readonly (string Cyr, string Lat)[] Surnames =
    [
        ("Асанов", "Asanov"), ("Осмонов", "Osmonov"), ("Токтогулов", "Toktogulov"), ("Жумабаев", "Zhumabaev"), ("Абдыкадыров", "Abdykadyrov"),
        ("Мамытов", "Mamytov"), ("Бекмуратов", "Bekmuratov"), ("Иманалиев", "Imanaliev"), ("Садыков", "Sadykov"), ("Кадыров", "Kadyrov"),
        ("Алиев", "Aliev"), ("Исаков", "Isakov"), ("Орозбаев", "Orozbaev"), ("Султанов", "Sultanov"), ("Керимбеков", "Kerimbekov"),
        ("Турдубаев", "Turdubaev"), ("Эсенов", "Esenov"), ("Шаршеев", "Sharsheev"), ("Молдобаев", "Moldobaev"), ("Ибраимов", "Ibraimov"),
        ("Сатыбалдиев", "Satybaldiev"), ("Абдрахманов", "Abdrakhmanov"), ("Нурматов", "Nurmatov"), ("Жээнбеков", "Zheenbekov"),
        ("Байтемиров", "Baitemirov"), ("Чотонов", "Chotonov"), ("Дүйшөнбиев", "Duishonbiev"), ("Карабеков", "Karabekov"), ("Акматов", "Akmatov"),
        ("Таштанов", "Tashtanov"), ("Усенов", "Usenov"), ("Калыев", "Kalyev"), ("Мусаев", "Musaev"), ("Рысбеков", "Rysbekov"),
        ("Ниязов", "Niiazov"), ("Бообеков", "Boobekov"), ("Кулов", "Kulov"), ("Маматов", "Mamatov"), ("Суранчиев", "Suranchiev"),
        ("Эркинбеков", "Erkinbekov"), ("Иванов", "Ivanov"), ("Смирнов", "Smirnov"), ("Попов", "Popov"), ("Кузнецов", "Kuznetsov"),
        ("Тологонов", "Tologonov"), ("Айтматов", "Aitmatov"), ("Жапаров", "Zhaparov"), ("Атамбаев", "Atambaev"), ("Отунбаев", "Otunbaev"),
        ("Болотбеков", "Bolotbekov"), ("Сооронбаев", "Sooronbaev"), ("Тыныбеков", "Tynybekov"), ("Дооронбеков", "Dooronbekov"),
        ("Мырзакматов", "Myrzakmatov"), ("Абылов", "Abylov"), ("Жолдошев", "Zholdoshev"), ("Качкынбаев", "Kachkynbaev"), ("Шабданов", "Shabdanov"),
    ];

    private static readonly string[] Domains = ["gmail.com", "mail.ru", "events.kg", "yandex.ru", "outlook.com", "inbox.ru", "bk.ru", "icloud.com"];
    private static readonly string[] Devices = ["iPhone", "Galaxy S23", "Redmi Note 12", "iPad", "DESKTOP-7QK2L", "Zoom user"];

    private enum Kind { RegisteredEmail, RegisteredGuestName, RegisteredOtherEmail, Guest, Unregistered }

    private sealed record Person(Kind Kind, string Name, string Latin, string Email, string ReportName, string? ReportEmail);

    public static Input Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var peopleCount = Math.Max(1, rows * 2 / 5);
        var counts = Enumerable.Repeat(1, peopleCount).ToArray();
        for (var extra = rows - peopleCount; extra > 0;)
        {
            var p = random.Next(peopleCount);
            if (counts[p] < 4) { counts[p]++; extra--; }
        }

        // The session: 1 Dec 2026 18:00–19:30 in Bishkek (UTC+6) = 12:00–13:30 UTC, as in the tests.
        var window = new AttendanceWindow(new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 13, 30, 0, DateTimeKind.Utc), "Asia/Bishkek");
        var start = new DateTime(2026, 12, 1, 18, 0, 0);

        var people = new List<Person>(peopleCount);
        var registrations = new List<SessionRegistration>();
        var kinds = new Dictionary<string, int>();
        for (var i = 0; i < peopleCount; i++)
        {
            var (name, latin) = RandomName(random);
            var email = $"{string.Join('.', latin.ToLowerInvariant().Split(' ')[..2])}{random.Next(1000)}@{Domains[random.Next(Domains.Length)]}";
            var roll = random.NextDouble();
            var kind = roll < 0.70 ? Kind.RegisteredEmail : roll < 0.78 ? Kind.RegisteredGuestName : roll < 0.83 ? Kind.RegisteredOtherEmail
                : roll < 0.93 ? Kind.Guest : Kind.Unregistered;
            kinds[kind.ToString()] = kinds.GetValueOrDefault(kind.ToString()) + 1;
            var (reportName, reportEmail) = kind switch
            {
                // Matched by email: any display name; the address sometimes in other case.
                Kind.RegisteredEmail => (DisplayName(random, name, latin), random.NextDouble() < 0.2 ? email.ToUpperInvariant() : email),
                // Matched by name: no email, the registered name with Zoom's "(original name)", other case or spacing.
                Kind.RegisteredGuestName => (NameVariant(random, name, latin), null),
                Kind.RegisteredOtherEmail => (NameVariant(random, name, latin), $"{latin.Split(' ')[0].ToLowerInvariant()}{random.Next(100_000)}@gmail.com"),
                Kind.Guest => (random.NextDouble() < 0.3 ? $"{Devices[random.Next(Devices.Length)]} ({name.Split(' ')[0]})" : DisplayName(random, name, latin), null),
                _ => (random.NextDouble() < 0.02 ? $"{name.Split(' ')[0]} \"{latin.Split(' ')[0]}\" {name.Split(' ')[^1]}" : DisplayName(random, name, latin), email),
            };
            var person = new Person(kind, name, latin, email, reportName, reportEmail);
            people.Add(person);
            if (kind is Kind.RegisteredEmail or Kind.RegisteredGuestName or Kind.RegisteredOtherEmail)
            {
                // Some registrations typed with a decomposed "й" (и + combining breve): the same name after NFC.
                var registered = random.NextDouble() < 0.02 ? name.Replace("й", "и\u0306") : name;
                registrations.Add(new SessionRegistration(registrations.Count + 1, registered, email));
            }
        }
        // Registered but absent: as many as the report's unregistered people, so that there are as many registrations as people.
        var absent = peopleCount - registrations.Count;
        for (var i = 0; i < absent; i++)
        {
            var (name, latin) = RandomName(random);
            registrations.Add(new SessionRegistration(registrations.Count + 1, name, $"{string.Join('.', latin.ToLowerInvariant().Split(' ')[..2])}{random.Next(1000)}@{Domains[random.Next(Domains.Length)]}"));
        }
        kinds["registered, absent"] = absent;

        // Each person's intervals: a first join around the start, stays, gaps, rejoins; sometimes a second device overlapping.
        var intervals = new List<(DateTime Join, DateTime Leave, Person Person)>(rows);
        for (var i = 0; i < peopleCount; i++)
        {
            var join = start.AddSeconds(random.Next(-15 * 60, 40 * 60));
            for (var k = 0; k < counts[i]; k++)
            {
                var leave = join.AddSeconds(random.Next(2 * 60, 95 * 60));
                var end = start.AddMinutes(105);
                if (leave > end) leave = end.AddSeconds(-random.Next(600));
                if (leave <= join) leave = join.AddSeconds(30 + random.Next(120));
                intervals.Add((join, leave, people[i]));
                join = random.NextDouble() < 0.15
                    ? join.AddSeconds(random.Next(60, Math.Max(61, (int)(leave - join).TotalSeconds))) // second device, overlapping
                    : leave.AddSeconds(random.Next(5, 12 * 60));
            }
        }
        intervals.Sort((a, b) => a.Join.CompareTo(b.Join));

        var text = new StringBuilder(rows * 120);
        var first = intervals.Count > 0 ? intervals.Min(i => i.Join) : start;
        var last = intervals.Count > 0 ? intervals.Max(i => i.Leave) : start;
        text.Append("Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n");
        text.Append($"812 3456 7890,{Csv("Тренинг: Excel, негиздер")},{Time(first)},{Time(last)},host@events.kg,{(int)Math.Ceiling((last - first).TotalMinutes)},{peopleCount}\r\n");
        text.Append("\r\n");
        text.Append("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n");
        foreach (var (join, leave, person) in intervals)
        {
            text.Append(Csv(person.ReportName)).Append(',').Append(person.ReportEmail ?? "").Append(',')
                .Append(Time(join)).Append(',').Append(Time(leave)).Append(',')
                .Append((int)Math.Ceiling((leave - join).TotalMinutes)).Append(',')
                .Append(person.ReportEmail is null ? "Yes" : "No").Append(',')
                .Append(random.NextDouble() < 0.9 ? "Y" : "").Append("\r\n");
        }
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text.ToString())];
        return new Input(bytes, peopleCount, registrations, window, kinds);
    }

    private static (string Name, string Latin) RandomName(Random random)
    {
        var female = random.Next(2) == 0;
        var names = female ? FemaleFirst : MaleFirst;
        var (first, firstLat) = names[random.Next(names.Length)];
        var (last, lastLat) = Surnames[random.Next(Surnames.Length)];
        if (female) (last, lastLat) = (last + "а", lastLat + "a");
        // Most with a father's name, which makes namesakes rarer (as in a real list, some remain): Russian style
        // "Surname First Fatherovich/ovna" or Kyrgyz style "First Father уулу/кызы"; the rest "First Surname".
        var (father, fatherLat) = MaleFirst[random.Next(MaleFirst.Length)];
        var roll = random.NextDouble();
        if (roll < 0.6)
            return ($"{last} {first} {father}{(female ? "овна" : "ович")}", $"{lastLat} {firstLat} {fatherLat}{(female ? "ovna" : "ovich")}");
        if (roll < 0.85)
            return ($"{first} {father} {(female ? "кызы" : "уулу")}", $"{firstLat} {fatherLat} {(female ? "kyzy" : "uulu")}");
        return ($"{first} {last}", $"{firstLat} {lastLat}");
    }

    /// <summary>How a person who is matched by email shows up: the registered name, Latin, "Last, First", or a device.</summary>
    private static string DisplayName(Random random, string name, string latin)
    {
        var roll = random.NextDouble();
        var parts = name.Split(' ');
        return roll < 0.55 ? name
            : roll < 0.70 ? $"{name} ({latin.Split(' ')[0]})"
            : roll < 0.82 ? latin
            : roll < 0.94 ? $"{parts[^1]}, {string.Join(' ', parts[..^1])}"
            : $"{Devices[random.Next(Devices.Length)]}";
    }

    /// <summary>The registered name as Zoom may show it: still the same after normalization.</summary>
    private static string NameVariant(Random random, string name, string latin)
    {
        var roll = random.NextDouble();
        return roll < 0.5 ? name
            : roll < 0.75 ? $"{name} ({latin.Split(' ')[0]})"
            : roll < 0.9 ? name.ToUpperInvariant()
            : " " + name.Replace(" ", "  ");
    }

    private static string Time(DateTime t) => t.ToString("MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
