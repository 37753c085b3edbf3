using System.CommandLine;
using Barometer.IO;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Export;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer notebooks export NOTEBOOK --to cs [--out FILE]</c>: writes the notebook as a .NET file-based app that
/// <c>dotnet run FILE.cs</c> runs (<see cref="FileBasedAppExporter"/>): code cells in order, directives at the top,
/// Markdown as comments. What a file cannot express is kept as a comment and reported on stderr, one line each. The
/// file is written to a temporary file and renamed, so a failed export leaves no half-written file.
/// </summary>
internal static class NotebooksExportCommand
{
    public static Command Create()
    {
        var notebook = new Argument<string>("NOTEBOOK") { Description = "The notebook (.ipynb or .dib) to export." };
        var to = new Option<string>("--to")
        {
            Description = "What to export to: cs (a .NET file-based app, run with `dotnet run FILE.cs`).",
            HelpName = "FORMAT",
            Required = true,
        };
        to.AcceptOnlyFromAmong("cs");
        var output = new Option<string?>("--out", "-o")
        {
            Description = "The file to write (default: the notebook's name with .cs, beside it).",
            HelpName = "FILE",
        };
        var export = new Command("export", "Write a notebook as a .NET file-based app (a .cs file that `dotnet run` runs).") { notebook, to, output };
        export.SetAction(async (parse, cancellationToken) => await ExportAsync(parse.GetValue(notebook)!, parse.GetValue(output), cancellationToken));
        return export;
    }

    internal static async Task<int> ExportAsync(string notebookPath, string? outputPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(notebookPath) || !NotebookFile.IsNotebookPath(notebookPath))
        {
            await Console.Error.WriteLineAsync(File.Exists(notebookPath)
                ? $"error: '{notebookPath}' is not a notebook (expected .ipynb or .dib)."
                : $"error: '{notebookPath}' does not exist.");
            return ExitCodes.BadInput;
        }

        var target = Path.GetFullPath(outputPath ?? Path.ChangeExtension(notebookPath, ".cs"));
        if (Directory.Exists(target))
        {
            await Console.Error.WriteLineAsync($"error: --out '{outputPath}' is a folder; give the .cs file to write.");
            return ExitCodes.BadInput;
        }

        Notebook loaded;
        try
        {
            loaded = await NotebookFile.LoadAsync(notebookPath, cancellationToken);
        }
        catch (NotebookFormatException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot read the notebook: {FileProblem.DescribeRead(notebookPath, e)}");
            return ExitCodes.BadInput;
        }

        var app = FileBasedAppExporter.Export(loaded, notebookPath, target);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await AtomicFile.WriteAllTextAsync(target, app.Text, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot write '{target}': {FileProblem.DescribeWrite(target, e)}");
            return ExitCodes.BadInput;
        }

        foreach (var note in app.Notes)
        {
            await Console.Error.WriteLineAsync($"warning: {notebookPath}: {note}");
        }

        Console.WriteLine($"wrote {target} ({loaded.Cells.Count(c => c.CellType == CellType.Code)} code cells{(app.Notes.Count > 0 ? $", {app.Notes.Count} thing(s) it cannot express, kept as comments" : string.Empty)}); run it with: dotnet run {target}");
        return ExitCodes.Ok;
    }
}
