namespace Events.Core.Common;

/// <summary>Who asks: services check organization membership for everyone but administrators.</summary>
public sealed record Actor(string UserId, bool IsAdministrator, string? Name = null);
