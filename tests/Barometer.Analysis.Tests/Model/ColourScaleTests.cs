using Barometer.Analysis.Model;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Model;

public class ColourScaleTests
{
    private static ColourScale Published => RepoData.Dataset.ColourScale;

    [Theory]
    [InlineData(5, "White")]
    [InlineData(0, "White")]
    [InlineData(-2, "Green")]
    [InlineData(-6, "Green")]
    [InlineData(-7, "Yellow")]
    [InlineData(-8, "Yellow")]
    [InlineData(-12, "Yellow")]
    [InlineData(-13, "Orange")]
    [InlineData(-17, "Orange")]
    [InlineData(-18, "Red")]
    [InlineData(-40, "Red")]
    public void Published_bounds_classify_as_printed(int value, string colour) =>
        Assert.Equal(colour, Published.Classify(value).Colour);

    [Fact]
    public void Minus_one_falls_in_the_published_gap_and_takes_the_less_severe_band()
    {
        // "higher than -1" (White) and "from -2" (Green) leave -1 unassigned; the documented rule gives White.
        Assert.DoesNotContain(Published.Bands, b => b.Contains(-1));
        Assert.Equal("White", Published.Classify(-1).Colour);
    }

    [Fact]
    public void Gap_rule_applies_to_any_scale()
    {
        var scale = new ColourScale([
            new ColourBand("Calm", 1, 10, null, "", "", ""),
            new ColourBand("Tense", 2, null, 0, "", "", ""),
        ]);
        Assert.Equal("Calm", scale.Classify(5).Colour);
        Assert.Equal("Tense", scale.Classify(0).Colour);
    }

    [Fact]
    public void Overlapping_bands_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new ColourScale([
            new ColourBand("A", 1, -5, null, "", "", ""),
            new ColourBand("B", 2, null, -3, "", "", ""),
        ]));
        Assert.Contains("overlap", e.Message);
    }

    [Theory]
    [InlineData(-8, -5, 2)]   // Yellow: 5 points down reaches Orange (-13); 2 up reaches Green (-6)
    [InlineData(-2, -5, 1)]   // Green: down to -7 is Yellow; up one to -1 is White (gap rule)
    [InlineData(0, -2, null)] // White: two points down reaches Green; nothing less severe
    [InlineData(-18, null, 1)]
    public void Distance_to_next_colour(int value, int? down, int? up)
    {
        var (toMoreSevere, toLessSevere) = Published.DistanceToNextColour(value);
        Assert.Equal(down, toMoreSevere);
        Assert.Equal(up, toLessSevere);
        if (down is { } d)
        {
            Assert.NotEqual(Published.Classify(value), Published.Classify(value + d));
        }

        if (down is { } d2 && d2 < -1)
        {
            Assert.Equal(Published.Classify(value), Published.Classify(value + d2 + 1));
        }

        if (up is { } u)
        {
            Assert.NotEqual(Published.Classify(value), Published.Classify(value + u));
        }
    }
}
