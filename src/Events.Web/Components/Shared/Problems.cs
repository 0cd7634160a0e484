using System.Globalization;
using Events.Core.Common;
using Events.Core.Localization;
using Microsoft.Extensions.Localization;

namespace Events.Web.Components.Shared;

/// <summary>What a back-office page says when Core refuses an operation: one localized line, field errors placed under their fields.</summary>
public static class Problems
{
    public static bool IsRefusal(Exception e) =>
        e is ValidationFailedException or RuleViolationException or ConflictException or ForbiddenException or NotFoundException;

    public static string Describe(Exception e, IStringLocalizer<Strings> text, FieldErrors errors)
    {
        errors.Clear();
        switch (e)
        {
            case ValidationFailedException v:
                errors.Set(v.Errors, text);
                return string.Join(" ", v.Errors.Select(x => errors[x.Field]).Distinct());
            case RuleViolationException r:
                return Format(text, r.Key, r.Args);
            case ConflictException c:
                return Format(text, c.Key, c.Args);
            case ForbiddenException:
                return text["Problem_403"];
            default:
                return text["Problem_404"];
        }
    }

    // Amounts read as people write them (grant left: "150 000", not "150000.00").
    private static string Format(IStringLocalizer<Strings> text, string key, object[] args) =>
        args.Length == 0 ? text[key] : string.Format(CultureInfo.CurrentCulture, text[key],
            args.Select(a => a is decimal d ? d.ToString("N0", CultureInfo.CurrentCulture) : a).ToArray());
}
