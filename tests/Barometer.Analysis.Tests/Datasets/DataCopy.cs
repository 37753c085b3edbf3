using System.Text.Json.Nodes;
using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Datasets;

/// <summary>A full copy of the repository's data/ (descriptor, barometer/, external/) in a temp folder that a test may corrupt.</summary>
public sealed class DataCopy : IDisposable
{
    public DataCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "barometer-datasets-" + Guid.NewGuid().ToString("N"));
        DataDir = Path.Combine(Root, "data");
        foreach (var file in Directory.GetFiles(RepoData.Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(DataDir, Path.GetRelativePath(RepoData.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }
    public string DataDir { get; }

    /// <summary>A path under data/, e.g. <c>external/trade.csv</c>.</summary>
    public string PathOf(string relative) => Path.Combine(DataDir, relative);

    public string[] Lines(string relative) => File.ReadAllLines(PathOf(relative));

    public void Write(string relative, IEnumerable<string> lines) => ScratchData.WriteLines(PathOf(relative), lines);

    /// <summary>Replaces the cell at 1-based <paramref name="line"/> and <paramref name="column"/>, re-quoting the line.</summary>
    public void SetCell(string relative, int line, int column, string value) =>
        ScratchData.SetCellInFile(PathOf(relative), line, column, value);

    /// <summary>The 1-based character column at which field <paramref name="field"/> starts on <paramref name="line"/>.</summary>
    public int CharacterColumn(string relative, int line, int field) => ScratchData.CharacterColumnIn(PathOf(relative), line, field);

    /// <summary>Edits datapackage.json as a JSON tree.</summary>
    public void EditDescriptor(Action<JsonNode> edit)
    {
        var path = PathOf(DataPackageDescriptor.FileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
