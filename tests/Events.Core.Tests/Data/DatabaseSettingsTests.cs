using Events.Core.Data;
using Microsoft.Extensions.Configuration;

namespace Events.Core.Tests.Data;

public class DatabaseSettingsTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void From_NoSettings_SqliteUnderContentRootAppData()
    {
        var root = Path.Combine(Path.GetTempPath(), "content-root");
        var settings = DatabaseSettings.From(Config(), root);

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal(Path.Combine(root, "App_Data", "events.db"), settings.SqliteFile);
        Assert.True(settings.MigrateOnStartup);
    }

    [Fact]
    public void From_UnknownProvider_ThrowsNamingTheSetting()
    {
        var e = Assert.Throws<StartupConfigurationException>(() => DatabaseSettings.From(Config(("Database:Provider", "Oracle")), "/"));
        Assert.Contains("Database:Provider", e.Message);
        Assert.Contains("Oracle", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void From_SqlServerWithoutConnectionString_ThrowsNamingTheSetting()
    {
        var e = Assert.Throws<StartupConfigurationException>(() => DatabaseSettings.From(Config(("Database:Provider", "SqlServer")), "/"));
        Assert.Contains("ConnectionStrings:Events", e.Message);
    }

    [Fact]
    public void From_MigrateOnStartupOff_IsKept()
    {
        var settings = DatabaseSettings.From(Config(("Database:MigrateOnStartup", "false"), ("Database:Provider", "sqlserver"),
            ("ConnectionStrings:Events", "Server=x;Database=y")), "/");
        Assert.Equal(DatabaseProvider.SqlServer, settings.Provider);
        Assert.False(settings.MigrateOnStartup);
    }

    [Fact]
    public void EnsureDataFolderWritable_FolderIsAFile_ThrowsNamingTheSetting()
    {
        var blocker = Path.GetTempFileName(); // a file where the data folder should be
        try
        {
            var settings = DatabaseSettings.From(Config(("ConnectionStrings:Events", $"Data Source={Path.Combine(blocker, "events.db")}")), "/");
            var e = Assert.Throws<StartupConfigurationException>(() => DatabaseStartup.EnsureDataFolderWritable(settings));
            Assert.Contains("ConnectionStrings:Events", e.Message);
            Assert.Contains("not writable", e.Message);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
