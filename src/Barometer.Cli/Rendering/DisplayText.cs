using Barometer.Analysis.Figures;
using Barometer.Analysis.Model;

namespace Barometer.Cli.Rendering;

/// <summary>Small text forms shared by the commands' tables and Markdown.</summary>
internal static class DisplayText
{
    /// <summary>An integer with its sign: <c>+3</c>, <c>0</c>, <c>-2</c> (the same form the figures print).</summary>
    public static string Signed(int n) => FigureStyle.Signed(n);

    /// <summary>A measure's name for people (<c>regional tension</c> for <c>regional_tension</c>).</summary>
    public static string MeasureLabel(string measure) => measure switch
    {
        Measures.NationalSecurity => "national security",
        Measures.RegionalTension => "regional tension",
        _ => measure,
    };

    /// <summary>Escapes the characters that would break a Markdown table cell.</summary>
    public static string MarkdownCell(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");
}
