using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Tags;

namespace Barometer.Kernel.Language;

/// <summary>Roslyn's completion on a session document, shaped for Jupyter.</summary>
internal static class CodeCompletion
{
    /// <summary>Most matches returned (the front end filters further as the user types).</summary>
    public const int MaxMatches = 500;

    public static async Task<CompletionResult> CompleteAsync(Document document, string code, int position, CancellationToken cancellationToken)
    {
        var service = CompletionService.GetService(document);
        var cursor = CodePoints.FromUtf16Index(code, position);
        if (service is null)
        {
            return CompletionResult.Empty(cursor);
        }

        var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellationToken).ConfigureAwait(false);
        var span = list.Span;
        var typed = code.Substring(span.Start, Math.Max(0, Math.Min(position, span.End) - span.Start));
        var start = CodePoints.FromUtf16Index(code, span.Start);
        var end = CodePoints.FromUtf16Index(code, Math.Max(span.End, position));

        var matches = list.ItemsList
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
