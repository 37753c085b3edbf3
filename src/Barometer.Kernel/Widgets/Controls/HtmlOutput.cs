namespace Barometer.Kernel.Widgets;

/// <summary>
/// Rich text: HTML shown as a control (ipywidgets' <c>HTML</c>, model <c>HTMLModel</c>; named so in C# because
/// <c>HTML(...)</c> is the global that marks a string as HTML output). Setting <see cref="ValueWidget{T, TStyle}.Value"/>
/// replaces the shown HTML in place.
/// </summary>
public sealed class HtmlOutput : ValueWidget<string, HtmlStyle>
{
    /// <summary>Creates an empty HTML widget.</summary>
    public HtmlOutput()
        : base("HTML", string.Empty)
    {
        Define("placeholder", "\u200b");
    }

    /// <summary>Creates an HTML widget showing <paramref name="html"/>.</summary>
    public HtmlOutput(string html)
        : this()
    {
        Value = html;
    }

    /// <inheritdoc />
    public override string Value { get => base.Value; set => base.Value = value ?? string.Empty; }
}
