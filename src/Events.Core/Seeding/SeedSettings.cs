namespace Events.Core.Seeding;

/// <summary>The <c>Seed</c> section.</summary>
public sealed class SeedSettings
{
    public string AdminEmail { get; set; } = "admin@events.local";
    public string? AdminPassword { get; set; }

    /// <summary>Adds the demo plan, events and compatriots (on in Development, off in Production).</summary>
    public bool Demo { get; set; }

    /// <summary>Password of the demo staff accounts; generated and logged once when empty.</summary>
    public string? DemoPassword { get; set; }
}
