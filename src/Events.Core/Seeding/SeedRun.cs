namespace Events.Core.Seeding;

/// <summary>Marks a one-time seeding step as done so that restarts never seed twice.</summary>
public class SeedRun
{
    public required string Name { get; set; }
    public DateTime AppliedUtc { get; set; }
}
