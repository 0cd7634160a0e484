using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Events.Core.Tests.Localization;

/// <summary>Every text exists in Kyrgyz, Russian and English, and every key the code asks for exists.</summary>
public partial class ResourceTests
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string ResourceFolder = Path.Combine(RepoRoot, "src", "Events.Core", "Localization");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Events.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Events.sln not found above the test folder");
    }

    internal static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(ResourceFolder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    public static TheoryData<string> Cultures => new() { "Strings.ru.resx", "Strings.en.resx" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Keys_SameInKyrgyzAndOther(string file)
    {
        var ky = Load("Strings.resx");
        var other = Load(file);
        Assert.Empty(ky.Keys.Except(other.Keys));
        Assert.Empty(other.Keys.Except(ky.Keys));
    }

    [Fact]
    public void Values_NeverEmptyAndPlaceholdersMatch()
    {
        var files = new[] { "Strings.resx", "Strings.ru.resx", "Strings.en.resx" }.Select(Load).ToList();
        foreach (var key in files[0].Keys)
        {
            var placeholders = files.Select(f => string.Join(",", Placeholder().Matches(f[key]).Select(m => m.Value).Order())).Distinct();
            Assert.True(placeholders.Count() == 1, $"{key}: placeholders differ between languages");
            Assert.All(files, f => Assert.False(string.IsNullOrWhiteSpace(f[key]), $"{key} is empty"));
        }
    }

    [Fact]
    public void CodeKeys_AllExistInResources()
    {
        var keys = Load("Strings.resx").Keys.ToHashSet();
        var sources = Directory.EnumerateFiles(Path.Combine(RepoRoot, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("Migrations"));
        var missing = new List<string>();
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LiteralKey().Matches(text))
            {
                var key = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                if (!keys.Contains(key)) missing.Add($"{Path.GetFileName(file)}: {key}");
            }
            foreach (Match m in KeyPrefix().Matches(text))
                if (!keys.Any(k => k.StartsWith(m.Groups[1].Value, StringComparison.Ordinal))) missing.Add($"{Path.GetFileName(file)}: {m.Groups[1].Value}*");
        }
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("OrganizationKind_", typeof(Events.Core.Organizations.OrganizationKind))]
    [InlineData("Gender_", typeof(Events.Core.People.Gender))]
    [InlineData("HomeRegion_", typeof(Events.Core.People.HomeRegion))]
    public void EnumValues_AllHaveTexts(string prefix, Type enumType)
    {
        var keys = Load("Strings.resx").Keys.ToHashSet();
        Assert.All(Enum.GetNames(enumType), n => Assert.Contains(prefix + n, keys));
    }

    [Fact]
    public void Roles_AllHaveTexts()
    {
        var keys = Load("Strings.resx").Keys.ToHashSet();
        Assert.All(Events.Core.People.Roles.All, r => Assert.Contains("Role_" + r, keys));
    }

    [GeneratedRegex(@"\{\d+[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"L\[""([A-Za-z0-9_]+)""|""((?:Validation|Conflict|Identity|Problem|Rule)_[A-Za-z0-9]+)""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"L\[\$""([A-Za-z]+_)\{")]
    private static partial Regex KeyPrefix();
}
