namespace Barometer.Kernel.Formatting;

/// <summary>
/// Markup to be shown as HTML rather than as text (what the notebook global <c>HTML("...")</c> returns).
/// Formats as <c>text/html</c> with the markup unchanged (and <c>text/plain</c> with the same markup).
/// </summary>
public sealed class HtmlString : IHtmlMarkup
{
    /// <summary>Wraps markup.</summary>
    public HtmlString(string html) => Value = html ?? string.Empty;

    /// <summary>The markup.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;

    string IHtmlMarkup.ToHtml() => Value;
}
