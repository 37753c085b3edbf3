using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Barometer.Kernel.Documents;

namespace Barometer.Notebooks.Tests;

/// <summary>
/// Compares the outputs committed in a notebook with those of a fresh run: every output of every code cell, in order,
/// by type, stream and MIME type. What legitimately differs between runs is left out: timings, execution counts and
/// metadata, absolute paths, widget model ids, and the bytes of images (only their presence is compared). JSON outputs are compared as JSON.
/// </summary>
internal static partial class CommittedOutputs
{
    /// <summary>True when the notebook file carries any output (a notebook committed without outputs is not compared).</summary>
    public static bool HasAny(Notebook notebook) => notebook.Cells.Any(c => c.CellType == CellType.Code && c.Outputs.Count > 0);

    /// <summary>Each difference as "cell ID: what differs"; empty when the outputs match.</summary>
    /// <param name="imagesExpected">False where the fresh run could render no image (no Chromium outside CI): committed
    /// images are then not looked for.</param>
    public static IReadOnlyList<string> Differences(Notebook committed, Notebook fresh, string repoRoot, bool imagesExpected = true)
    {
        var differences = new List<string>();
        var committedCells = committed.Cells.Where(c => c.CellType == CellType.Code).ToArray();
        var freshCells = fresh.Cells.Where(c => c.CellType == CellType.Code).ToArray();
        if (committedCells.Length != freshCells.Length)
        {
            return [$"the notebook has {freshCells.Length} code cells, its committed copy {committedCells.Length}"];
        }

        for (var i = 0; i < freshCells.Length; i++)
        {
            var name = freshCells[i].Id ?? $"#{i + 1}";
            // A stream that only said what the machine did (a restore, a build of a #:project) is not an output of the notebook.
            var (a, b) = (Meaningful(committedCells[i].Outputs, repoRoot), Meaningful(freshCells[i].Outputs, repoRoot));
            if (a.Count != b.Count)
            {
                differences.Add($"cell {name}: {b.Count} outputs in a fresh run, {a.Count} committed");
                continue;
            }
            for (var k = 0; k < a.Count; k++)
            {
                differences.AddRange(Compare(a[k], b[k], repoRoot, imagesExpected).Select(d => $"cell {name}, output {k + 1}: {d}"));
            }
        }
        return differences;
    }

    private static List<CellOutput> Meaningful(IEnumerable<CellOutput> outputs, string repoRoot) =>
        outputs.Where(o => o.OutputType != CellOutput.StreamType || Mask(o.Text ?? "", repoRoot).Length > 0).ToList();

    private static IEnumerable<string> Compare(CellOutput committed, CellOutput fresh, string repoRoot, bool imagesExpected)
    {
        if (committed.OutputType != fresh.OutputType)
        {
            yield return $"{fresh.OutputType} in a fresh run, {committed.OutputType} committed";
            yield break;
        }
        if (committed.OutputType == CellOutput.StreamType)
        {
            if (committed.StreamName != fresh.StreamName)
            {
                yield return $"stream {fresh.StreamName}, committed {committed.StreamName}";
            }

            if (Mask(committed.Text ?? "", repoRoot) != Mask(fresh.Text ?? "", repoRoot))
            {
                yield return $"{fresh.StreamName} text differs";
            }

            yield break;
        }
        if (committed.OutputType == CellOutput.ErrorType)
        {
            if (committed.EName != fresh.EName || Mask(committed.EValue ?? "", repoRoot) != Mask(fresh.EValue ?? "", repoRoot))
            {
                yield return "the error differs";
            }

            yield break;
        }
        var (a, b) = (committed.Data, fresh.Data);
        foreach (var mime in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            if (!imagesExpected && mime.StartsWith("image/", StringComparison.Ordinal) && !b.ContainsKey(mime))
            {
                continue;
            }

            if (!a.ContainsKey(mime) || !b.ContainsKey(mime))
            {
                yield return $"{mime} {(a.ContainsKey(mime) ? "only committed" : "only in a fresh run")}";
                continue;
            }
            if (mime.StartsWith("image/", StringComparison.Ordinal))
            {
                continue; // bytes differ with fonts and browsers
            }

            var same = mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal)
                ? JsonNode.DeepEquals(JsonNode.Parse(Mask(a[mime], repoRoot)), JsonNode.Parse(Mask(b[mime], repoRoot)))
                : Mask(a[mime], repoRoot) == Mask(b[mime], repoRoot);
            if (!same)
            {
                yield return $"{mime} differs";
            }
        }
    }

    /// <summary>
    /// Timings, absolute paths, widget model ids and whether a
    /// <c>#r "nuget:"</c> package came from a restore or the local cache, and whether a <c>#:project</c> was built (which
    /// depend on the machine, not the notebook) masked.
    /// </summary>
    private static string Mask(string text, string repoRoot)
    {
        var masked = WidgetModelIds().Replace(Seconds().Replace(text.Replace(repoRoot, "<repo>").ReplaceLineEndings("\n"), "<time>"), "<id>");
        masked = ProjectBuilding().Replace(PackageRestoring().Replace(masked, ""), "");
        return masked.Replace(" from the local cache.", ".", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(Building [^\n]*…|Built [^\n]* in <time>\.)\n", RegexOptions.Multiline)]
    private static partial Regex ProjectBuilding();

    [GeneratedRegex(@"^Restoring [^\n]*…\n", RegexOptions.Multiline)]
    private static partial Regex PackageRestoring();

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?(ms|s)\b")]
    private static partial Regex Seconds();

    // A widget view's model id (a fresh comm id each run). Chart element ids are derived from the figure, and chart
    // HTML embeds no image, so neither is masked.
    [GeneratedRegex(@"(?<=""model_id"":\s*"")[0-9a-f]{32}")]
    private static partial Regex WidgetModelIds();
}
