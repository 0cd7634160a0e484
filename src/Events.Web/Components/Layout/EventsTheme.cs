using MudBlazor;

namespace Events.Web.Components.Layout;

/// <summary>Colours of the Kyrgyz flag (red and the sun's gold), with contrast checked for text.</summary>
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
