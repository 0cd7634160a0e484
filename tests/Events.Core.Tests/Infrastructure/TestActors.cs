using Events.Core.Common;

namespace Events.Core.Tests.Infrastructure;

public static class TestActors
{
    public static readonly Actor Admin = new("admin", IsAdministrator: true);

    /// <summary>Signed in, but neither administrator nor member of any organization.</summary>
    public static readonly Actor Stranger = new("stranger", IsAdministrator: false);
}
