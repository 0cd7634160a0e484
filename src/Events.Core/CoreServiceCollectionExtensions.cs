using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Wires the database and every feature service of the core.</summary>
    public static IServiceCollection AddEventsCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseSettings.From(configuration, contentRoot);
        services.AddSingleton(database);
        // Pooled: a context is reset and reused instead of built for every request (measurable under a registration rush).
        services.AddPooledDbContextFactory<EventsDbContext>(options => UseProvider(options, database));
        services.TryAddSingletonTimeProvider();

        services.Configure<SeedSettings>(configuration.GetSection("Seed"));
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<AdministratorSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<IDemoSeedPart, DemoPeople>();

        services.AddScoped<OrganizationService>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<Administration.AdministrationSummary>();
        services.AddScoped<Scheduling.SchedulingService>();
        services.AddScoped<Scheduling.Catalogue>();
        services.AddScoped<Planning.PlanService>();
        services.AddScoped<Planning.AudienceWeights>();
        services.AddScoped<IDemoSeedPart, DemoPlanAndEvents>();
        services.AddScoped<IDemoSeedPart, DemoRegistrations>();
        services.AddScoped<IDemoSeedPart, DemoContests>();
        services.AddScoped<IDemoSeedPart, DemoTraining>();
        services.AddScoped<IDemoSeedPart, DemoEngagement>();

        Notifications.EmailSettings email;
        try
        {
            email = configuration.GetSection("Email").Get<Notifications.EmailSettings>() ?? new Notifications.EmailSettings();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupConfigurationException($"Email: a setting has an invalid value ({e.Message}); Email:Delivery is Pickup or Smtp.", e);
        }
        services.AddSingleton(email);
        services.AddSingleton(new Notifications.PublicUrls(configuration["App:PublicBaseUrl"] is { Length: > 0 } url ? url : "http://localhost:5007"));
        services.AddSingleton<Notifications.OutboxSignal>();
        services.AddSingleton<Notifications.InvitationComposer>();
        services.AddSingleton(new Notifications.PickupFolder(email.PickupFolder is { Length: > 0 } pickup
            ? Path.GetFullPath(Path.Combine(contentRoot, pickup))
            : Path.Combine(contentRoot, "App_Data", "mail")));
        services.AddSingleton<Notifications.OutboxDispatcher>();
        services.AddScoped<Notifications.OutboxAdministration>();
        services.AddScoped<Notifications.ReminderService>();
        services.AddScoped<Registration.RegistrationDesk>();
        services.AddScoped<Registration.MyEvents>();
        services.AddSingleton<AccountMail>();
        services.AddSingleton<Microsoft.AspNetCore.Identity.IEmailSender<EventsUser>>(sp => sp.GetRequiredService<AccountMail>());
        services.AddScoped<EmailConfirmation>();
        services.AddSingleton(configuration.GetSection("Privacy").Get<Privacy.PrivacySettings>() ?? new Privacy.PrivacySettings());
        services.AddSingleton<Privacy.SentMailRetention>();
        services.AddScoped<Privacy.PersonalData>();

        services.AddDataProtection();
        services.AddSingleton(configuration.GetSection("Registration").Get<Registration.RegistrationWriterSettings>() ?? new Registration.RegistrationWriterSettings());
        services.AddSingleton<Registration.RegistrationWriter>();
        services.AddScoped<Registration.RegistrationService>();
        services.AddScoped<Scheduling.ISessionChangeObserver>(sp => sp.GetRequiredService<Registration.RegistrationService>());

        var contests = configuration.GetSection("Contests").Get<Contests.ContestSettings>() ?? new Contests.ContestSettings();
        contests.MaxRequestBodyBytes = configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? contests.MaxRequestBodyBytes;
        services.AddSingleton(contests);
        services.AddSingleton(new Contests.AttachmentStore(Path.GetFullPath(Path.Combine(contentRoot,
            contests.AttachmentsFolder is { Length: > 0 } folder ? folder : Path.Combine("App_Data", "attachments")))));
        services.AddScoped<Indicators.IndicatorFilters>();
        services.AddScoped<Indicators.IndicatorDrillDown>();
        services.AddScoped<Indicators.IndicatorTrends>();
        services.AddSingleton<Contests.ContestMail>();
        services.AddScoped<Contests.ContestService>();
        services.AddScoped<Contests.EntryService>();
        services.AddScoped<Contests.JuryService>();
        services.AddScoped<Contests.ScoringService>();
        services.AddScoped<Training.AttendanceService>();
        services.AddScoped<Training.ProgramService>();
        services.AddScoped<Training.CertificateService>();
        services.AddScoped<Training.InnolabService>();
        services.AddScoped<Indicators.IndicatorService>();
        services.AddScoped<Indicators.MonitoringReportService>();
        services.AddSingleton<Engagement.EngagementMail>();
        services.AddScoped<Engagement.QuestionService>();
        services.AddScoped<Engagement.SurveyService>();
        services.AddScoped<Engagement.CoverageService>();
        services.AddScoped<Indicators.IIndicatorSource, Engagement.EngagementIndicators>();
        return services;
    }

    public static void UseProvider(DbContextOptionsBuilder options, DatabaseSettings database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(database.ConnectionString, o => o.MigrationsAssembly(DatabaseSettings.SqliteMigrationsAssembly))
                    .AddInterceptors(new SqlitePragmas());
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(database.ConnectionString, o => o.MigrationsAssembly(DatabaseSettings.SqlServerMigrationsAssembly));
                break;
        }
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
