using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Magics;

/// <summary>Magic commands through the Jupyter protocol: what an <c>execute_request</c> with them publishes.</summary>
public class MagicRequestTests
{
    [Fact]
    public async Task Time_publishes_the_wall_time_after_the_result_and_value_and_share_carry_across_requests()
    {
        await using var kernel = new InMemoryKernel();

        var timed = kernel.Execute("#!time\n6 * 7");
        var timedReply = await kernel.ReplyAsync(timed);
        var stored = kernel.Execute("#!value --name csv\na,b\n1,2");
        await kernel.ReplyAsync(stored);
        var shared = kernel.Execute("#!share --from value csv\ncsv.Split('\\n')[1]");
        var sharedReply = await kernel.ReplyAsync(shared);

        var timedIopub = await kernel.IopubAsync(timed);
        Assert.Equal("ok", (string?)timedReply.Content["status"]);
        Assert.Equal(["status", "execute_input", "execute_result", "display_data", "status"], timedIopub.Select(m => m.MessageType));
        Assert.Equal("42", (string?)timedIopub[2].Content["data"]!["text/plain"]);
        Assert.StartsWith("Wall time: ", (string?)timedIopub[3].Content["data"]!["text/plain"], StringComparison.Ordinal);
        var storedIopub = await kernel.IopubAsync(stored);
        Assert.Equal("a,b\n1,2", (string?)storedIopub.Single(m => m.MessageType == "display_data").Content["data"]!["text/plain"]);
        Assert.Equal("ok", (string?)sharedReply.Content["status"]);
        Assert.Equal("1,2", (string?)(await kernel.IopubAsync(shared)).Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
    }

    [Fact]
    public async Task An_html_cell_is_displayed_and_an_unknown_magic_is_an_error_reply_naming_it()
    {
        await using var kernel = new InMemoryKernel();

        var html = kernel.Execute("#!html\n<b>bold</b>");
        await kernel.ReplyAsync(html);
        var unknown = kernel.Execute("#!linqify numbers", stopOnError: false);
        var unknownReply = await kernel.ReplyAsync(unknown);

        var display = (await kernel.IopubAsync(html)).Single(m => m.MessageType == "display_data");
        Assert.Equal("<b>bold</b>", (string?)display.Content["data"]!["text/html"]);
        Assert.Equal(("error", "NotSupportedException"), ((string?)unknownReply.Content["status"], (string?)unknownReply.Content["ename"]));
        Assert.Contains("'#!linqify' is not supported", (string?)unknownReply.Content["evalue"], StringComparison.Ordinal);
    }
}
