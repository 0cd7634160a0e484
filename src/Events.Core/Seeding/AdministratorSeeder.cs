using Events.Core.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Events.Core.Seeding;

/// <summary>First run: without any administrator, creates one so that somebody can sign in.</summary>
public sealed class AdministratorSeeder(
    UserManager<EventsUser> users, IOptions<SeedSettings> settings, TimeProvider clock, ILogger<AdministratorSeeder> log)
{
    public async Task SeedAsync()
    {
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0) return;

        var email = settings.Value.AdminEmail.Trim();
        var password = settings.Value.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = PasswordGenerator.Strong();

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new EventsUser
            {
                UserName = email, Email = email, EmailConfirmed = true, FullName = "Administrator",
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            Check(await users.CreateAsync(user, password!), "Seed:AdminPassword");
        }
        else
        {
            // The account exists (e.g. created by hand) but lost its role: reset it to a known password.
            await users.RemovePasswordAsync(user);
            Check(await users.AddPasswordAsync(user, password!), "Seed:AdminPassword");
        }
        Check(await users.AddToRoleAsync(user, Roles.Administrator), "Seed:AdminEmail");

        if (generated)
            log.LogWarning("First run: created administrator {Email} with the generated password {Password} " +
                           "(shown once; set Seed:AdminPassword to choose it, change it after signing in).", email, password);
        else
            log.LogInformation("First run: created administrator {Email} with the password from Seed:AdminPassword.", email);
    }

    private static void Check(IdentityResult result, string setting)
    {
        if (!result.Succeeded)
            throw new Data.StartupConfigurationException(
                $"{setting}: the first administrator cannot be created ({string.Join(" ", result.Errors.Select(e => e.Description))}).");
    }
}
