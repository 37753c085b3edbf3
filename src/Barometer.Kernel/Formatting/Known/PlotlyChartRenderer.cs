using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Formatting.Known;

/// <summary>
/// Shows a Plotly.NET chart (<c>Plotly.NET.GenericChart</c>) without referencing Plotly.NET: the type is recognised by
/// name and its JSON and bundled plotly.js are reached by reflection, so neither Plotly.NET nor FSharp.Core is loaded
/// unless a notebook itself made a chart. Writes <c>application/vnd.plotly.v1+json</c>, <c>text/html</c> that works
/// offline (the first chart of a session carries plotly.js inline, the later ones use it), and <c>image/png</c> when a
/// Chromium is available.
/// </summary>
internal static class PlotlyChartRenderer
{
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";
    public const string PngMimeType = "image/png";
    private const string GenericChartTypeName = "Plotly.NET.GenericChart";

    private static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>True when <paramref name="type"/> is (or derives from) Plotly.NET's GenericChart.</summary>
    public static bool Handles(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.FullName == GenericChartTypeName) return true;
        return false;
    }

    /// <summary>Adds the chart's representations to <paramref name="bundle"/>.</summary>
    public static void Render(object chart, MimeBundle bundle, SessionChartState state)
    {
        var assembly = GenericChartType(chart.GetType()).Assembly;
        var figure = JsonNode.Parse(Invoke(assembly, "toJson", chart))!.AsObject();
        if (figure["config"] is JsonObject { Count: 0 }) figure.Remove("config");
        var json = figure.ToJsonString(ScriptSafe);
        bundle[PlotlyMimeType] = json;
        var (script, version) = BundledPlotlyJs(assembly);
        var (width, height) = Size(figure);
        var png = ChromiumScreenshot.Render(json, script, width, height) is { } bytes ? Convert.ToBase64String(bytes) : null;
        bundle[MimeTypes.Html] = Html(json, figure, script is not null && state.TakeFirst() ? script : null, version, png);
        if (png is not null) bundle[PngMimeType] = png;
        bundle[MimeTypes.PlainText] = PlainText(figure);
    }

    private static Type GenericChartType(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.FullName == GenericChartTypeName) return t;
        throw new ArgumentException($"{type} is not a Plotly.NET chart");
    }

    private static string Invoke(Assembly assembly, string function, object chart)
    {
        var chartType = GenericChartType(chart.GetType());
        var method = assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Plotly.NET" && (t.Name == "GenericChart" || t.Name == "GenericChartModule"))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .FirstOrDefault(m => m.Name == function && m.GetParameters() is [var p] && p.ParameterType.IsAssignableFrom(chartType))
            ?? throw new MissingMethodException("Plotly.NET.GenericChart", function);
        return (string)method.Invoke(null, [chart])!;
    }

    /// <summary>The plotly.js Plotly.NET embeds (the version its JSON targets), or null.</summary>
    private static (string? Script, string? Version) BundledPlotlyJs(Assembly assembly)
    {
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        if (name is null) return (null, null);
        return ScriptCache.GetOrAdd(name, _ =>
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return (reader.ReadToEnd(), name["Plotly.NET.plotly-".Length..^".min.js".Length]);
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string?, string?)> ScriptCache = new();

    private static (int Width, int Height) Size(JsonObject figure)
    {
        static int? Int(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : null;
        var layout = figure["layout"];
        var config = figure["config"]?["toImageButtonOptions"];
        return (Int(layout?["width"]) ?? Int(config?["width"]) ?? 960, Int(layout?["height"]) ?? Int(config?["height"]) ?? 540);
    }

    /// <summary>
    /// A div the script draws the chart into. With a PNG, the div first holds the static image, so a page that runs no
    /// script (GitHub, a mail client) still shows the chart; the script replaces it with the interactive one.
    /// </summary>
    private static string Html(string json, JsonObject figure, string? inlineScript, string? version, string? pngBase64)
    {
        var id = "plotly-chart-" + Guid.NewGuid().ToString("N")[..12];
        var (_, height) = Size(figure);
        var sb = new StringBuilder();
        if (inlineScript is not null)
        {
            // A script element cannot contain "</script": plotly.min.js has none, but escape it to be sure.
            // Run as a plain script even where a module loader is present (RequireJS in classic Jupyter would
            // otherwise capture the UMD bundle and leave no global Plotly).
            sb.Append("<script>if (typeof Plotly === \"undefined\") { (function (define, module, exports) {\n")
              .Append(inlineScript.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
              .Append("\n}).call(window); }</script>\n");
        }
        sb.Append("<div id=\"").Append(id).Append("\" style=\"width:100%;min-height:").Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\">");
        if (pngBase64 is not null)
            sb.Append("<img alt=\"").Append(WebUtility.HtmlEncode(StripTags(figure["layout"]?["title"]?["text"]?.GetValue<string>() ?? "chart")))
              .Append("\" style=\"max-width:100%\" src=\"data:image/png;base64,").Append(pngBase64).Append("\">");
        sb.Append("</div>\n")
          .Append("<script>(function () {\n  var figure = ").Append(json).Append(";\n")
          .Append("  var element = document.getElementById(\"").Append(id).Append("\");\n")
          .Append("  if (typeof Plotly === \"undefined\") { if (!element.querySelector(\"img\")) element.textContent = \"plotly.js ")
          .Append(WebUtility.HtmlEncode(version ?? "")).Append(" is not loaded in this page: run the notebook's first chart cell again.\"; return; }\n")
          .Append("  element.textContent = \"\";\n")
          .Append("  element.style.height = \"").Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\";\n")
          .Append("  Plotly.newPlot(element, figure.data, figure.layout, figure.config || {responsive: true});\n")
          .Append("})();</script>\n");
        return sb.ToString();
    }

    private static string PlainText(JsonObject figure)
    {
        var title = figure["layout"]?["title"]?["text"]?.GetValue<string>();
        var traces = figure["data"] is JsonArray data
            ? string.Join(", ", data.Select(t => t?["name"] is { } n ? $"{t["type"]} '{n}'" : (string?)t?["type"] ?? "trace"))
            : "";
        return $"Plotly chart{(title is null ? "" : $" \"{StripTags(title)}\"")} ({traces})";
    }

    private static string StripTags(string text)
    {
        var sb = new StringBuilder();
        var inTag = false;
        foreach (var c in text)
        {
            if (c == '<') { inTag = true; sb.Append(' '); continue; }
            if (c == '>') { inTag = false; continue; }
            if (!inTag) sb.Append(c);
        }
        return WebUtility.HtmlDecode(string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }
}

/// <summary>Whether a session has already sent plotly.js to its front end (the first chart's HTML carries it).</summary>
public sealed class SessionChartState
{
    private int _sent;

    /// <summary>True the first time only.</summary>
    public bool TakeFirst() => Interlocked.Exchange(ref _sent, 1) == 0;
}
