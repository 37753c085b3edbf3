using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Formatting.Known;

/// <summary>
/// The <c>text/html</c> of a chart: a div and a script that draws the figure with the page's plotly.js. The figure is
/// not repeated in the HTML: the script reads it from the output's own <c>application/vnd.plotly.v1+json</c>, which the
/// classic Notebook keeps in its output model (VS Code and JupyterLab with its plotly renderer draw that JSON
/// themselves). plotly.js comes from the page: a live session's first chart carries it inline (once per session);
/// otherwise the script says what is missing. The element id is derived from the figure
/// (<see cref="SessionChartState.ElementId"/>), so a re-run writes the same HTML.
/// </summary>
internal static class PlotlyChartHtml
{
    public static string Of(string id, JsonObject figure, string? inlineScript, string? version, int height, string? warning)
    {
        var idJson = System.Text.Json.JsonSerializer.Serialize(id);
        var sb = new StringBuilder();
        if (inlineScript is not null)
        {
            // A script element cannot contain "</script": plotly.min.js has none, but escape it to be sure. Run as a
            // plain script even where a module loader is present (RequireJS in classic Jupyter would otherwise capture
            // the UMD bundle and leave no global Plotly).
            sb.Append("<script>if (typeof Plotly === \"undefined\") { (function (define, module, exports) {\n")
              .Append(inlineScript.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
              .Append("\n}).call(window); }</script>\n");
        }

        if (warning is not null)
        {
            sb.Append("<p style=\"color:#8a5a00\">").Append(WebUtility.HtmlEncode(warning)).Append("</p>\n");
        }

        var title = WebUtility.HtmlEncode(PlotlyChartRenderer.StripTags(figure["layout"]?["title"]?["text"]?.GetValue<string>() ?? "chart"));
        sb.Append("<div id=\"").Append(id).Append("\" style=\"width:100%;height:").Append(height.ToString(CultureInfo.InvariantCulture))
          .Append("px\" title=\"").Append(title).Append("\"></div>\n")
          .Append("<script>(function () {\n")
          .Append("  var id = ").Append(idJson).Append(";\n")
          .Append("  // This output's figure: the application/vnd.plotly.v1+json of the same output, from the classic Notebook's model.\n")
          .Append("  function figure() {\n")
          .Append("    var element = document.getElementById(id), notebook = window.Jupyter && window.Jupyter.notebook;\n")
          .Append("    var cell = element && element.closest ? element.closest(\".cell\") : null;\n")
          .Append("    if (!cell || !notebook) return null;\n")
          .Append("    var cells = notebook.get_cells();\n")
          .Append("    for (var i = 0; i < cells.length; i++) {\n")
          .Append("      if (!cells[i].element || cells[i].element[0] !== cell || !cells[i].output_area) continue;\n")
          .Append("      var outputs = cells[i].output_area.outputs || [];\n")
          .Append("      for (var k = 0; k < outputs.length; k++) {\n")
          .Append("        var data = outputs[k].data || {}, html = data[\"text/html\"];\n")
          .Append("        if (Array.isArray(html)) html = html.join(\"\");\n")
          .Append("        if (typeof html === \"string\" && html.indexOf(id) >= 0 && data[\"application/vnd.plotly.v1+json\"]) {\n")
          .Append("          var f = data[\"application/vnd.plotly.v1+json\"];\n")
          .Append("          return typeof f === \"string\" ? JSON.parse(f) : f;\n")
          .Append("        }\n      }\n    }\n    return null;\n  }\n")
          .Append("  function draw(attempt) {\n")
          .Append("    var element = document.getElementById(id);\n")
          .Append("    if (!element) return;\n")
          .Append("    var f = figure();\n")
          .Append("    // The output model is filled in just after the output is drawn: look again shortly.\n")
          .Append("    if (!f && attempt < 40) { setTimeout(function () { draw(attempt + 1); }, 50); return; }\n")
          .Append("    if (!f) { element.style.height = \"auto\"; element.textContent = \"Interactive chart: this page does not give the chart's data (application/vnd.plotly.v1+json) to its HTML; the cell's PNG shows it, and VS Code, JupyterLab and the classic Notebook draw it.\"; return; }\n")
          .Append("    if (typeof Plotly === \"undefined\") { element.style.height = \"auto\"; element.textContent = \"plotly.js ")
          .Append(WebUtility.HtmlEncode(version ?? "")).Append(" is not loaded in this page: run the notebook's first chart cell again.\"; return; }\n")
          .Append("    Plotly.newPlot(element, f.data, f.layout, f.config || {responsive: true});\n")
          .Append("  }\n")
          .Append("  draw(0);\n")
          .Append("})();</script>\n");
        return sb.ToString();
    }
}
