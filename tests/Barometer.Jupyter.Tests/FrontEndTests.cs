namespace Barometer.Jupyter.Tests;

/// <summary>
/// Our kernel under real Jupyter front ends: nbclient (what papermill and CI use) runs every shipped notebook, and the
/// classic Jupyter Notebook in headless Chromium runs notebook 01 as a reader would, showing a table and a chart.
/// </summary>
public sealed class FrontEndTests(JupyterFrontEnd jupyter) : IClassFixture<JupyterFrontEnd>
{
    [SkippableFact]
    public void Nbclient_runs_every_shipped_notebook_through_our_kernel_without_error_outputs()
    {
        JupyterFrontEnd.Require("nbclient", "nbformat");
        var notebooks = Directory.GetFiles(Path.Combine(jupyter.RepoRoot, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(notebooks);
        var output = Path.Combine(jupyter.RepoRoot, "out", "nbclient");

        var result = jupyter.RunHarness("execute_notebooks.py", [JupyterFrontEnd.KernelName, output, .. notebooks], TimeSpan.FromMinutes(10));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"nbclient: {notebooks.Count} of {notebooks.Count} notebooks ran without errors", result.Stdout);
    }

    [SkippableFact]
    public void The_classic_notebook_in_a_browser_runs_notebook_01_and_shows_a_table_and_a_chart()
    {
        JupyterFrontEnd.Require("notebook", "websocket");
        JupyterFrontEnd.RequireProgram("/usr/bin/chromium", "chromium");

        var notebook = Path.Combine(jupyter.RepoRoot, "notebooks", "01-reproduce-issue-18.ipynb");
        var screenshot = Path.Combine(jupyter.RepoRoot, "out", "browser", "01-reproduce-issue-18.png");

        var result = jupyter.RunHarness("browser_notebook.py", [jupyter.RepoRoot, notebook, screenshot], TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"\"kernel\": \"{JupyterFrontEnd.KernelName}\"", result.Stdout);
        Assert.True(File.Exists(screenshot), "the page's screenshot was written");
    }
}
