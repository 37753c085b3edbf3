namespace Barometer.Kernel.Language;

/// <summary>The reply to an <c>is_complete_request</c>.</summary>
/// <param name="Status">complete / incomplete / invalid / unknown.</param>
/// <param name="Indent">For <see cref="CompletenessStatus.Incomplete"/>: the whitespace to start the next line with.</param>
public sealed record CompletenessResult(CompletenessStatus Status, string Indent)
{
    /// <summary>The protocol's status string (<c>complete</c>, <c>incomplete</c>, <c>invalid</c>, <c>unknown</c>).</summary>
    public string StatusText => Status.ToString().ToLowerInvariant();
}
