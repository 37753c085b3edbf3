using System.Globalization;
using System.Text;
using Barometer.IO;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// One cell's output budget: the characters its output holds — console text, displays (an update replaces what its
/// display held), the result — may not exceed <see cref="ScriptSessionOptions.OutputLimit"/>. What would exceed it is
/// cut: a stream keeps the text up to the limit and then a notice, and the rest of it is dropped; a display or result
/// keeps the start of its <c>text/plain</c> that fits and a notice in place of its other MIME types. With
/// <see cref="ScriptSessionOptions.FullOutputDirectory"/> the full value goes to a file there, which the notice
/// names: the rest of a stream to <c>cell-N-stdout.txt</c>, a display or result to <c>cell-N-output-K.EXT</c>, one
/// file per MIME type. Not thread-safe: <see cref="RunningCell"/> calls it under its lock.
/// </summary>
internal sealed class OutputBudget(int limit, string? fullOutputDirectory, int cellNumber)
{
    private readonly Dictionary<string, long> _displays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _displayFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StreamRest?> _cutStreams = new(StringComparer.Ordinal);
    private long _held;
    private int _files;

    /// <summary>What of <paramref name="text"/>, written to stream <paramref name="name"/>, the output takes (empty when nothing).</summary>
    public string Stream(string name, string text)
    {
        if (_cutStreams.TryGetValue(name, out var rest))
        {
            if (rest is not null && !rest.TryWrite(text))
            {
                _cutStreams[name] = null; // the disk filled up: the file keeps what it got
            }

            return string.Empty;
        }

        if (limit <= 0 || _held + text.Length <= limit)
        {
            _held += text.Length;
            return text;
        }

        var kept = Prefix(text, limit - _held);
        var keep = HowToKeep();
        if (fullOutputDirectory is not null)
        {
            var path = Path.Combine(fullOutputDirectory, $"cell-{cellNumber}-{name}.txt");
            try
            {
                rest = StreamRest.Open(path);
                rest.Write(text[kept.Length..]);
                keep = $"The rest of {name} is in '{path}'.";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                rest?.Discard();
                rest = null;
                keep = $"The rest of {name} could not be kept: {FileProblem.DescribeWrite(path, e)}.";
            }
        }

        _cutStreams[name] = rest;
        var notice = $"{(kept.Length > 0 && kept[^1] != '\n' ? "\n" : "")}… {name} truncated here: {Limit()}. {keep}\n";
        _held += kept.Length + notice.Length;
        return kept + notice;
    }

    /// <summary>What the output shows for a display (shown or updated) with <paramref name="data"/>.</summary>
    public MimeBundle Display(string displayId, MimeBundle data)
    {
        _held -= _displays.GetValueOrDefault(displayId);
        if (!_displayFiles.TryGetValue(displayId, out var file))
        {
            file = 0;
        }

        var shown = Admit(data, "display", ref file);
        if (file > 0)
        {
            _displayFiles[displayId] = file; // an update of a cut display rewrites its files
        }

        _displays[displayId] = Size(shown);
        return shown;
    }

    /// <summary>What the output shows for the cell's result.</summary>
    public MimeBundle Result(MimeBundle data)
    {
        var file = 0;
        return Admit(data, "result", ref file);
    }

    /// <summary>The cell ended: the files holding the rest of its streams are complete.</summary>
    public void Close()
    {
        foreach (var rest in _cutStreams.Values)
        {
            rest?.Complete();
        }
    }

    private MimeBundle Admit(MimeBundle data, string what, ref int file)
    {
        var size = Size(data);
        if (limit <= 0 || _held + size <= limit)
        {
            _held += size;
            return data;
        }

        var plain = data.TryGetValue(MimeTypes.PlainText, out var text) ? Prefix(text, limit - _held) : string.Empty;
        var mimes = string.Join(", ", data.Keys);
        var keep = HowToKeep();
        if (fullOutputDirectory is not null)
        {
            if (file == 0)
            {
                file = ++_files;
            }

            keep = WriteFull(data, $"cell-{cellNumber}-output-{file}", what);
        }

        var notice = $"{(plain.Length > 0 ? "\n" : "")}… {what} truncated: it is {size.ToString("N0", CultureInfo.InvariantCulture)} characters ({mimes}) " +
                     $"and {Limit()}. {keep}";
        var shown = new MimeBundle { [MimeTypes.PlainText] = plain + notice };
        _held += Size(shown);
        return shown;
    }

    /// <summary>Writes each MIME type of <paramref name="data"/> to its own file; returns the notice's sentence naming them.</summary>
    private string WriteFull(MimeBundle data, string stem, string what)
    {
        var paths = new List<string>();
        foreach (var (mime, text) in data)
        {
            var path = Path.Combine(fullOutputDirectory!, stem + Extension(mime));
            try
            {
                Directory.CreateDirectory(fullOutputDirectory!);
                var bytes = mime.StartsWith("image/", StringComparison.Ordinal) && mime != "image/svg+xml" && IsBase64(text)
                    ? Convert.FromBase64String(text)
                    : AtomicFile.Utf8NoBom.GetBytes(text);
                AtomicFile.WriteAllBytesAsync(path, bytes).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"The full {what} could not be kept: {FileProblem.DescribeWrite(path, e)}.";
            }

            paths.Add($"'{path}'");
        }

        return $"The full {what} is in {string.Join(", ", paths)}.";
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    /// <summary>The file extension for a MIME type's full value.</summary>
    internal static string Extension(string mime) => mime switch
    {
        "text/plain" => ".txt",
        "text/html" => ".html",
        "text/markdown" => ".md",
        "text/latex" => ".tex",
        "text/csv" => ".csv",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/svg+xml" => ".svg",
        "application/json" => ".json",
        "application/javascript" => ".js",
        _ when mime.EndsWith("+json", StringComparison.Ordinal) => "." + mime[(mime.LastIndexOf('/') + 1)..^"+json".Length].Replace('.', '-') + ".json",
        _ => "." + mime.Replace('/', '-'),
    };

    private string Limit() => $"a cell's output is limited to {limit.ToString("N0", CultureInfo.InvariantCulture)} characters (--output-limit)";

    private static string HowToKeep() => "--full-outputs keeps full outputs in files.";

    private static long Size(MimeBundle data) => data.Values.Sum(v => (long)v.Length);

    /// <summary>The start of <paramref name="text"/>, at most <paramref name="room"/> characters, never half a surrogate pair.</summary>
    private static string Prefix(string text, long room)
    {
        var length = (int)Math.Clamp(room, 0, text.Length);
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }

    /// <summary>The rest of a cut stream, written to a temporary file that takes its name when the cell ends.</summary>
    private sealed class StreamRest
    {
        private readonly StreamWriter _writer;
        private readonly string _temporary;
        private bool _completed;

        private StreamRest(string path, string temporary, StreamWriter writer)
        {
            Path = path;
            _temporary = temporary;
            _writer = writer;
        }

        public string Path { get; }

        public static StreamRest Open(string path)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            return new StreamRest(path, temporary, new StreamWriter(temporary, append: false, AtomicFile.Utf8NoBom));
        }

        public void Write(string text) => _writer.Write(text);

        /// <summary>Writes <paramref name="text"/>; false (and the file completed with what it has) when it cannot.</summary>
        public bool TryWrite(string text)
        {
            try
            {
                _writer.Write(text);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Complete();
                return false;
            }
        }

        /// <summary>Closes the file and gives it its name (once; later calls do nothing).</summary>
        public void Complete()
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            try
            {
                _writer.Dispose();
                File.Move(_temporary, Path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Delete(_temporary);
            }
        }

        /// <summary>Closes and removes the temporary file.</summary>
        public void Discard()
        {
            _completed = true;
            try
            {
                _writer.Dispose();
            }
            catch (IOException)
            {
                // The file goes anyway.
            }

            File.Delete(_temporary);
        }
    }
}
