namespace Barometer.Analysis.Datasets;

/// <summary>
/// The notebook formatters of <see cref="PivotTable"/> and <see cref="TableRows"/> (an HTML grid each), found by the
/// name-matched <c>TypeFormatterSourceAttribute</c> convention. Collections of records (<see cref="Measurement"/>,
/// <see cref="DerivedCheckResult"/>) need none: the kernel shows their public properties as columns.
/// </summary>
public sealed class DatasetFormatterSource
{
    public const string HtmlMimeType = "text/html";

    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new DatasetHtmlFormatter<PivotTable>(p => p.ToHtml()),
        new DatasetHtmlFormatter<TableRows>(t => t.ToHtml()),
    ];
}

/// <summary>Writes a <typeparamref name="T"/> as HTML.</summary>
public sealed class DatasetHtmlFormatter<T>(Func<T, string> html)
{
    public string MimeType => DatasetFormatterSource.HtmlMimeType;

    /// <summary>The type this formatter handles.</summary>
    public Type Type => typeof(T);

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not T value) return false;
        writer.Write(html(value));
        return true;
    }
}
