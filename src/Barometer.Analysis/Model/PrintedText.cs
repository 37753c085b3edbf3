using System.Globalization;
using System.Text.RegularExpressions;

namespace Barometer.Analysis.Model;

/// <summary>A count a printed text states of something: <c>three vessels</c> is 3; <c>contracts</c> with no number is more than one.</summary>
/// <param name="Value">The number printed before the thing counted (a lone singular counts one); null when the text gives only a plural.</param>
/// <param name="Words">The printed words that state it.</param>
internal sealed record PrintedAmount(decimal? Value, string Words)
{
    /// <summary>True when <paramref name="count"/> is what the text states: the same number, or more than one for a bare plural.</summary>
    public bool Allows(decimal count) => Value is { } v ? v == count : count > 1;

    public override string ToString() => Value is { } v
        ? $"{v.ToString(CultureInfo.InvariantCulture)} (“{Words}”)"
        : $"more than one (“{Words}”)";
}

/// <summary>What a catalogue row's printed text states: the words it quotes, and the count it gives of a thing.</summary>
internal static partial class PrintedText
{
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["first"] = 1,
        ["second"] = 2,
        ["third"] = 3,
        ["fourth"] = 4,
        ["fifth"] = 5,
        ["sixth"] = 6,
        ["seventh"] = 7,
        ["eighth"] = 8,
        ["ninth"] = 9,
        ["tenth"] = 10,
    };

    /// <summary>How far before the thing counted its number may stand (<c>three river-sea vessels</c>).</summary>
    private const int NumberReach = 3;

    [GeneratedRegex("[“\"]([^”\"]+)[”\"]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<num>\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th|\+)?|(?<word>\p{L}+)")]
    private static partial Regex Token();

    /// <summary>The words a text quotes (between “…” or "…"), in order.</summary>
    public static IReadOnlyList<string> QuotedWords(string text) =>
        Quoted().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToArray();

    /// <summary>
    /// The count <paramref name="text"/> gives of <paramref name="unit"/> (a word in the singular): the number printed
    /// just before the first mention, in digits or words; a bare plural is more than one, a bare singular one. Null
    /// when the text does not mention it.
    /// </summary>
    public static PrintedAmount? AmountOf(string text, string unit)
    {
        var tokens = Token().Matches(text).ToArray();
        var thing = unit.ToLower(CultureInfo.InvariantCulture);
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = tokens[i].Groups["word"];
            if (!word.Success || !WordForms.SameWord(word.Value.ToLower(CultureInfo.InvariantCulture), thing))
            {
                continue;
            }

            for (var j = i - 1; j >= Math.Max(0, i - NumberReach); j--)
            {
                if (Number(tokens[j]) is { } n)
                {
                    return new PrintedAmount(n, text[tokens[j].Index..(tokens[i].Index + tokens[i].Length)]);
                }
            }
            var plural = !string.Equals(word.Value, unit, StringComparison.OrdinalIgnoreCase) && word.Value.EndsWith('s');
            var from = tokens[Math.Max(0, i - 2)].Index;
            return new PrintedAmount(plural ? null : 1, text[from..(tokens[i].Index + tokens[i].Length)]);
        }
        return null;
    }

    private static decimal? Number(Match token)
    {
        if (token.Groups["num"].Success)
        {
            return decimal.Parse(token.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return NumberWords.TryGetValue(token.Value.ToLower(CultureInfo.InvariantCulture), out var n) ? n : null;
    }
}
