using Events.Core.Common;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Reference;
using Events.Core.Seeding;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Data;

public class EventsDbContext(DbContextOptions<EventsDbContext> options) : IdentityDbContext<EventsUser>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<SeedRun> SeedRuns => Set<SeedRun>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefreshDerivedColumns();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefreshDerivedColumns();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>Search columns follow the names they are made of, whoever changed them.</summary>
    private void RefreshDerivedColumns()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            switch (entry.Entity)
            {
                case Organization o: o.RefreshSearchText(); break;
                case EventsUser u: u.RefreshSearchText(); break;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<EventsUser>(u =>
        {
            u.Property(x => x.FullName).HasMaxLength(EventsUser.FullNameMaxLength);
            u.Property(x => x.CountryCode).HasMaxLength(2);
            u.Property(x => x.HomeRegion).HasConversion<string>().HasMaxLength(20);
            u.Property(x => x.Gender).HasConversion<string>().HasMaxLength(20);
            u.Property(x => x.Language).HasMaxLength(5);
            u.Property(x => x.TimeZone).HasMaxLength(64);
            u.Property(x => x.SearchText).HasMaxLength(600);
        });

        builder.Entity<Organization>(o =>
        {
            o.Property(x => x.Name).HasMaxLength(Organization.NameMaxLength);
            o.Property(x => x.NameKy).HasMaxLength(Organization.NameMaxLength);
            o.Property(x => x.NameRu).HasMaxLength(Organization.NameMaxLength);
            o.Property(x => x.NameEn).HasMaxLength(Organization.NameMaxLength);
            o.Property(x => x.Code).HasMaxLength(40);
            o.HasIndex(x => x.Code).IsUnique();
            o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            o.Property(x => x.CountryCode).HasMaxLength(2);
            o.Property(x => x.TimeZone).HasMaxLength(64);
            o.Property(x => x.Email).HasMaxLength(256);
            o.HasIndex(x => x.Name);
            o.Property(x => x.SearchText).HasMaxLength(1200);
        });

        builder.Entity<OrganizationMember>(m =>
        {
            m.HasKey(x => new { x.OrganizationId, x.UserId });
            m.HasOne(x => x.Organization).WithMany(o => o.Members).HasForeignKey(x => x.OrganizationId);
            m.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
            m.HasIndex(x => x.UserId);
        });

        builder.Entity<Country>(c =>
        {
            c.HasKey(x => x.Code);
            c.Property(x => x.Code).HasMaxLength(2);
            c.Property(x => x.NameEn).HasMaxLength(100);
            c.Property(x => x.NameRu).HasMaxLength(100);
            c.Property(x => x.NameKy).HasMaxLength(100);
            c.Property(x => x.TimeZone).HasMaxLength(64);
        });

        builder.Entity<SeedRun>(s =>
        {
            s.HasKey(x => x.Name);
            s.Property(x => x.Name).HasMaxLength(100);
        });
    }
}
