using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Tags;
using Microsoft.CodeAnalysis.Text;

namespace Barometer.Kernel.Language;

/// <summary>Roslyn's completion items and the span they replace.</summary>
internal sealed record CompletionItems(IReadOnlyList<CompletionItem> Items, TextSpan Span);

/// <summary>Roslyn's completion on a session document, shaped for Jupyter.</summary>
internal static class CodeCompletion
{
    /// <summary>Most matches returned (the front end filters further as the user types).</summary>
    public const int MaxMatches = 500;

    /// <summary>Roslyn's completion items at <paramref name="position"/> and the span they replace (UTF-16).</summary>
    public static async Task<CompletionItems> GetItemsAsync(Document document, int position, CancellationToken cancellationToken)
    {
        var service = CompletionService.GetService(document);
        if (service is null)
        {
            return new CompletionItems([], new TextSpan(position, 0));
        }

        var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new CompletionItems(list.ItemsList, list.Span);
    }

    /// <summary>Filters <paramref name="items"/> by the text typed so far and shapes them as the Jupyter reply.</summary>
    public static CompletionResult Shape(CompletionItems items, string code, int position)
    {
        var span = items.Span;
        if (span.Start > position || span.Start > code.Length)
        {
            return CompletionResult.Empty(CodePoints.FromUtf16Index(code, position));
        }

        // The typed part runs to the cursor (a reused list's span ends where its request's cursor was).
        var typed = code.Substring(span.Start, position - span.Start);
        var start = CodePoints.FromUtf16Index(code, span.Start);
        var end = CodePoints.FromUtf16Index(code, Math.Max(Math.Min(span.End, code.Length), position));

        var matches = items.Items
            .Select(item => (Item: item, Text: InsertionText(item), Rank: Rank(item, typed)))
            .Where(m => m.Rank < 3 && m.Text.Length > 0)
            .OrderBy(m => m.Rank)
            .ThenBy(m => m.Item.SortText, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Text, StringComparer.Ordinal)
            .DistinctBy(m => m.Text)
            .Take(MaxMatches)
            .ToList();

        var types = matches.Select(m => new CompletionMatch(start, end, m.Text, Kind(m.Item.Tags))).ToList();
        return new CompletionResult(matches.Select(m => m.Text).ToList(), start, end, types);
    }

    /// <summary>
    /// Start of the identifier being typed at <paramref name="position"/>: completion items do not depend on
    /// those characters (they only filter the list), so a request that differs only there can reuse the list.
    /// </summary>
    public static int WordStart(string code, int position)
    {
        var start = Math.Min(position, code.Length);
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_'))
        {
            start--;
        }

        return start;
    }

    /// <summary>0: starts with the typed text (same case); 1: starts with it ignoring case; 2: contains it; 3: no match.</summary>
    private static int Rank(CompletionItem item, string typed)
    {
        if (typed.Length == 0)
        {
            return 0;
        }

        var text = item.FilterText;
        return text.StartsWith(typed, StringComparison.Ordinal) ? 0
            : text.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 1
            : typed.Length > 1 && text.Contains(typed, StringComparison.OrdinalIgnoreCase) ? 2
            : 3;
    }

    private static string InsertionText(CompletionItem item) =>
        item.Properties.TryGetValue("InsertionText", out var insertion) && !string.IsNullOrEmpty(insertion)
            ? insertion
            : item.DisplayTextPrefix.Length == 0 ? item.DisplayText : string.Empty;

    internal static string Kind(ImmutableArray<string> tags)
    {
        foreach (var tag in tags)
        {
            switch (tag)
            {
                case WellKnownTags.Method:
                case WellKnownTags.ExtensionMethod:
                    return "method";
                case WellKnownTags.Property:
                    return "property";
                case WellKnownTags.Field:
                    return "field";
                case WellKnownTags.Local:
                case WellKnownTags.RangeVariable:
                    return "local";
                case WellKnownTags.Parameter:
                    return "parameter";
                case WellKnownTags.Class:
                    return "class";
                case WellKnownTags.Structure:
                    return "struct";
                case WellKnownTags.Interface:
                    return "interface";
                case WellKnownTags.Enum:
                    return "enum";
                case WellKnownTags.EnumMember:
                    return "enum member";
                case WellKnownTags.Delegate:
                    return "delegate";
                case WellKnownTags.Event:
                    return "event";
                case WellKnownTags.Constant:
                    return "constant";
                case WellKnownTags.Keyword:
                    return "keyword";
                case WellKnownTags.Namespace:
                    return "namespace";
                case WellKnownTags.TypeParameter:
                    return "type parameter";
                case WellKnownTags.Label:
                    return "label";
                case WellKnownTags.Snippet:
                    return "snippet";
                case WellKnownTags.Operator:
                    return "operator";
            }
        }

        return "text";
    }
}
