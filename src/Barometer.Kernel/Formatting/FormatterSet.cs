using System.Collections.Concurrent;
using System.Globalization;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting.Known;

namespace Barometer.Kernel.Formatting;

/// <summary>
/// How values become MIME bundles. An immutable value handed to a session (there is no global formatter
/// registry): explicit <see cref="Formatters"/> first, then the value type's own formatter sources
/// (the <c>TypeFormatterSourceAttribute</c> convention, see <see cref="TypeFormatterSources"/>), then the defaults:
/// <c>text/plain</c> always, <c>text/html</c> tables for collections of objects, dictionaries and single records.
/// </summary>
public sealed class FormatterSet
{
    private readonly ConcurrentDictionary<Type, TypeFormatterSources> _sources = new();

    /// <summary>The defaults with no extra formatters.</summary>
    public static FormatterSet Default { get; } = new();

    /// <summary>Creates a set with the given extra formatters (consulted in order).</summary>
    public FormatterSet(IEnumerable<IValueFormatter>? formatters = null)
    {
        Formatters = formatters?.ToArray() ?? [];
    }

    /// <summary>Extra formatters, consulted before type formatter sources and the defaults.</summary>
    public IReadOnlyList<IValueFormatter> Formatters { get; }

    /// <summary>Items shown for a collection in plain text (default 20).</summary>
    public int MaxItems { get; init; } = 20;

    /// <summary>Rows shown in an HTML table (default 100).</summary>
    public int MaxTableRows { get; init; } = 100;

    /// <summary>Nesting depth of plain-text object rendering (default 3).</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>Whether <c>TypeFormatterSourceAttribute</c> sources are honoured (default true).</summary>
    public bool UseTypeFormatterSources { get; init; } = true;

    /// <summary>Per-session chart state (whether plotly.js was sent, element ids, the session's browser for PNGs).</summary>
    internal SessionChartState Charts { get; private init; } = new();

    /// <summary>
    /// Formatters and preferred MIME types the session's notebook code registered (<c>Formatter.Register</c> of the
    /// .NET Interactive API); each <see cref="ForSession"/> copy starts with an empty one.
    /// </summary>
    internal FormatterRegistry Registrations { get; private init; } = new();

    /// <summary>A copy for one session: the same formatters and limits, its own display state.</summary>
    /// <param name="inlinePlotlyJs">Whether the session's first chart carries plotly.js (null: as the environment says).</param>
    public FormatterSet ForSession(bool? inlinePlotlyJs = null) => new(Formatters)
    {
        MaxItems = MaxItems,
        MaxTableRows = MaxTableRows,
        MaxDepth = MaxDepth,
        UseTypeFormatterSources = UseTypeFormatterSources,
        Charts = new SessionChartState(inlinePlotlyJs),
        Registrations = new FormatterRegistry(),
    };

    /// <summary>A copy with one more formatter (consulted after the existing ones).</summary>
    public FormatterSet Add(IValueFormatter formatter) => new(Formatters.Append(formatter))
    {
        MaxItems = MaxItems,
        MaxTableRows = MaxTableRows,
        MaxDepth = MaxDepth,
        UseTypeFormatterSources = UseTypeFormatterSources,
    };

    /// <summary>Renders a value for every MIME type that applies; <c>text/plain</c> is always present.</summary>
    public MimeBundle Format(object? value)
    {
        var bundle = new MimeBundle();
        var plain = new PlainTextRenderer(MaxItems, MaxDepth);
        switch (value)
        {
            case null:
                bundle[MimeTypes.PlainText] = PlainTextRenderer.NullText;
                return bundle;
            case IMimeBundleSource source:
                // A Jupyter widget: its view (opening its comm) and the text/plain fallback.
                return source.ToMimeBundle();
        }

        // Formatters the notebook registered (Formatter.Register) come first, as in .NET Interactive.
        var registry = Registrations.IsEmpty ? null : Registrations;
        if (registry is not null)
        {
            foreach (var (mime, text) in registry.FormatAll(value))
            {
                bundle[mime] = text;
            }
        }

        if (bundle.Count == 0)
        {
            switch (value)
            {
                case IHtmlMarkup markup:
                    var html = markup.ToHtml();
                    bundle[MimeTypes.Html] = html;
                    bundle[MimeTypes.PlainText] = html;
                    return bundle;
                case TableView table:
                    return RenderTable(table, plain, registry);
            }

            // Well-known types of other libraries, recognised by name so that their assemblies are loaded only when a
            // notebook made such a value: Plotly.NET charts and Microsoft.Data.Analysis data frames.
            if (TryRenderKnown(value, bundle))
            {
                return bundle;
            }
        }

        var sources = UseTypeFormatterSources ? _sources.GetOrAdd(value.GetType(), TypeFormatterSources.Discover) : TypeFormatterSources.None;
        foreach (var formatter in Formatters.Concat(sources.Formatters))
        {
            if (!bundle.ContainsKey(formatter.MimeType) && TryRun(formatter, value, out var text))
            {
                bundle[formatter.MimeType] = text;
            }
        }

        // The defaults enumerate collections and call getters and ToString(): user code that may throw. A value
        // that cannot be rendered must not fail the cell, so the failure is shown instead.
        try
        {
            if (!bundle.ContainsKey(MimeTypes.Html) && new HtmlRenderer(plain, MaxTableRows, registry).TryRender(value, out var table))
            {
                bundle[MimeTypes.Html] = table;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            bundle.Remove(MimeTypes.Html);
        }

        if (!bundle.ContainsKey(MimeTypes.PlainText))
        {
            try
            {
                bundle[MimeTypes.PlainText] = plain.Render(value);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                bundle[MimeTypes.PlainText] = $"({TypeNames.CSharpName(value.GetType())} could not be formatted: {ex.GetType().Name}: {ex.Message})";
            }
        }

        if (sources.Error is not null)
        {
            bundle[MimeTypes.PlainText] += "\n(" + sources.Error + ")";
        }

        if ((registry?.PreferredMimeTypesFor(value.GetType()) ?? sources.PreferredMimeTypes) is { Count: > 0 } preferred)
        {
            foreach (var mime in bundle.Keys.ToList())
            {
                if (mime != MimeTypes.PlainText && !preferred.Contains(mime))
                {
                    bundle.Remove(mime);
                }
            }
        }

        return bundle;
    }

    private bool TryRenderKnown(object value, MimeBundle bundle)
    {
        var type = value.GetType();
        try
        {
            if (PlotlyChartRenderer.Handles(type))
            {
                PlotlyChartRenderer.Render(value, bundle, Charts);
                return true;
            }

            if (DataFrameRenderer.Handles(type))
            {
                DataFrameRenderer.Render(value, bundle, Math.Min(MaxTableRows, 20), TypeNames.CSharpName);
                return true;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A changed library shape must not fail the cell: fall back to the general renderers.
            foreach (var mime in bundle.Keys.ToList())
            {
                bundle.Remove(mime);
            }
        }

        return false;
    }

    private MimeBundle RenderTable(TableView table, PlainTextRenderer plain, FormatterRegistry? registry)
    {
        var bundle = new MimeBundle();
        try
        {
            bundle[MimeTypes.Html] = new HtmlRenderer(plain, MaxTableRows, registry).RenderTable(table.Rows);
            bundle[MimeTypes.PlainText] = plain.Render(table.Rows);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            bundle.Remove(MimeTypes.Html);
            bundle[MimeTypes.PlainText] = $"(the table could not be formatted: {ex.GetType().Name}: {ex.Message})";
        }

        return bundle;
    }

    /// <summary>The <c>text/plain</c> rendering alone.</summary>
    public string ToPlainText(object? value) => Format(value)[MimeTypes.PlainText];

    private static bool TryRun(IValueFormatter formatter, object value, out string text)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            if (formatter.TryFormat(value, writer))
            {
                text = writer.ToString();
                return true;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing formatter must not fail the cell: the next formatter (or the default) is used.
        }

        text = string.Empty;
        return false;
    }
}
