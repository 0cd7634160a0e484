using Events.Core.Organizations;
using Events.Core.Scheduling;

namespace Events.Core.Planning;

/// <summary>
/// How many events of a kind the communication plan asks for in a year: for the whole plan
/// (<see cref="OrganizationId"/> null, e.g. six Online-Mekendesh editions) or for one organization
/// (e.g. one thematic meeting in each embassy).
/// </summary>
public class PlanTarget
{
    public int Id { get; set; }
    public int Year { get; set; }
    public EventKind Kind { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int Target { get; set; }
}
