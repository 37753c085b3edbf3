using Barometer.Kernel.Documents;
using Barometer.Kernel.Parameters;
using Barometer.Kernel.Running;

namespace Barometer.Notebooks.Tests;

/// <summary>The what-if notebook takes its scenario and flip probability as papermill-style parameters.</summary>
public class WhatIfNotebookParameterTests
{
    [Fact]
    public async Task Another_scenario_and_flip_change_what_the_notebook_reports()
    {
        var path = Path.Combine(NotebookSuiteTests.RepoRoot, "notebooks", "03-what-if.ipynb");
        var notebook = await NotebookFile.LoadAsync(path);
        ParameterInjector.Inject(notebook, [new("Scenario", "../scenarios/december-escalation.yaml"), new("Flip", "0.2"), new("Runs", "2000")]);

        var result = await NotebookRunner.ExecuteAsync(notebook, path, new NotebookRunOptions { Kernel = BarometerKernel.StartInfo });

        Assert.True(result.Succeeded, result.FirstError?.Message);
        var text = string.Concat(notebook.Cells.SelectMany(c => c.Outputs).Select(o => o.Text ?? ""));
        Assert.Contains("regional-tension colour: Yellow -> Orange (changed)", text);
        Assert.Contains("2,000 runs, each score flipped with probability 0.2", string.Concat(notebook.Cells.SelectMany(c => c.Outputs).Select(o => o.Data.TryGetValue("text/plain", out var t) ? t : "")));
    }
}
