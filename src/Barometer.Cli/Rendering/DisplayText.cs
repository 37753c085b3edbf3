using System.Text;
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

    /// <summary>
    /// A partner for people, with its code: <c>Russia (RU)</c>; just <c>EU</c> where the name is the code. The one
    /// text form of a partner in every command (JSON: <c>{ "code": "RU", "name": "Russia" }</c>).
    /// </summary>
    public static string Partner(Partner partner) => Partner(partner.Code, partner.Name);

    public static string Partner(string code, string name) => name == code ? code : $"{name} ({code})";

    /// <summary>Prose from the data for a Markdown document: raw HTML is escaped, so a <c>&lt;script&gt;</c> in a title stays text.</summary>
    public static string MarkdownText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>A Markdown table cell: raw HTML escaped (<see cref="MarkdownText"/>), pipes escaped, one line.</summary>
    public static string MarkdownCell(string text) => MarkdownText(text).Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    /// <summary>A Markdown table of <paramref name="rows"/> (cells escaped), right-aligning the columns <paramref name="numeric"/> names.</summary>
    public static string MarkdownTable(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, Func<int, bool>? numeric = null)
    {
        var md = new StringBuilder();
        md.Append("| ").Append(string.Join(" | ", columns.Select(MarkdownCell))).Append(" |\n");
        md.Append('|').Append(string.Join("|", columns.Select((_, i) => numeric?.Invoke(i) == true ? "---:" : "---"))).Append("|\n");
        foreach (var row in rows)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(MarkdownCell))).Append(" |\n");
        }

        return md.ToString();
    }
}
