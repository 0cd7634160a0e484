namespace Events.Core.Common;

/// <summary>
/// One problem with one input field. <see cref="Key"/> names a resource in
/// <see cref="Localization.Strings"/> so that each client gets the message in its own language.
/// </summary>
public sealed record FieldError(string Field, string Key, params object[] Args);

/// <summary>Input that breaks a validation rule (HTTP 400).</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception("Validation failed: " + string.Join(", ", errors.Select(e => $"{e.Field}={e.Key}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string key, params object[] args) =>
        new([new FieldError(field, key, args)]);
}

/// <summary>The request duplicates something that exists (HTTP 409).</summary>
public sealed class ConflictException(string key, params object[] args) : Exception(key)
{
    public string Key { get; } = key;
    public object[] Args { get; } = args;
}

/// <summary>A business rule forbids the change in the current state (HTTP 422).</summary>
public sealed class RuleViolationException(string key, params object[] args) : Exception(key)
{
    public string Key { get; } = key;
    public object[] Args { get; } = args;
}

/// <summary>The thing asked for does not exist, or the caller may not know it exists (HTTP 404).</summary>
public sealed class NotFoundException(string what) : Exception(what + " not found");

/// <summary>The caller is known but may not act on this organization or object (HTTP 403).</summary>
public sealed class ForbiddenException(string why) : Exception(why);

/// <summary>The service cannot take the request now (queue full, shutting down): try again after <see cref="RetryAfter"/> (HTTP 503).</summary>
public sealed class ServiceBusyException(TimeSpan retryAfter) : Exception("busy; retry after " + retryAfter)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>Collects field errors, then throws them all at once so the user can fix everything in one go.</summary>
public sealed class Validator
{
    private readonly List<FieldError> _errors = [];

    public Validator Add(string field, string key, params object[] args)
    {
        _errors.Add(new FieldError(field, key, args));
        return this;
    }

    public Validator When(bool failed, string field, string key, params object[] args) =>
        failed ? Add(field, key, args) : this;

    public bool HasErrors => _errors.Count > 0;

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new ValidationFailedException(_errors);
    }
}
