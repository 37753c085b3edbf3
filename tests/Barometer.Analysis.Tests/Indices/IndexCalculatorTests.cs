using Barometer.Analysis.Indices;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Indices;

public class IndexCalculatorTests
{
    private static readonly Issue TestIssue = new(Series.MinskBarometer, 99,
        new Period(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28)), "Test issue", "test");
    private static readonly Partner A = new("AA", "Alpha", "Relationship with Alpha");
    private static readonly Partner B = new("BB", "Beta", "Relationship with Beta");
    private static readonly EventDate Day = new("1 January", new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 1));

    private static RelationshipEvent Event(Partner p, int n, int score) => new($"99-{p.Code}-{n:00}", 99, p.Code, Day, "e", score, "test");
    private static SecurityEvent Security(int n, int national, int regional) => new($"99-SEC-{n:00}", 99, Day, "s", national, regional, "test");

    [Fact]
    public void Index_is_the_sum_positive_and_negative_points_its_parts()
    {
        var catalogue = new IssueCatalogue(TestIssue, [A, B],
            [Event(A, 1, 2), Event(A, 2, -3), Event(A, 3, 1), Event(A, 4, 0)],
            [Security(1, 1, -2), Security(2, -1, -5)]);
        var result = IndexCalculator.Compute(catalogue, RepoData.Dataset.ColourScale);

        var a = result.For("AA");
        Assert.Equal((0, 3, -3, 4), (a.Index, a.Positive, a.Negative, a.Events));
        var b = result.For("BB");
        Assert.Equal((0, 0, 0, 0), (b.Index, b.Positive, b.Negative, b.Events)); // a partner without events scores zero
        Assert.Equal((0, -7, "Yellow", 2), (result.Security.NationalSecurity, result.Security.RegionalTension, result.Security.Colour.Colour, result.Security.Events));
    }

    [Fact]
    public void Points_that_leave_the_integer_range_are_an_error_not_a_wrapped_sum()
    {
        var relationship = new IssueCatalogue(TestIssue, [A], [Event(A, 1, int.MaxValue), Event(A, 2, 1)], []);
        Assert.Throws<ScoreOverflowException>(() => IndexCalculator.Compute(relationship, RepoData.Dataset.ColourScale));
        var index = new IssueCatalogue(TestIssue, [A], [Event(A, 1, int.MinValue), Event(A, 2, -1)], []);
        Assert.Throws<ScoreOverflowException>(() => IndexCalculator.Compute(index, RepoData.Dataset.ColourScale));
        var security = new IssueCatalogue(TestIssue, [A], [], [Security(1, int.MaxValue, 0), Security(2, 1, 0)]);
        Assert.Throws<ScoreOverflowException>(() => IndexCalculator.Compute(security, RepoData.Dataset.ColourScale));
    }

    [Fact]
    public void The_sensitivity_analysis_applies_the_same_rule()
    {
        var catalogue = new IssueCatalogue(TestIssue, [A], [Event(A, 1, int.MaxValue), Event(A, 2, 1)], []);
        Assert.Throws<ScoreOverflowException>(() => Barometer.Analysis.Sensitivity.SensitivityModel.Create(catalogue, RepoData.Dataset.ColourScale));
    }

    [Fact]
    public void Issue_18_adds_up_to_what_its_catalogues_hold()
    {
        var result = IndexCalculator.Compute(RepoData.Dataset.Catalogue(18), RepoData.Dataset.ColourScale);
        var actual = result.Relationships.ToDictionary(r => r.Partner.Name, r => (r.Index, r.Positive, r.Negative, r.Events));
        Assert.Equal((14, 17, -3, 18), actual["Russia"]);
        Assert.Equal((-14, 5, -19, 13), actual["EU"]);
        Assert.Equal((15, 15, 0, 15), actual["China"]);
        Assert.Equal((-16, 6, -22, 25), actual["US"]);
        Assert.Equal((-4, 27, -31, 50), actual["Ukraine"]);
        Assert.Equal((0, -8, "Yellow", 16), (result.Security.NationalSecurity, result.Security.RegionalTension, result.Security.Colour.Colour, result.Security.Events));
    }
}
