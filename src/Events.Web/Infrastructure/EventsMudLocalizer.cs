using Events.Core.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Events.Web.Infrastructure;

/// <summary>
/// MudBlazor's own texts (pager, close buttons, "loading") from our resources, keyed "Mud_" + MudBlazor's key;
/// keys we have not translated keep MudBlazor's English.
/// </summary>
public sealed class EventsMudLocalizer(IStringLocalizer<Strings> text) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var ours = text["Mud_" + key];
            return ours.ResourceNotFound ? base[key] : new LocalizedString(key, ours.Value);
        }
    }
}
