using System.Reflection;

namespace Events.Core.Reference;

/// <summary>The ISO 3166-1 list shipped with the product (Reference/Data/countries.tsv).</summary>
public static class CountryCatalog
{
    private static readonly Lazy<IReadOnlyList<Country>> Loaded = new(Load);

    public static IReadOnlyList<Country> All => Loaded.Value;

    private static IReadOnlyList<Country> Load()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("Events.Core.Reference.Data.countries.tsv")
            ?? throw new InvalidOperationException("countries.tsv is not embedded");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header: code en ru ky timeZone
        var list = new List<Country>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            list.Add(new Country { Code = f[0], NameEn = f[1], NameRu = f[2], NameKy = f[3], TimeZone = f[4] });
        }
        return list;
    }
}
