using Barometer.Analysis.Charts.Display;

namespace Barometer.Analysis.Datasets;

/// <summary>
/// The notebook formatters of <see cref="PivotTable"/> and <see cref="TableRows"/> (an HTML grid each), found by the
/// name-matched <c>TypeFormatterSourceAttribute</c> convention. Collections of records (<see cref="Measurement"/>,
/// <see cref="DerivedCheckResult"/>) need none: the kernel shows their public properties as columns.
/// </summary>
public sealed class DatasetFormatterSource
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The kernel's convention finds CreateTypeFormatters() by reflection as an instance method of a new instance.")]
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TypeFormatter<PivotTable>(MimeTypes.Html, p => p.ToHtml()),
        new TypeFormatter<TableRows>(MimeTypes.Html, t => t.ToHtml()),
    ];
}
