using Barometer.Analysis.Charts;
using Barometer.Analysis.Loading;

namespace Barometer.Analysis.Figures;

/// <summary>
/// The figures of an issue, each a pure function of the computed results (and, across issues, of the published
/// values): the report's five charts and its Appendix 3 table, plus the cumulative scores the report does not draw.
/// </summary>
public static class IssueFigures
{
    /// <summary>Stable names: the stems of the exported files and of the golden files.</summary>
    public static class Names
    {
        public const string RelationsIndices = "relations-indices";
        public const string Security = "security-indices";
        public const string ForeignPolicyDynamics = "foreign-policy-dynamics";
        public const string NationalSecurityDynamics = "national-security-dynamics";
        public const string RegionalTensionDynamics = "regional-tension-dynamics";
        public const string ColourScale = "colour-scale";
        public const string CumulativeScores = "cumulative-scores";

        public static readonly IReadOnlyList<string> All =
        [
            RelationsIndices, Security, ForeignPolicyDynamics, NationalSecurityDynamics, RegionalTensionDynamics,
            ColourScale, CumulativeScores,
        ];
    }

    /// <summary>The title of an issue's gallery page: <c>Minsk Barometer No 18 (November–December 2020): figures</c>.</summary>
    public static string GalleryTitle(Model.Issue issue) => $"{issue.Title}: figures";

    /// <summary>Every figure of <paramref name="reproduction"/>'s issue, in the report's order, the extra figure last.</summary>
    public static IReadOnlyList<NamedFigure> All(IssueReproduction reproduction, BarometerDataset dataset)
    {
        var timeline = IssueTimeline.Build(reproduction, dataset);
        return
        [
            RelationsFigure.Build(reproduction),
            SecurityFigure.Build(reproduction, dataset.ColourScale),
            DynamicsFigures.ForeignPolicy(timeline),
            DynamicsFigures.NationalSecurity(timeline),
            DynamicsFigures.RegionalTension(timeline, dataset.ColourScale),
            ColourScaleFigure.Build(dataset.ColourScale, reproduction.Indices),
            CumulativeScoreFigure.Build(reproduction.Catalogue),
        ];
    }
}
