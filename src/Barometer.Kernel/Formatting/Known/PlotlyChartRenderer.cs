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
/// unless a notebook itself made a chart. Writes <c>application/vnd.plotly.v1+json</c> (the figure, once),
/// <c>text/html</c> that draws the figure from that JSON (<see cref="PlotlyChartHtml"/>) and, later, <c>image/png</c>
/// from the session's browser (<see cref="ChartImages"/>).
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
        {
            if (t.FullName == GenericChartTypeName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Figure JSON above this many characters gets a warning in the output (the notebook stores it once).</summary>
    public const int LargeFigureCharacters = 1_000_000;

    /// <summary>
    /// Adds the chart's representations to <paramref name="bundle"/> at once (plotly JSON, HTML, text) and, unless images
    /// are off, sets <see cref="MimeBundle.Completion"/>: the same bundle with its <c>image/png</c>, or with the reason
    /// there is none, rendered by the session's browser off the cell's critical path.
    /// </summary>
    public static void Render(object chart, MimeBundle bundle, SessionChartState state)
    {
        var assembly = GenericChartType(chart.GetType()).Assembly;
        var figure = JsonNode.Parse(Invoke(assembly, "toJson", chart))!.AsObject();
        if (figure["config"] is JsonObject { Count: 0 })
        {
            figure.Remove("config");
        }

        var json = figure.ToJsonString(ScriptSafe);
        var (width, height) = Size(figure);
        var warning = json.Length > LargeFigureCharacters
            ? $"This chart's figure is {json.Length / 1_000_000.0:0.0} million characters of JSON; the notebook stores it once. Consider fewer points (aggregate, or sample)."
            : null;
        bundle[PlotlyMimeType] = json;
        bundle[MimeTypes.Html] = PlotlyChartHtml.Of(state.ElementId(json), figure, state.TakeFirst() ? BundledPlotlyJs(assembly).Script : null,
            BundledPlotlyJs(assembly).Version, height, warning);
        var text = PlainText(figure) + (warning is null ? "" : "\n" + warning);
        bundle[MimeTypes.PlainText] = text;
        if (!ChartImages.Enabled)
        {
            bundle[MimeTypes.PlainText] = text + $"\n(no image: {ChartImages.SwitchVariable}=0)";
            return;
        }

        var interactive = new MimeBundle(bundle);
        bundle.Completion = WithImageAsync(interactive, text, state.Images.RenderAsync(json, () => BundledPlotlyJs(assembly).Script, width, height));
    }

    private static async Task<MimeBundle> WithImageAsync(MimeBundle interactive, string text, Task<ChartImage> rendering)
    {
        var image = await rendering.ConfigureAwait(false);
        var complete = new MimeBundle(interactive);
        if (image.Png is { } png)
        {
            complete[PngMimeType] = Convert.ToBase64String(png);
        }
        else
        {
            complete[MimeTypes.PlainText] = text + $"\n(no image: {image.Reason})";
        }

        return complete;
    }

    private static Type GenericChartType(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.FullName == GenericChartTypeName)
            {
                return t;
            }
        }

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
        if (name is null)
        {
            return (null, null);
        }

        return ScriptCache.GetOrAdd(name, _ =>
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return (reader.ReadToEnd(), name["Plotly.NET.plotly-".Length..^".min.js".Length]);
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string?, string?)> ScriptCache = new();

    /// <summary>The file name of Plotly.NET's assembly, as a session's references name it.</summary>
    public const string AssemblyFileName = "Plotly.NET.dll";

    /// <summary>
    /// The plotly.js embedded in the Plotly.NET assembly at <paramref name="path"/>, read from the file's metadata
    /// without loading the assembly (the browser can start before any cell touched Plotly.NET), or null (no such
    /// resource: a reference assembly, or an unreadable file). Shares the cache of <see cref="BundledPlotlyJs"/>.
    /// </summary>
    public static string? BundledPlotlyJs(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                var name = metadata.GetString(resource.Name);
                if (!resource.Implementation.IsNil || !name.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) || !name.EndsWith(".min.js", StringComparison.Ordinal)
                    || pe.PEHeaders.CorHeader is not { ResourcesDirectory.RelativeVirtualAddress: > 0 } header)
                {
                    continue;
                }

                var start = header.ResourcesDirectory.RelativeVirtualAddress + (int)resource.Offset;
                return ScriptCache.GetOrAdd(name, _ =>
                {
                    var reader = pe.GetSectionData(start).GetReader();
                    var bytes = reader.ReadBytes(reader.ReadInt32());
                    using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
                    return (text.ReadToEnd(), name["Plotly.NET.plotly-".Length..^".min.js".Length]);
                }).Item1;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            // not readable as an assembly: no early browser, the first chart starts it
        }

        return null;
    }

    private static (int Width, int Height) Size(JsonObject figure)
    {
        static int? Int(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : null;
        var layout = figure["layout"];
        var config = figure["config"]?["toImageButtonOptions"];
        return (Int(layout?["width"]) ?? Int(config?["width"]) ?? 960, Int(layout?["height"]) ?? Int(config?["height"]) ?? 540);
    }

    private static string PlainText(JsonObject figure)
    {
        var title = figure["layout"]?["title"]?["text"]?.GetValue<string>();
        var traces = figure["data"] is JsonArray data
            ? string.Join(", ", data.Select(t => t?["name"] is { } n ? $"{t["type"]} '{n}'" : (string?)t?["type"] ?? "trace"))
            : "";
        return $"Plotly chart{(title is null ? "" : $" \"{StripTags(title)}\"")} ({traces})";
    }

    internal static string StripTags(string text)
    {
        var sb = new StringBuilder();
        var inTag = false;
        foreach (var c in text)
        {
            if (c == '<') { inTag = true; sb.Append(' '); continue; }
            if (c == '>') { inTag = false; continue; }
            if (!inTag)
            {
                sb.Append(c);
            }
        }
        return WebUtility.HtmlDecode(string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }
}
