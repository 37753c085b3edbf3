using System.Globalization;
using System.Net;
using System.Text;
using Plotly.NET;

namespace Barometer.Analysis.Charts;

/// <summary>
/// Writes HTML for figures. Every text that reaches the page is escaped: titles with HTML encoding, the figure as
/// JSON whose encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> (so no data can close the script element).
/// </summary>
public static class FigureHtml
{
    /// <summary>The id of the element a page draws its figure into.</summary>
    public const string PageElementId = "figure";

    public static string Page(GenericChart chart, PlotlyJsReference plotly, string? pageTitle = null)
    {
        var title = pageTitle ?? StripTags(TitleText(chart)) ?? "Figure";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta name=\"generator\" content=\"Barometer.Analysis, plotly.js ").Append(PlotlyJs.Version).Append("\">\n");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        sb.Append("<style>html,body{margin:0;height:100%;font-family:sans-serif}")
          .Append('#').Append(PageElementId).Append("{width:100%;height:calc(100vh - 2em);min-height:420px}")
          .Append(".note{margin:.3em .8em;font-size:.85em;color:#555}</style>\n");
        sb.Append(ScriptTag(plotly));
        sb.Append("</head>\n<body>\n");
        if (plotly is PlotlyJsReference.Cdn { Note: { } note })
        {
            sb.Append("<p class=\"note\" id=\"plotly-note\">").Append(WebUtility.HtmlEncode(note)).Append("</p>\n");
        }

        sb.Append("<div id=\"").Append(PageElementId).Append("\"></div>\n");
        sb.Append("<script>\n");
        sb.Append("(function () {\n");
        sb.Append("  var figure = ").Append(FigureJson.Of(chart, indented: false)).Append(";\n");
        sb.Append("  var element = document.getElementById(\"").Append(PageElementId).Append("\");\n");
        sb.Append("  if (typeof Plotly === \"undefined\") {\n");
        sb.Append("    element.textContent = \"plotly.js ").Append(PlotlyJs.Version)
          .Append(" could not be loaded, so the chart cannot be drawn. The figure's data are in the .plotly.json and .csv files beside this page.\";\n");
        sb.Append("    return;\n  }\n");
        sb.Append("  Plotly.newPlot(element, figure.data, figure.layout, figure.config);\n");
        sb.Append("})();\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// A div and a script that draws <paramref name="chart"/>: with the page's global <c>Plotly</c> when there is one,
    /// else after loading the pinned version from the CDN. For notebook outputs.
    /// </summary>
    public static string Fragment(GenericChart chart, string? elementId = null)
    {
        var json = FigureJson.Of(chart, indented: false);
        // Derived from the figure (not random), so the same notebook run twice writes the same HTML.
        var id = elementId ?? "barometer-figure-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        var idJson = FigureJson.StringLiteral(id);
        var height = GenericChart.getLayout(chart).TryGetTypedPropertyValue<int>("height") is { } h ? h.Value : 480;
        var sb = new StringBuilder();
        sb.Append("<div id=\"").Append(WebUtility.HtmlEncode(id)).Append("\" style=\"width:100%;height:")
          .Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\"></div>\n<script>\n(function () {\n");
        sb.Append("  var figure = ").Append(json).Append(";\n");
        sb.Append("  function draw() { Plotly.newPlot(document.getElementById(").Append(idJson)
          .Append("), figure.data, figure.layout, figure.config); }\n");
        sb.Append("  if (typeof Plotly !== \"undefined\") { draw(); return; }\n");
        sb.Append("  var script = document.createElement(\"script\");\n");
        sb.Append("  script.src = \"").Append(PlotlyJs.CdnUrl).Append("\";\n");
        sb.Append("  script.onload = draw;\n");
        sb.Append("  document.head.appendChild(script);\n");
        sb.Append("})();\n</script>\n");
        return sb.ToString();
    }

    /// <summary>The script element that loads plotly.js as <paramref name="plotly"/> says (empty for a global).</summary>
    public static string ScriptTag(PlotlyJsReference plotly) => plotly switch
    {
        PlotlyJsReference.Cdn => $"<script src=\"{PlotlyJs.CdnUrl}\" charset=\"utf-8\"></script>\n",
        PlotlyJsReference.File f => $"<script src=\"{WebUtility.HtmlEncode(f.Url)}\" charset=\"utf-8\"></script>\n",
        // "</script" inside the library would close the element early; "<\/script" means the same to JavaScript.
        PlotlyJsReference.Inline i => "<script>\n" + i.Script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "\n</script>\n",
        PlotlyJsReference.Global => "",
        _ => throw new ArgumentOutOfRangeException(nameof(plotly), plotly, "unknown plotly.js reference"),
    };

    /// <summary>The layout's title text (plotly text), or null.</summary>
    public static string? TitleText(GenericChart chart) =>
        GenericChart.getLayout(chart).TryGetPropertyValue("title") is { } t && t.Value is DynamicObj.DynamicObj o &&
        o.TryGetPropertyValue("text") is { } text ? text.Value as string : null;

    /// <summary>Plain text of a plotly text (tags dropped, entities decoded), for page titles and alt texts.</summary>
    public static string? StripTags(string? plotlyText)
    {
        if (plotlyText is null)
        {
            return null;
        }

        var sb = new StringBuilder(plotlyText.Length);
        var inTag = false;
        foreach (var c in plotlyText)
        {
            if (c == '<') { inTag = true; sb.Append(sb.Length > 0 && sb[^1] != ' ' ? " " : ""); continue; }
            if (c == '>' && inTag) { inTag = false; continue; }
            if (!inTag)
            {
                sb.Append(c);
            }
        }
        return WebUtility.HtmlDecode(sb.ToString()).Trim();
    }
}
