using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis;

/// <summary>
/// Every check of a data folder in one call: each table against its schema in <c>datapackage.json</c> (types,
/// required cells, allowed values, keys, foreign keys), then the Barometer's rules that a schema cannot state
/// (dates inside the period, ids that agree with their row, a coherent colour scale; measurement rows
/// whose fields must agree with each other and derived checks whose operands must exist). A cell reported by
/// both is reported once.
/// </summary>
public static class DataValidation
{
    public static IReadOnlyList<DataError> Validate(string dataDirectory)
    {
        var errors = new List<DataError>(DataPackageValidator.Validate(dataDirectory));
        var located = errors.Select(e => (e.File, e.Line, e.Column)).ToHashSet();
        var ruleErrors = BarometerDataLoader.TryLoad(dataDirectory).Errors
            .Concat(Datasets.DerivedChecks.TryRun(dataDirectory).Errors);
        errors.AddRange(ruleErrors.Where(e => located.Add((e.File.Replace('\\', '/'), e.Line, e.Column))));
        return errors
            .OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)
            .ToArray();
    }
}
