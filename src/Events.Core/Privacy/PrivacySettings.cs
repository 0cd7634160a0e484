namespace Events.Core.Privacy;

/// <summary>The <c>Privacy</c> section.</summary>
public sealed class PrivacySettings
{
    /// <summary>
    /// Days a sent (or finally failed) email keeps its body, address and pickup file; afterwards only when,
    /// kind and status remain. The body holds the manage link, which is as good as the person's password.
    /// </summary>
    public int SentMailRetentionDays { get; set; } = 30;
}
