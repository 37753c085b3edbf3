using System.Text;

namespace Barometer.Analysis.Charts;

/// <summary>
/// Text that plotly.js draws (titles, hover labels, annotations, table cells, legend names) is a small HTML dialect:
/// plotly interprets tags such as <c>&lt;b&gt;</c> and <c>&lt;br&gt;</c> and decodes entities. Data-derived text
/// must go through <see cref="Escape"/> so that a label like <c>&lt;script&gt;</c> is drawn as those characters.
/// </summary>
public static class PlotlyText
{
    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> so plotly draws <paramref name="text"/> literally.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>") < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        }

        return sb.ToString();
    }

    /// <summary>A line break in plotly text.</summary>
    public const string LineBreak = "<br>";

    /// <summary>Bold text; <paramref name="escapedText"/> must already be escaped.</summary>
    public static string Bold(string escapedText) => $"<b>{escapedText}</b>";
}
