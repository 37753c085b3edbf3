using System.Text.RegularExpressions;
using Barometer.Analysis.Tables;
using YamlDotNet.Core;

namespace Barometer.Analysis.Scenarios;

/// <summary>
/// Reads a what-if scenario from YAML (YamlDotNet's representation model, so every node keeps its position).
/// Checks the file's shape and types: keys, required fields, integers. Whether ids, partners and dates exist in the
/// issue is checked by <see cref="ScenarioEngine"/>, which needs the data. Every problem is collected, each located
/// by file, line and column of the offending node.
/// </summary>
/// <remarks>
/// <code>
/// name: Without the December sanctions      # required
/// issue: 18                                 # required
/// description: optional text
/// changes:                                  # required; applied in order
///   - remove: [18-US-20, 18-EU-10]          # or a single id
///   - rescore: { id: 18-EU-03, score: -1 }  # security events: nationalSecurity and/or regionalTension
///   - add: { partner: EU, date: 2020-12-20, label: Visit, score: 2 }
///   - add: { security: true, date: December, label: Exercise, nationalSecurity: 0, regionalTension: -2 }
///   - thresholds:                           # least severe band first; open bounds omitted
///       - { colour: White, min: 0 }
///       - { colour: Green, min: -6, max: -1 }
///       - { colour: Yellow, max: -7 }
/// </code>
/// </remarks>
public static partial class ScenarioReader
{
    public const string RemoveKey = "remove";
    public const string RescoreKey = "rescore";
    public const string AddKey = "add";
    public const string ThresholdsKey = "thresholds";

    private static readonly string[] TopKeys = ["name", "issue", "description", "changes"];
    private static readonly string[] ChangeKeys = [RemoveKey, RescoreKey, AddKey, ThresholdsKey];
    private static readonly string[] RescoreKeys = ["id", "score", "nationalSecurity", "regionalTension"];
    private static readonly string[] AddKeys = ["partner", "security", "date", "label", "score", "nationalSecurity", "regionalTension"];
    private static readonly string[] BandKeys = ["colour", "min", "max"];

    /// <summary>
    /// Reads <paramref name="path"/>; errors name <paramref name="displayPath"/> (default: the path as given). The file
    /// must be UTF-8 and within <see cref="ScenarioYamlLimits"/>, which keep any file cheap to read.
    /// </summary>
    public static ScenarioReadResult Read(string path, string? displayPath = null)
    {
        var display = displayPath ?? path;
        if (Directory.Exists(path))
        {
            return new ScenarioReadResult(null, [new DataError(display, 1, 1, "this is a folder, not a scenario file")]);
        }

        if (!File.Exists(path) && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))))
        {
            return new ScenarioReadResult(null, [new DataError(display, 1, 1, "file not found")]);
        }

        string? text;
        DataError? error;
        try
        {
            (text, error) = ScenarioYamlLimits.ReadText(path, display);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ScenarioReadResult(null, [new DataError(display, 1, 1, "file not found")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ScenarioReadResult(null, [new DataError(display, 1, 1, $"cannot read the file: {Barometer.IO.FileProblem.DescribeRead(path, e)}")]);
        }
        return error is not null ? new ScenarioReadResult(null, [error]) : Parse(text!, display);
    }

    /// <summary>Reads a scenario from YAML text, within <see cref="ScenarioYamlLimits"/>.</summary>
    public static ScenarioReadResult Parse(string yaml, string displayPath)
    {
        var refused = ScenarioYamlLimits.Check(yaml, displayPath);
        if (refused.Count > 0)
        {
            return new ScenarioReadResult(null, refused);
        }

        var p = new Parser(displayPath, yaml);
        var scenario = p.Run();
        var errors = p.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToArray();
        return new ScenarioReadResult(errors.Length == 0 ? scenario : null, errors, scenario);
    }

    internal static SourcePosition PositionOf(Mark mark) => new((int)mark.Line, (int)mark.Column);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlMessagePrefix();
}
