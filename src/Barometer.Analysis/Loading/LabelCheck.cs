using Barometer.Analysis.Model;

namespace Barometer.Analysis.Loading;

/// <summary>
/// Checks that an event's short label says nothing its catalogue row does not. Every word of the label but a few
/// small ones (<see cref="SmallWords"/>) must appear in the event as printed: the same word, another form of it
/// (<see cref="WordForms.SameWord"/>: suspends / suspended, approve / approvals, defence / defense), or the words one of
/// the few reviewed <see cref="Abbreviations"/> stands for. A label stays a short paraphrase — words may be left out
/// and reordered — but a word the row does not have ("halted" where the report says "suspends", a "Joint" it does not
/// print) is found.
/// </summary>
public static class LabelCheck
{
    /// <summary>
    /// The reviewed abbreviations a label may use for words of the printed row (all of which must be there): the
    /// only paraphrases the check allows beyond word forms. Add one only for an abbreviation that means exactly
    /// those words.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Abbreviations { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["us"] = ["united", "states"],
            ["uk"] = ["united", "kingdom"],
            ["eu"] = ["european", "union"],
            ["un"] = ["united", "nations"],
        };

    /// <summary>Articles, prepositions, conjunctions and pronouns: a label may add them freely.</summary>
    public static IReadOnlySet<string> SmallWords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "as", "into", "via",
        "about", "over", "than", "not", "no", "this", "that", "it", "its", "is", "are", "be", "been", "their", "his",
        "her", "s", "who", "whom", "which", "them", "they", "he", "she", "also",
    };

    /// <summary>The words of <paramref name="label"/> (lower case, in order, once each) that <paramref name="printed"/> does not have.</summary>
    public static IReadOnlyList<string> WordsNotInPrinted(string label, string printed)
    {
        var reference = WordForms.Words(printed);
        return WordForms.Words(label)
            .Where(w => !SmallWords.Contains(w) && !Has(reference, w)
                && !(Abbreviations.TryGetValue(w, out var meaning) && meaning.All(m => Has(reference, m))))
            .Distinct()
            .ToArray();
    }

    private static bool Has(IReadOnlyList<string> words, string word) => words.Any(w => WordForms.SameWord(w, word));
}
