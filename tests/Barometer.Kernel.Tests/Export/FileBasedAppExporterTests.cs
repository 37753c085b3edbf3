using Barometer.Kernel.Documents;
using Barometer.Kernel.Export;

namespace Barometer.Kernel.Tests.Export;

public class FileBasedAppExporterTests
{
    private static FileBasedApp Export(string dib, string notebookPath = "/work/nb/notes.dib", string outputPath = "/work/out/notes.cs") =>
        FileBasedAppExporter.Export(NotebookFile.Parse("#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n" + dib, NotebookFileFormat.Dib), notebookPath, outputPath);

    [Fact]
    public void Directives_go_to_the_top_nuget_references_become_package_directives_and_projects_are_relative_to_the_output()
    {
        var app = Export("#!csharp\n\nvar a = 1;\n#r \"nuget: Humanizer.Core, 2.14.1\"\n\n#!csharp\n\n#:project ../lib/Tally\n#:package CsvHelper@33.1.0\n#r \"nuget: NodaTime\"\nusing NodaTime;\nvar b = a + 1;");

        var lines = app.Text.Split('\n');
        Assert.StartsWith("// notes.dib as a .NET file-based app: dotnet run notes.cs", lines[0], StringComparison.Ordinal);
        Assert.Equal(["#:package Humanizer.Core@2.14.1", "#:project ../lib/Tally", "#:package CsvHelper@33.1.0", "#:package NodaTime@*"], lines[1..5]);
        Assert.Equal("using NodaTime;", lines[6]);
        Assert.True(app.Text.IndexOf("var a = 1;", StringComparison.Ordinal) < app.Text.IndexOf("var b = a + 1;", StringComparison.Ordinal));
        Assert.Empty(app.Notes);
    }

    [Fact]
    public void Markdown_becomes_comments_types_move_after_the_statements_and_trailing_values_are_printed()
    {
        var app = Export("#!markdown\n\n# Title\n\nText.\n\n#!csharp\n\nrecord Point(int X);\nvar p = new Point(2);\np.X * 21\n\n#!csharp\n\ndisplay(p);\nawait Task.Delay(1)");

        Assert.Contains("// # Title\n//\n// Text.\n", app.Text, StringComparison.Ordinal);
        Assert.Contains("Show(() => p.X * 21);", app.Text, StringComparison.Ordinal);
        Assert.Contains("await Task.Delay(1);", app.Text, StringComparison.Ordinal);
        Assert.Contains("using static NotebookOutput;", app.Text, StringComparison.Ordinal);
        Assert.True(app.Text.IndexOf("record Point(int X);", StringComparison.Ordinal) > app.Text.IndexOf("await Task.Delay(1);", StringComparison.Ordinal));
        Assert.Contains("static class NotebookOutput", app.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void What_a_file_cannot_express_is_commented_out_and_reported_with_cell_and_line()
    {
        var app = Export("#!csharp\n\n#!time\n#i \"nuget: https://my.feed/index.json\"\n#r \"lib/Tally.dll\"\nvar a = 1;\n\n#!html\n\n<b>hi</b>\n\n#!fsharp\n\nlet x = 1");

        Assert.Equal(
            [
                "cell 1, line 1: the magic command '#!time' has no file-based-app form; kept as a comment",
                "cell 1, line 2: '#i \"nuget: https://my.feed/index.json\"': a file-based app has no package-source directive; add the source to a nuget.config beside the file",
                "cell 1, line 3: '#r \"lib/Tally.dll\"': a file-based app cannot reference a file this way; reference its project with #:project, or its package with #:package",
                "cell 2: a 'html' cell: a C# file cannot run it; kept as a comment",
                "cell 3: a 'fsharp' cell: a C# file cannot run it; kept as a comment",
            ],
            app.Notes.Select(n => n.ToString()));
        Assert.Contains("// #!time\n", app.Text, StringComparison.Ordinal);
        Assert.Contains("// <b>hi</b>\n", app.Text, StringComparison.Ordinal);
        Assert.Contains("// let x = 1\n", app.Text, StringComparison.Ordinal);
    }
}
