using System.Collections;
using System.Reflection;
using Barometer.Analysis.Charts;

namespace Barometer.Analysis.Tests.Charts;

/// <summary>Exercises the formatter convention the way .NET Interactive's Formatter does: by names and reflection only.</summary>
public class DisplayTests
{
    private static readonly NamedFigure Sample = new("sample", "t", "d",
        PlotlyProperties.Chart([PlotlyProperties.Trace("bar", ("x", new[] { "<a>" }), ("y", new[] { 1 }))], PlotlyProperties.Layout()),
        new FigureTable(["x"], [["<a>"]]));

    private static object[] ConventionFormatters(Type type, out string[]? preferred)
    {
        var attribute = type.GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        preferred = attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute) as string[];
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = (IEnumerable)source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
        return formatters.Cast<object>().ToArray();
    }

    private static string Format(object formatter, object value)
    {
        var writer = new StringWriter();
        var format = formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!;
        Assert.True((bool)format.Invoke(formatter, [value, writer])!);
        return writer.ToString();
    }

    [Fact]
    public void A_named_figure_carries_a_name_matched_formatter_source_with_html_and_plotly_json()
    {
        var formatters = ConventionFormatters(typeof(NamedFigure), out var preferred);
        var byMime = formatters.ToDictionary(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!);
        // html first (what VS Code shows), plotly JSON as well (for Jupyter front ends with a Plotly renderer)
        Assert.Equal(["text/html", Barometer.Analysis.Charts.FigureFormatterSource.PlotlyMimeType], preferred ?? []);
        Assert.Contains("<div id=\"barometer-figure-", Format(byMime["text/html"], Sample));
        Assert.Equal(FigureJson.Of(Sample.Chart, indented: false), Format(byMime[Barometer.Analysis.Charts.FigureFormatterSource.PlotlyMimeType], Sample));
    }

    [Fact]
    public void The_attribute_matches_the_shape_dotnet_interactive_reads()
    {
        var attribute = typeof(NamedFigure).GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute").GetType();
        Assert.NotNull(attribute.GetConstructor([typeof(Type)]));
        Assert.Equal(typeof(Type), attribute.GetProperty("FormatterSourceType")!.PropertyType);
        Assert.Equal(typeof(string[]), attribute.GetProperty("PreferredMimeTypes", BindingFlags.Public | BindingFlags.Instance)!.PropertyType);
    }

    [Fact]
    public void A_formatter_declines_other_objects()
    {
        var formatter = ConventionFormatters(typeof(NamedFigure), out _).First();
        var format = formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!;
        Assert.False((bool)format.Invoke(formatter, ["not a figure", new StringWriter()])!);
    }
}
