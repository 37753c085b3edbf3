namespace Barometer.Kernel.Formatting;

/// <summary>
/// A value that is HTML markup already (<see cref="HtmlString"/>, a PocketView): shown as <c>text/html</c> unchanged,
/// and kept raw (not HTML-encoded) when it appears inside a table or inside another tag.
/// </summary>
internal interface IHtmlMarkup
{
    /// <summary>The markup.</summary>
    string ToHtml();
}
