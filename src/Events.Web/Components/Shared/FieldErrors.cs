using Events.Core.Common;
using Events.Core.Localization;
using Microsoft.Extensions.Localization;

namespace Events.Web.Components.Shared;

/// <summary>Server-side validation errors, localized, looked up by field for MudBlazor's Error/ErrorText.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _messages = new(StringComparer.OrdinalIgnoreCase);

    public void Set(IEnumerable<FieldError> errors, IStringLocalizer<Strings> text)
    {
        _messages.Clear();
        foreach (var e in errors)
            _messages.TryAdd(e.Field, e.Args.Length == 0 ? text[e.Key] : text[e.Key, e.Args]);
    }

    public void Clear() => _messages.Clear();

    public bool Has(string field) => _messages.ContainsKey(field);

    public string? this[string field] => _messages.GetValueOrDefault(field);

    public bool Any => _messages.Count > 0;

    /// <summary>Messages of nested fields ("sessions[1].start") for display under their item.</summary>
    public IEnumerable<string> ForPrefix(string prefix) =>
        _messages.Where(m => m.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(m => m.Value);
}
