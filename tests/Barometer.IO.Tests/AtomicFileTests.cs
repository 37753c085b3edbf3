using System.Text;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.IO.Tests;

public class AtomicFileTests
{
    [Fact]
    public async Task A_failure_mid_write_leaves_the_previous_file_and_no_temp_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("out.ipynb", "previous content");

        var error = await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("{ \"half\": "), ct);
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.Equal("previous content", File.ReadAllText(path));
        Assert.Equal(new[] { "out.ipynb" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_missing_folder_is_created_and_a_cancelled_write_leaves_nothing()
    {
        using var dir = new TempDirectory();
        var nested = Path.Combine(dir.Path, "a", "b", "figure.svg");
        await AtomicFile.WriteAllTextAsync(nested, "<svg/>");
        Assert.Equal("<svg/>", File.ReadAllText(nested));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAllTextAsync(nested, "<svg>new</svg>", cancelled.Token));
        Assert.Equal("<svg/>", File.ReadAllText(nested));
        Assert.Equal(["figure.svg"], Directory.GetFiles(Path.GetDirectoryName(nested)!).Select(Path.GetFileName));

        var copy = Path.Combine(dir.Path, "c", "copy.svg");
        await AtomicFile.CopyAsync(nested, copy);
        Assert.Equal("<svg/>", File.ReadAllText(copy));
    }

    [Fact]
    public async Task The_content_goes_to_a_temp_file_in_the_same_folder_then_replaces_the_target()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("nb.ipynb", "old");
        string[] seenDuringWrite = [];

        await AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("new"), ct);
            seenDuringWrite = Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order().ToArray()!;
            Assert.Equal("old", File.ReadAllText(path)); // target untouched until the rename
        });

        Assert.Equal(2, seenDuringWrite.Length);
        Assert.Contains(seenDuringWrite, f => f!.StartsWith(".nb.ipynb.", StringComparison.Ordinal) && f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
