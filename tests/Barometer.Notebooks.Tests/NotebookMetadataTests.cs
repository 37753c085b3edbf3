using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;

namespace Barometer.Notebooks.Tests;

/// <summary>
/// A front end that opens a shipped notebook and saves it unedited writes the kernelspec it ran and the
/// <c>language_info</c> the kernel reported: the notebooks must already hold exactly those (issue 19, item 8).
/// </summary>
public class NotebookMetadataTests
{
    [Fact]
    public async Task Every_shipped_notebook_has_the_kernelspec_and_language_info_the_kernel_reports()
    {
        await using var kernel = await KernelClient.StartAsync(BarometerKernel.StartInfo);
        var reply = await kernel.KernelInfoAsync();
        await kernel.ShutdownAsync();
        var languageInfo = reply.Content["language_info"]!;
        var kernelspec = new JsonObject { ["display_name"] = KernelSpec.DefaultDisplayName, ["language"] = "C#", ["name"] = KernelSpec.DefaultName };

        foreach (var path in Directory.GetFiles(Path.Combine(NotebookSuiteTests.RepoRoot, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
        {
            var metadata = JsonNode.Parse(await File.ReadAllTextAsync(path))!["metadata"]!;
            Assert.True(JsonNode.DeepEquals(kernelspec, metadata["kernelspec"]), $"{Path.GetFileName(path)}: kernelspec {metadata["kernelspec"]?.ToJsonString()}, the kernel's {kernelspec.ToJsonString()}");
            Assert.True(JsonNode.DeepEquals(languageInfo, metadata["language_info"]), $"{Path.GetFileName(path)}: language_info {metadata["language_info"]?.ToJsonString()}, the kernel reports {languageInfo.ToJsonString()}");
        }
    }

    [Fact]
    public void Jupyter_checkpoints_are_ignored()
    {
        var ignored = File.ReadAllLines(Path.Combine(NotebookSuiteTests.RepoRoot, ".gitignore"));

        Assert.Contains(".ipynb_checkpoints/", ignored);
    }
}
