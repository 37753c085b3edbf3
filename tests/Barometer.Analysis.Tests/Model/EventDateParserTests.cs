using Barometer.Analysis.Model;

namespace Barometer.Analysis.Tests.Model;

public class EventDateParserTests
{
    private static readonly Period NovDec2020 = new(new DateOnly(2020, 11, 1), new DateOnly(2020, 12, 31));
    private static readonly Period DecJan = new(new DateOnly(2020, 12, 1), new DateOnly(2021, 1, 31));

    [Theory]
    [InlineData("1 November", "2020-11-01", "2020-11-01")]
    [InlineData("31 December", "2020-12-31", "2020-12-31")]
    [InlineData("1-18 December", "2020-12-01", "2020-12-18")]
    [InlineData("1–18 December", "2020-12-01", "2020-12-18")]
    [InlineData("November", "2020-11-01", "2020-11-30")]
    [InlineData("November-December", "2020-11-01", "2020-12-31")]
    [InlineData("Early December", "2020-12-01", "2020-12-10")]
    [InlineData("Mid-December", "2020-12-11", "2020-12-20")]
    [InlineData("late November", "2020-11-21", "2020-11-30")]
    [InlineData("2020-12-20", "2020-12-20", "2020-12-20")]
    public void Parses_the_catalogue_forms(string text, string start, string end)
    {
        var date = EventDateParser.TryParse(text, NovDec2020, out var error);
        Assert.Null(error);
        Assert.NotNull(date);
        Assert.Equal(DateOnly.Parse(start), date.Start);
        Assert.Equal(DateOnly.Parse(end), date.End);
        Assert.Equal(text, date.Text);
    }

    [Fact]
    public void Year_comes_from_a_period_that_spans_two_years()
    {
        Assert.Equal(new DateOnly(2021, 1, 5), EventDateParser.TryParse("5 January", DecJan, out _)!.Start);
        Assert.Equal(new DateOnly(2020, 12, 5), EventDateParser.TryParse("5 December", DecJan, out _)!.Start);
    }

    [Theory]
    [InlineData("5 March", "outside")]
    [InlineData("31 November", "not a valid day")]
    [InlineData("18-1 December", "not a valid day")]
    [InlineData("Decembre", "not a month")]
    [InlineData("sometime", "not a month")]
    [InlineData("December-November", "backwards")]
    public void Rejects_with_a_reason(string text, string reason)
    {
        Assert.Null(EventDateParser.TryParse(text, NovDec2020, out var error));
        Assert.Contains(reason, error);
    }
}
