using System.Text.Json.Nodes;

namespace Barometer.Jupyter.Tests;

/// <summary>
/// Widgets built in C# cells in the real Jupyter widget manager (<c>@jupyter-widgets/html-manager</c> 1.0 with controls
/// 5.0 and base 6.0, from <c>npm ci</c> in <c>tests/widgets-browser</c>) in headless Chromium: the saved state of a
/// headless run (<c>barometer notebooks run</c>), and a live kernel through a Jupyter server, talking both ways.
/// </summary>
public sealed class WidgetFrontEndTests(JupyterFrontEnd jupyter) : IClassFixture<JupyterFrontEnd>
{
    private const string Cell = """
        var a = new IntSlider { Description = "a", Max = 10, Value = 3 };
        var b = new IntSlider { Description = "b", Max = 10 };
        var link = new JsLink((a, "Value"), (b, "Value"));
        var label = new Label("saved label");
        var output = new Output();
        output.Capture(() => { Console.WriteLine("captured line"); display(HTML("<i id='captured'>captured html</i>")); });
        a.Value = 4;
        new VBox(a, b, label, output)
        """;

    [SkippableFact]
    public void The_widget_manager_renders_the_saved_state_of_a_headless_run_and_a_front_end_link_follows_a_moved_slider()
    {
        JupyterFrontEnd.Require("websocket");
        JupyterFrontEnd.RequireProgram("/usr/bin/chromium", "chromium");
        var embed = Path.Combine(jupyter.RepoRoot, "tests", "widgets-browser", "node_modules", "@jupyter-widgets", "html-manager", "dist", "embed.js");
        JupyterFrontEnd.RequireFile(embed, "run `npm ci` in tests/widgets-browser; .devcontainer/post-create.sh does");
        var work = Path.Combine(Path.GetTempPath(), "barometer-widgets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var notebook = Path.Combine(work, "widgets.ipynb");
            File.WriteAllText(notebook, new JsonObject
            {
                ["cells"] = new JsonArray(new JsonObject { ["cell_type"] = "code", ["execution_count"] = null, ["id"] = "slider", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = Cell }),
                ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "csharp", ["display_name"] = "C#", ["language"] = "C#" } },
                ["nbformat"] = 4,
                ["nbformat_minor"] = 5,
            }.ToJsonString());
            var run = JupyterFrontEnd.Run("dotnet", [JupyterFrontEnd.BarometerDll, "notebooks", "run", notebook, "--out", Path.Combine(work, "out")], work, TimeSpan.FromMinutes(5));
            Assert.True(run.ExitCode == 0, run.ToString());
            var executed = Path.Combine(work, "out", "widgets.ipynb");
            var screenshot = Path.Combine(jupyter.RepoRoot, "out", "browser", "widgets.png");

            var result = jupyter.RunHarness("browser_widgets.py", [executed, embed, screenshot], TimeSpan.FromMinutes(3));

            Assert.True(result.ExitCode == 0, result.ToString());
            var page = JsonNode.Parse(result.Stdout)!;
            Assert.Equal("""["4","4"]""", page["before"]!["readouts"]!.ToJsonString());
            Assert.Contains("saved label", page["before"]!["labels"]!.AsArray().Select(l => (string?)l));
            Assert.Contains("captured line", (string?)page["before"]!["output"]![0], StringComparison.Ordinal);
            Assert.True((bool)page["before"]!["captured"]!, "the Output widget shows the captured HTML");
            Assert.Equal("""["5","5"]""", page["after_arrow_right"]!.ToJsonString());
            Assert.True(File.Exists(screenshot), "the page's screenshot was written");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [SkippableFact]
    public void A_live_kernel_through_the_classic_notebook_server_answers_a_slider_moved_with_the_mouse_and_a_key_and_moves_it_back()
    {
        JupyterFrontEnd.Require("notebook", "websocket");
        JupyterFrontEnd.RequireProgram("/usr/bin/chromium", "chromium");
        var widgets = Path.Combine(jupyter.RepoRoot, "tests", "widgets-browser");
        JupyterFrontEnd.RequireFile(Path.Combine(widgets, "node_modules", "@jupyterlab", "services", "package.json"), "run `npm ci` in tests/widgets-browser; .devcontainer/post-create.sh does");
        var screenshot = Path.Combine(jupyter.RepoRoot, "out", "browser", "widgets-live.png");

        var result = jupyter.RunHarness("browser_widgets_live.py", [widgets, JupyterFrontEnd.KernelName, screenshot], TimeSpan.FromMinutes(6));

        Assert.True(result.ExitCode == 0, result.ToString());
        var page = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("roslyn-csharp", (string?)page["kernel"]!["implementation"]);
        Assert.Equal("""["5"]""", page["rendered"]!["readouts"]!.ToJsonString());
        // The mouse drag and the key press each came back from the C# handler into the Output widget.
        var dragged = (int)page["dragged_to"]!;
        Assert.InRange(dragged, 6, 20);
        Assert.Contains($"-> {dragged}, squared {dragged * dragged}", (string?)page["after_drag"]!["output"]![0], StringComparison.Ordinal);
        Assert.Equal($"C# handler: {dragged} -> {dragged + 1}, squared {(dragged + 1) * (dragged + 1)}", (string?)page["after_arrow_right"]!["output"]![0]);
        // A later cell reads the value the browser set; a cell that sets it moves the page's slider.
        Assert.StartsWith($"Value={dragged + 1} handled=", (string?)page["read_cell"]![0], StringComparison.Ordinal);
        Assert.Equal("""["2"]""", page["after_kernel_set"]!["readouts"]!.ToJsonString());
        Assert.Equal($"C# handler: {dragged + 1} -> 2, squared 4", (string?)page["after_kernel_set"]!["output"]![0]);
        Assert.True(File.Exists(screenshot), "the page's screenshot was written");
    }
}
