using System.Globalization;
using System.Text.RegularExpressions;

namespace Barometer.Analysis.Model;

/// <summary>
/// Words of a printed text and whether two are forms of one word: what the label check and the reading of printed
/// amounts share. Lower case throughout; "U.S." is one word ("us").
/// </summary>
public static partial class WordForms
{
    /// <summary>The minimum length of a shared beginning that makes two words forms of one (connected / connection).</summary>
    private const int SharedStem = 5;

    [GeneratedRegex(@"\b(?:\p{L}\.){2,}")]
    private static partial Regex DottedAbbreviation();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?:s|x|z|ch|sh)es$")]
    private static partial Regex SibilantPlural();

    /// <summary>The words of a text, lower case and in order: "U.S." is one word, "Mishustin–Haloŭčanka" two, "90-day" two.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var joined = DottedAbbreviation().Replace(text, m => m.Value.Replace(".", "", StringComparison.Ordinal));
        return Word().Matches(joined).Select(m => m.Value.ToLower(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>
    /// True when two lower-case words are forms of one: equal, equal once a plural or verb ending is removed
    /// (suspends / suspended, meets / meeting), or sharing a beginning of at least five letters (connected / connection,
    /// defence / defense).
    /// </summary>
    public static bool SameWord(string a, string b)
    {
        if (a == b || Stem(a) == Stem(b))
        {
            return true;
        }

        var shared = 0;
        while (shared < a.Length && shared < b.Length && a[shared] == b[shared])
        {
            shared++;
        }

        return shared >= SharedStem;
    }

    private static string Stem(string w)
    {
        if (w.Length >= 5 && SibilantPlural().IsMatch(w))
        {
            return w[..^2];
        }

        if (w.Length >= 5 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }

        if (w.Length >= 6 && w.EndsWith("ing", StringComparison.Ordinal))
        {
            return w[..^3];
        }

        if (w.Length >= 5 && w.EndsWith("ed", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        if (w.Length >= 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal))
        {
            return w[..^1];
        }

        return w;
    }
}
