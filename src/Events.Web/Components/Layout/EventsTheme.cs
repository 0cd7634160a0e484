using MudBlazor;

namespace Events.Web.Components.Layout;

/// <summary>Colours of the Kyrgyz flag (red and the sun's gold), with contrast checked for text (axe-core in the E2E suite).</summary>
public static class EventsTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            Secondary = "#8A6D00",
            AppbarBackground = "#B71C1C",
            AppbarText = "#FFFFFF",
            Background = "#FAFAFA",
            // MudBlazor's defaults put white text on colours too light for it (success #00c853: 2.2:1) and grey
            // secondary text at 4.47:1 on this background; these pass WCAG AA (4.5:1) with white and on #FAFAFA.
            TextSecondary = "#616161",
            Success = "#2E7D32",
            Info = "#1565C0",
            Warning = "#A35200",
            Error = "#C62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#EF9A9A",
            Secondary = "#FFD54F",
            AppbarBackground = "#2B1B1B",
            AppbarText = "#FFFFFF",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
