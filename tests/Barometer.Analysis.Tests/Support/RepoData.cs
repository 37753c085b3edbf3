using Barometer.Analysis.Loading;

namespace Barometer.Analysis.Tests.Support;

/// <summary>The repository's shipped data, and scratch copies of it that a test may corrupt.</summary>
public static class RepoData
{
    public static string Directory { get; } = DataDirectory.Locate(null, AppContext.BaseDirectory);

    private static readonly Lazy<BarometerDataset> Shipped = new(() => BarometerDataLoader.Load(Directory));

    /// <summary>The shipped dataset, loaded once per test run (it is immutable).</summary>
    public static BarometerDataset Dataset => Shipped.Value;

    /// <summary>A fresh copy of data/barometer in a temp folder; dispose to delete it.</summary>
    public static ScratchData Copy() => new(Directory);
}

public sealed class ScratchData : IDisposable
{
    public ScratchData(string source)
    {
        Root = Path.Combine(Path.GetTempPath(), "barometer-test-" + Guid.NewGuid().ToString("N"));
        DataDir = Path.Combine(Root, "data");
        var from = Path.Combine(source, BarometerDataLoader.Folder);
        var to = Path.Combine(DataDir, BarometerDataLoader.Folder);
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from, "*.csv"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        // The descriptor states what each column may hold, and every row cites sources.csv; the loader reads both
        // (external/ is not copied and not read).
        foreach (var file in new[] { Barometer.Analysis.DataPackage.DataPackageDescriptor.FileName, "sources.csv" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(DataDir, file));
        }
    }

    public string Root { get; }
    public string DataDir { get; }

    public string PathOf(string file) => Path.Combine(DataDir, BarometerDataLoader.Folder, file);

    /// <summary>The path that error messages use for <paramref name="file"/>.</summary>
    public static string Display(string file) => $"data/{BarometerDataLoader.Folder}/{file}";

    public string[] Lines(string file) => File.ReadAllLines(PathOf(file));

    public void Write(string file, IEnumerable<string> lines) => WriteLines(PathOf(file), lines);

    /// <summary>Writes <paramref name="lines"/> with LF line ends and a final LF.</summary>
    public static void WriteLines(string path, IEnumerable<string> lines) => File.WriteAllText(path, string.Join("\n", lines) + "\n");

    /// <summary>Replaces the cell at 1-based <paramref name="line"/> and <paramref name="column"/> (records on one line only).</summary>
    public void SetCell(string file, int line, int column, string value) => SetCellInFile(PathOf(file), line, column, value);

    /// <summary>
    /// Replaces one cell of the CSV file at <paramref name="path"/>, re-quoting its line: the one cell editor of
    /// <see cref="ScratchData"/> and <c>DataCopy</c>.
    /// </summary>
    public static void SetCellInFile(string path, int line, int column, string value)
    {
        var lines = File.ReadAllLines(path);
        var fields = SplitCsvLine(lines[line - 1]);
        fields[column - 1] = value;
        lines[line - 1] = string.Join(",", fields.Select(Quote));
        WriteLines(path, lines);
    }

    /// <summary>The 1-based character column at which field <paramref name="field"/> (1-based) starts on <paramref name="line"/>.</summary>
    public int CharacterColumn(string file, int line, int field) => CharacterColumnIn(PathOf(file), line, field);

    /// <summary>The 1-based character column at which field <paramref name="field"/> starts on line <paramref name="line"/> of a CSV file.</summary>
    public static int CharacterColumnIn(string path, int line, int field)
    {
        var text = File.ReadAllLines(path)[line - 1];
        var (column, quoted, current) = (1, false, 1);
        for (var i = 0; i < text.Length && current < field; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == ',' && !quoted) { current++; column = i + 2; }
        }
        return column;
    }

    public static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }

    private static string Quote(string field) =>
        field.Contains(',') || field.Contains('"') ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
