using System.Globalization;
using System.Text;
using Barometer.Analysis.Tables;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Barometer.Analysis.Scenarios;

/// <summary>
/// The bounds that keep reading any scenario file cheap in time and memory, checked before the YAML is turned into
/// a tree: the file's size, its UTF-8 encoding, nesting depth, mapping keys, and how far aliases
/// (<c>*name</c>) expand. A hostile file of a kilobyte can otherwise nest aliases into billions of nodes.
/// </summary>
/// <remarks>
/// The check walks YamlDotNet's event stream (no tree, no recursion) and counts the nodes the document would have
/// with every alias replaced by what its anchor names; an anchor's size is computed once, when it closes, so the count
/// itself costs one pass over the text.
/// </remarks>
public static class ScenarioYamlLimits
{
    /// <summary>The largest scenario file read: 1 MiB (the shipped scenarios are under 2 KB).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The most nodes a scenario may hold once its aliases are expanded.</summary>
    public const int MaxExpandedNodes = 10_000;

    /// <summary>The deepest nesting of lists and mappings (a scenario needs four levels).</summary>
    public const int MaxDepth = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a scenario file's text: refuses a file over <see cref="MaxFileBytes"/> and bytes that are not UTF-8.</summary>
    public static (string? Text, DataError? Error) ReadText(string path, string displayPath)
    {
        byte[] bytes;
        using (var stream = File.OpenRead(path))
        {
            if (stream.Length > MaxFileBytes)
            {
                return (null, new DataError(displayPath, 1, 1, $"the scenario file is {Size(stream.Length)}; scenario files are limited to {Size(MaxFileBytes)}"));
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return (StrictUtf8.GetString(bytes, start, bytes.Length - start), null);
        }
        catch (DecoderFallbackException e)
        {
            var at = start + Math.Max(0, e.Index);
            var lineStart = bytes.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;
            var line = bytes.AsSpan(0, at).Count((byte)'\n') + 1;
            var column = Encoding.UTF8.GetString(bytes, lineStart == 0 ? start : lineStart, at - (lineStart == 0 ? start : lineStart)).Length + 1;
            return (null, new DataError(displayPath, line, column,
                $"the file is not UTF-8: byte 0x{bytes[at]:X2} cannot start or continue a UTF-8 character (save the file as UTF-8)"));
        }
    }

    /// <summary>Checks text already in memory: its size, nesting, mapping keys and alias expansion.</summary>
    public static IReadOnlyList<DataError> Check(string text, string displayPath)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxFileBytes)
        {
            return [new DataError(displayPath, 1, 1, $"the scenario file is {Size(bytes)}; scenario files are limited to {Size(MaxFileBytes)}")];
        }

        return CheckStructure(text, displayPath);
    }

    /// <summary>
    /// The 1-based line and column of the first tab in a line's indentation (before the line's first other character,
    /// on a line that holds more than a comment), or null. YamlDotNet reports such a tab at the end of the previous
    /// value or at the start of the file; the reader uses this to point at the tab itself.
    /// </summary>
    public static (int Line, int Column)? FirstIndentationTab(string text)
    {
        var (line, column) = (1, 1);
        var indentation = true;
        (int, int)? tab = null;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                (line, column, indentation, tab) = (line + 1, 1, true, null);
                continue;
            }
            if (indentation)
            {
                if (c == '\t')
                {
                    tab ??= (line, column);
                }
                else if (c != ' ')
                {
                    indentation = false;
                    if (tab is not null && c is not ('#' or '\r'))
                    {
                        return tab;
                    }
                }
            }
            column++;
        }
        return null;
    }

    /// <summary>Depth, mapping keys and alias expansion, in one pass over the event stream; malformed YAML is left to the reader.</summary>
    private static IReadOnlyList<DataError> CheckStructure(string text, string displayPath)
    {
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<Collection>();
        long documentNodes = 0;
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                var atKey = open.TryPeek(out var parent) && parent.IsMapping && parent.Children % 2 == 0;
                switch (e)
                {
                    case AnchorAlias alias:
                        if (atKey)
                        {
                            return [Error(displayPath, alias.Start, $"the alias *{alias.Value} is used as a mapping key; scenario keys are plain names")];
                        }

                        if (!anchors.TryGetValue(alias.Value.Value, out var size))
                        {
                            break; // the reader reports the unknown anchor
                        }

                        if (Add(size) is { } tooBig)
                        {
                            return [Error(displayPath, alias.Start, tooBig)];
                        }

                        break;
                    case Scalar scalar:
                        Remember(scalar.Anchor, 1);
                        if (Add(1) is { } tooMany)
                        {
                            return [Error(displayPath, scalar.Start, tooMany)];
                        }

                        break;
                    case MappingStart or SequenceStart:
                        if (atKey)
                        {
                            return [Error(displayPath, e.Start, "a list or mapping is used as a mapping key; scenario keys are plain names")];
                        }

                        if (open.Count >= MaxDepth)
                        {
                            return [Error(displayPath, e.Start, $"lists and mappings nest more than {MaxDepth} deep; a scenario needs four levels")];
                        }

                        var anchor = e is MappingStart m ? m.Anchor : ((SequenceStart)e).Anchor;
                        open.Push(new Collection(e is MappingStart, anchor.IsEmpty ? null : anchor.Value));
                        break;
                    case MappingEnd or SequenceEnd:
                        var closed = open.Pop();
                        if (closed.Anchor is not null)
                        {
                            anchors[closed.Anchor] = closed.Nodes + 1;
                        }

                        if (Add(closed.Nodes + 1, counted: true) is { } overflow)
                        {
                            return [Error(displayPath, e.Start, overflow)];
                        }

                        break;
                    case DocumentStart:
                        (documentNodes, anchors) = (0, new Dictionary<string, long>(StringComparer.Ordinal));
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Malformed YAML: the reader reports it with its position.
        }
        return [];

        void Remember(AnchorName anchor, long size)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = size;
            }
        }

        // Adds a node of `size` expanded nodes to the enclosing collection (or the document); a message once over the bound.
        // A collection's own nodes were added to the document as they came (`counted`), so closing it only updates its parent.
        string? Add(long size, bool counted = false)
        {
            if (open.TryPeek(out var parent))
            {
                parent.Nodes += size;
                parent.Children++;
            }
            if (!counted)
            {
                documentNodes += size;
            }
            else
            {
                documentNodes += 1;
            }

            return documentNodes > MaxExpandedNodes
                ? $"aliases expand this file to more than {MaxExpandedNodes.ToString("N0", CultureInfo.InvariantCulture)} values; " +
                  "a scenario may repeat a part with an alias only up to that size"
                : null;
        }
    }

    private static DataError Error(string file, Mark mark, string message) => new(file, (int)mark.Line, (int)mark.Column, message);

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB";

    private sealed class Collection(bool isMapping, string? anchor)
    {
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        /// <summary>Expanded nodes inside this collection so far.</summary>
        public long Nodes { get; set; }
        /// <summary>Direct children so far (keys and values alternate in a mapping).</summary>
        public int Children { get; set; }
    }
}
