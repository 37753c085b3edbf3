namespace Barometer.Analysis.Model;

/// <summary>
/// A relationship the Barometer scores (Russia, EU, China, US, Ukraine in issue 18). Partners are
/// data (<c>data/barometer/partners.csv</c>), not an enum, so a later issue may add one.
/// </summary>
/// <param name="Code">Short code used in event ids and data files, e.g. <c>RU</c>.</param>
/// <param name="Name">Display name used in outputs, e.g. <c>Russia</c>.</param>
/// <param name="CatalogueHeading">The heading of this partner's catalogue in the report.</param>
public sealed record Partner(string Code, string Name, string CatalogueHeading);
