using System.Text.Json;
using Barometer.Analysis;

namespace Barometer.Cli.Rendering;

/// <summary>The JSON document of <c>barometer reproduce --format json</c>: a contract for scripts.</summary>
internal static class ReproductionJson
{
    public static string Render(IssueReproduction r)
    {
        var indices = r.Indices;
        var document = new
        {
            issue = indices.Issue.Number,
            series = indices.Issue.Series,
            title = indices.Issue.Title,
            period = new { start = indices.Issue.Period.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), end = indices.Issue.Period.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            relationships = indices.Relationships.Select(x => new
            {
                partner = PartnerJson(x.Partner),
                index = x.Index,
                positive = x.Positive,
                negative = x.Negative,
                events = x.Events,
            }),
            security = new
            {
                nationalSecurity = indices.Security.NationalSecurity,
                regionalTension = indices.Security.RegionalTension,
                colour = indices.Security.Colour.Colour,
                events = indices.Security.Events,
            },
            reconciliation = r.Reconciliation.Select(x => new
            {
                measure = x.Measure,
                partner = x.Partner is null ? null : PartnerJson(x.Partner),
                published = Value(x.Published),
                computed = Value(x.Computed),
                difference = x.Difference,
                status = x.Status.ToString().ToLowerInvariant(),
                source = x.Source,
            }),
            textReconciliation = TextReconciliationText.Json(r),
        };
        return JsonSerializer.Serialize(document, CliJson.Options);
    }

    /// <summary>A partner as every command's JSON writes it: <c>{ "code": "RU", "name": "Russia" }</c>.</summary>
    private static object PartnerJson(Barometer.Analysis.Model.Partner p) => new { code = p.Code, name = p.Name };

    /// <summary>Numbers stay numbers in JSON; colours stay strings.</summary>
    private static object Value(string text) => int.TryParse(text, out var n) ? n : text;
}
