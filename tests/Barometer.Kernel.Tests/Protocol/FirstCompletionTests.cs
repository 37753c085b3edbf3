using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Protocol;

/// <summary>
/// The first requests a front end sends to a fresh kernel process, right after its <c>kernel_info_reply</c> (what
/// <c>jupyter console</c> and JupyterLab do): answered with the right content while Roslyn's completion service is
/// still loading, and the same content once it has loaded.
/// </summary>
public class FirstCompletionTests
{
    [Fact]
    public async Task The_first_completion_of_a_fresh_kernel_offers_the_members_with_their_span_and_kinds()
    {
        await using var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());
        try
        {
            var first = await client.RequestAsync("complete_request", new JsonObject { ["code"] = "Math.Sq", ["cursor_pos"] = 7 });
            var history = await client.RequestAsync("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 10, ["output"] = false, ["raw"] = true });
            var members = await client.RequestAsync("complete_request", new JsonObject { ["code"] = "var d = DateTime.Now.Da", ["cursor_pos"] = 23 });
            var name = await client.RequestAsync("complete_request", new JsonObject { ["code"] = "Conso", ["cursor_pos"] = 5 });
            var isComplete = await client.RequestAsync("is_complete_request", new JsonObject { ["code"] = "Math.Sqrt(" });
            var inspect = await client.RequestAsync("inspect_request", new JsonObject { ["code"] = "Math.Sqrt", ["cursor_pos"] = 9, ["detail_level"] = 0 });

            Assert.Equal(("ok", 5, 7), ((string?)first.Content["status"], (int?)first.Content["cursor_start"], (int?)first.Content["cursor_end"]));
            Assert.Equal(["Sqrt", "ReciprocalSqrtEstimate"], Matches(first));
            Assert.Equal(
                ["5 7 Sqrt method", "5 7 ReciprocalSqrtEstimate method"],
                first.Content["metadata"]!["_jupyter_types_experimental"]!.AsArray().Select(t => $"{t!["start"]} {t["end"]} {t["text"]} {t["type"]}"));
            Assert.Equal("ok", (string?)history.Content["status"]);
            Assert.Equal((21, 23), ((int?)members.Content["cursor_start"], (int?)members.Content["cursor_end"]));
            Assert.Equal(["Date", "Day", "DayOfWeek", "DayOfYear"], Matches(members).Take(4));
            Assert.Equal("Console", Matches(name)[0]);
            Assert.Equal("class", (string?)name.Content["metadata"]!["_jupyter_types_experimental"]![0]!["type"]);
            Assert.Equal("incomplete", (string?)isComplete.Content["status"]);
            Assert.Contains("double Math.Sqrt(double d)", (string?)inspect.Content["data"]!["text/plain"], StringComparison.Ordinal);

            // Once a cell ran (the completion service has loaded meanwhile or loads now), the same request gives the same answer.
            Assert.Equal("ok", (await client.ExecuteToEndAsync("var xs = new List<int>();")).Status);
            var again = await client.RequestAsync("complete_request", new JsonObject { ["code"] = "Math.Sq", ["cursor_pos"] = 7 });
            Assert.Equal(Matches(first), Matches(again));
            var variable = await client.RequestAsync("complete_request", new JsonObject { ["code"] = "xs.Cou", ["cursor_pos"] = 6 });
            Assert.Equal(["Count", "CountBy", "LongCount", "TryGetNonEnumeratedCount"], Matches(variable));
        }
        finally
        {
            await client.ShutdownAsync();
        }
    }

    private static List<string?> Matches(JupyterMessage reply) => reply.Content["matches"]!.AsArray().Select(m => (string?)m).ToList();
}
