using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Events.Core.Common;

/// <summary>
/// Every stored <see cref="DateTime"/> is UTC; SQLite reads them back as Unspecified, so the kind
/// is restored here instead of at every use.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
