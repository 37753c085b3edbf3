using Barometer.Analysis.Tables;

namespace Barometer.Analysis.DataPackage;

/// <summary>
/// Validates every table of a data folder against <c>datapackage.json</c>: each resource's CSV against its Table
/// Schema, foreign keys between resources, and that every CSV in the folder is described (a new table is validated
/// by adding it to the descriptor, not by writing code).
/// </summary>
internal static class DataPackageValidator
{
    /// <summary>Every schema problem of the package in <paramref name="dataDirectory"/>.</summary>
    public static IReadOnlyList<DataError> Validate(string dataDirectory) => Validate(new DataPackageReader(dataDirectory));

    /// <summary>Every schema problem of <paramref name="package"/> (its tables are read once and kept for later use).</summary>
    public static IReadOnlyList<DataError> Validate(DataPackageReader package)
    {
        if (package.Descriptor is not { } descriptor)
        {
            return package.DescriptorErrors;
        }

        var errors = new List<DataError>(package.ErrorsOf(descriptor.Resources));
        var described = descriptor.Resources.Select(r => Path.GetFullPath(Path.Combine(package.DataDirectory, r.Path))).ToHashSet();
        // A folder that cannot be listed is skipped here: the tables described in it are reported as unreadable above.
        var search = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var csv in Directory.EnumerateFiles(package.DataDirectory, "*.csv", search).Order(StringComparer.Ordinal))
        {
            if (!described.Contains(Path.GetFullPath(csv)))
            {
                errors.Add(new DataError(package.Display(csv), 1, 1, "this table is not described in datapackage.json"));
            }
        }

        return errors;
    }
}
