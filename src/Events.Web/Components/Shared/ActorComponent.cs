using Events.Core.Common;
using Events.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Events.Web.Components.Shared;

/// <summary>A back-office page: Core checks every operation against the signed-in person, so the page passes who that is.</summary>
public abstract class ActorComponent : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected async Task<Actor> ActorAsync() => (await AuthState).User.Actor();
}
