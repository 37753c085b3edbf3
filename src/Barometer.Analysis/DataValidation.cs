using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Datasets;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis;

/// <summary>
/// Every check of a data folder in one call, each file read once: each table against its schema in
/// <c>datapackage.json</c> (types, required cells, allowed values, ranges, keys, foreign keys), then the rules that a
/// schema cannot state (dates inside the period, ids that agree with their row, a coherent colour scale;
/// measurement rows whose fields must agree with each other and derived checks whose operands must exist). The
/// schema's problems and the rules' problems are disjoint: a rule looks only at rows whose cells are sound.
/// </summary>
public static class DataValidation
{
    public static IReadOnlyList<DataError> Validate(string dataDirectory)
    {
        var package = new DataPackageReader(dataDirectory);
        var errors = new List<DataError>(DataPackageValidator.Validate(package));
        if (package.Descriptor is not null)
        {
            errors.AddRange(BarometerDataLoader.ReadWithRules(package).RuleErrors);
            errors.AddRange(DerivedChecks.RuleErrors(package));
        }
        return errors
            .OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)
            .ToArray();
    }
}
