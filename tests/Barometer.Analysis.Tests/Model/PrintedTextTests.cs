using Barometer.Analysis.Model;

namespace Barometer.Analysis.Tests.Model;

public class PrintedTextTests
{
    [Theory]
    [InlineData("JSC Belarusian Shipping Company is upgrading three vessels in order to strengthen the fleet", "vessel", 3)]
    [InlineData("Belneftekhim completes construction of the 9th well at Machukhskoe field", "well", 9)]
    [InlineData("Ukraine simplifies the procedure (lifts the 90-day limit)", "day", 90)]
    [InlineData("Ukrtransnafta sells 80,000 tonnes of Azerbaijani crude", "tonne", 80000)]
    [InlineData("impose a third package of restrictive measures", "package", 3)]
    [InlineData("Belarus signs long-term contract with SOCAR", "contract", 1)]
    public void A_count_is_read_from_the_words_before_the_thing_counted(string text, string unit, int expected)
    {
        var amount = PrintedText.AmountOf(text, unit);
        Assert.NotNull(amount);
        Assert.Equal(expected, amount.Value);
        Assert.True(amount.Allows(expected));
        Assert.False(amount.Allows(expected + 1));
    }

    [Fact]
    public void A_bare_plural_is_more_than_one()
    {
        var amount = PrintedText.AmountOf("BOC signed long term contracts for fuel supplies to Ukraine", "contract")!;
        Assert.Null(amount.Value);
        Assert.False(amount.Allows(1));
        Assert.True(amount.Allows(2));
        Assert.Equal("more than one (“long term contracts”)", amount.ToString());
    }

    [Fact]
    public void A_thing_not_mentioned_has_no_count() =>
        Assert.Null(PrintedText.AmountOf("Lavrov's visit to Minsk", "vessel"));

    [Fact]
    public void Quoted_words_are_read_between_either_kind_of_quotes() =>
        Assert.Equal(["quite sensitive", "tonnes"],
            PrintedText.QuotedWords("Belarus is preparing \"quite sensitive\" measures, compared to “tonnes” announced"));
}
