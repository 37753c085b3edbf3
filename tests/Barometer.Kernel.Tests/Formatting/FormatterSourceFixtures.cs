using System.Net;

// A library that ships rich output without referencing any notebook package: it declares its own
// TypeFormatterSourceAttribute (matched by name, in any namespace), as .NET Interactive's convention allows.
#pragma warning disable CA1822 // The kernel's formatter convention finds these members by reflection as instance members (CreateTypeFormatters, MimeType, Format).

namespace SomeChartLibrary.Formatting
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
    {
        public Type FormatterSourceType { get; } = formatterSourceType;

        public string[]? PreferredMimeTypes { get; set; }
    }
}

namespace SomeChartLibrary
{
    using SomeChartLibrary.Formatting;

    [TypeFormatterSource(typeof(ChartFormatterSource))]
    public class Chart(string title)
    {
        public string Title { get; } = title;
    }

    /// <summary>Gets its formatter from the base class's attribute.</summary>
    public sealed class BarChart(string title) : Chart(title)
    {
        public int Bars { get; init; }
    }

    [TypeFormatterSource(typeof(ChartFormatterSource), PreferredMimeTypes = ["text/plain"])]
    public sealed record PlainOnlyChart(string Title, int Points);

    [TypeFormatterSource(typeof(BrokenFormatterSource))]
    public sealed record BrokenChart(string Title);

    internal sealed class ChartFormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters()
        {
            yield return new SvgFormatter();
            yield return new HtmlFormatter();
        }
    }

    internal sealed class SvgFormatter
    {
        public string MimeType => "image/svg+xml";

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not Chart chart)
            {
                return false;
            }

            writer.Write($"<svg><title>{WebUtility.HtmlEncode(chart.Title)}</title></svg>");
            return true;
        }
    }

    internal sealed class HtmlFormatter
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            var title = instance switch
            {
                Chart c => c.Title,
                PlainOnlyChart p => p.Title,
                _ => null,
            };
            if (title is null)
            {
                return false;
            }

            writer.Write($"<figure>{WebUtility.HtmlEncode(title)}</figure>");
            return true;
        }
    }

    internal sealed class BrokenFormatterSource
    {
        public BrokenFormatterSource() => throw new InvalidOperationException("no formatters today");

        public IEnumerable<object> CreateTypeFormatters() => [];
    }
}
