using System.Globalization;
using Events.Core.Common;
using Events.Core.Localization;
using Events.Web.Components.Shared;
using Events.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Events.Web.Tests.Pages.Contests;

/// <summary>The one line a back-office page shows when Core refuses: localized, with field errors under their fields.</summary>
public class ProblemsTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    [Fact]
    public void Describe_EachRefusal_InTheReadersLanguage()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru");
        try
        {
            var text = app.Services.GetRequiredService<IStringLocalizer<Strings>>();
            var errors = new FieldErrors();

            var validation = Problems.Describe(ValidationFailedException.For("title", "Validation_Required"), text, errors);
            Assert.Equal(errors["title"], validation);
            Assert.False(string.IsNullOrEmpty(validation));

            var rule = Problems.Describe(new RuleViolationException("Rule_GrantOverBudget", 150000m, "KGS"), text, errors);
            Assert.False(errors.Any); // a later refusal clears the previous field errors
            Assert.Contains("150", rule);
            Assert.Contains("KGS", rule);
            Assert.Contains("Грант", rule);

            Assert.Equal(text["Conflict_PlaceTaken"], Problems.Describe(new ConflictException("Conflict_PlaceTaken"), text, errors));
            Assert.Equal(text["Problem_403"], Problems.Describe(new ForbiddenException("x"), text, errors));
            Assert.Equal(text["Problem_404"], Problems.Describe(new NotFoundException("x"), text, errors));
            Assert.False(Problems.IsRefusal(new InvalidOperationException()));
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }
}
