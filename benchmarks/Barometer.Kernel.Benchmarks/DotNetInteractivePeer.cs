using System.Text.Json.Nodes;
using Barometer.Analysis.Loading;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// .NET Interactive (the retired <c>Microsoft.dotnet-interactive</c> tool, a peer only) running copies of the shipped
/// notebooks through <c>jupyter nbconvert --execute</c>, as a user of it would run them headless: its kernelspec is
/// written beside the copies (found through <c>JUPYTER_PATH</c>), and <c>#:project ../src/Barometer.Analysis</c>, which
/// it does not know, becomes a <c>#r</c> of the same library's built assembly and of the assemblies it references.
/// </summary>
internal sealed class DotNetInteractivePeer
{
    private readonly string _folder;
    private readonly string _jupyterPath;
    private readonly IReadOnlyList<string> _copies;

    private DotNetInteractivePeer(string folder, string jupyterPath, IReadOnlyList<string> copies) =>
        (_folder, _jupyterPath, _copies) = (folder, jupyterPath, copies);

    public static DotNetInteractivePeer Prepare(TargetSettings settings, string notebooks, string scratch)
    {
        if (!File.Exists(settings.DotnetInteractive))
        {
            throw new InvalidOperationException($"no .NET Interactive at {settings.DotnetInteractive} (see benchmarks/peers/README.md)");
        }

        var jupyterPath = Path.Combine(scratch, "jupyter");
        var spec = Path.Combine(jupyterPath, "kernels", ".net-csharp");
        Directory.CreateDirectory(spec);
        File.WriteAllText(Path.Combine(spec, "kernel.json"), new JsonObject
        {
            ["argv"] = new JsonArray(settings.DotnetInteractive, "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-port-range", "2048-3000"),
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
        }.ToJsonString());

        // The library and the assemblies it references, from this program's folder (the same build).
        var library = typeof(BarometerDataLoader).Assembly;
        var references = new[] { library.Location }
            .Concat(library.GetReferencedAssemblies().Select(a => Path.Combine(AppContext.BaseDirectory, a.Name + ".dll")).Where(File.Exists))
            .Select(p => $"#r \"{p}\"");
        var directive = string.Join("\n", references);
        var folder = Path.Combine(scratch, "notebooks");
        Directory.CreateDirectory(folder);
        var copies = new List<string>();
        foreach (var notebook in Directory.GetFiles(notebooks, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var json = JsonNode.Parse(File.ReadAllText(notebook))!;
            foreach (var cell in json["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code"))
            {
                var source = cell!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)cell["source"] ?? string.Empty;
                cell["source"] = source.Replace("#:project ../src/Barometer.Analysis", directive, StringComparison.Ordinal);
                cell["outputs"] = new JsonArray();
            }

            json["metadata"]!["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" };
            var copy = Path.Combine(folder, Path.GetFileName(notebook));
            File.WriteAllText(copy, json.ToJsonString());
            copies.Add(copy);
        }

        return new DotNetInteractivePeer(folder, jupyterPath, copies);
    }

    /// <summary>Runs the seven copies, one after another in one nbconvert; the time and how many cells failed.</summary>
    public async Task<(double Seconds, int FailedCells)> RunAsync()
    {
        var output = Path.Combine(_folder, "executed");
        var (seconds, _) = await TimedProcess.RunAsync(
            ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=.net-csharp", "--output-dir", output, .. _copies],
            _folder,
            new Dictionary<string, string> { ["JUPYTER_PATH"] = _jupyterPath, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1" });
        var failed = Directory.GetFiles(output, "*.ipynb")
            .Sum(f => JsonNode.Parse(File.ReadAllText(f))!["cells"]!.AsArray().Count(c => c!["outputs"]?.AsArray().Any(o => (string?)o!["output_type"] == "error") == true));
        return (seconds, failed);
    }
}
