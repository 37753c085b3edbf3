using System.Text;
using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Tests.Protocol;

public class JsonFrameTests
{
    [Fact]
    public void A_message_part_reads_back_as_the_same_JSON()
    {
        var content = new JsonObject
        {
            ["text"] = "quote \" backslash \\ newline \n tab \t return \r bell \a nul \0 form \f back \b end",
            ["html"] = "<script>if (a < b && c > d) { x = 'y' + `z`; }</script>",
            ["unicode"] = "é ü ß 中文 \u2028 \U0001F600 emoji",
            ["empty"] = "",
            ["int"] = 42,
            ["negative"] = -7L,
            ["double"] = 0.1,
            ["true"] = true,
            ["false"] = false,
            ["null"] = null,
            ["nested"] = new JsonObject { ["array"] = new JsonArray(1, "two", null, new JsonObject(), new JsonArray()) },
            ["parsed"] = JsonNode.Parse("""{"a": [1.5e3, "b\u00e9", {"c": null}], "d": "\ud83d\ude00"}"""),
            ["na\"me\n"] = "a property name with escapes",
        };

        var bytes = JsonFrame.Encode(content);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(content.ToJsonString()), JsonNode.Parse(bytes)));
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(JsonFrame.Encode(JsonNode.Parse(bytes))));
    }

    [Fact]
    public void Characters_that_need_no_escape_are_written_as_UTF8_and_control_characters_are_escaped()
    {
        var text = Encoding.UTF8.GetString(JsonFrame.Encode(new JsonObject { ["s"] = "<é>\"\\\n\u0001\U0001F600" }));

        Assert.Equal("{\"s\":\"<é>\\\"\\\\\\n\\u0001\U0001F600\"}", text);
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_an_escape()
    {
        var content = new JsonObject { ["s"] = "a\ud800b\udc00" };

        Assert.Equal("{\"s\":\"a\\ud800b\\udc00\"}", Encoding.UTF8.GetString(JsonFrame.Encode(content)));
    }

    [Fact]
    public void A_large_string_allocates_only_its_frame()
    {
        // What a first chart's display_data carries: plotly.js in text/html, millions of characters with quotes in them.
        var script = string.Concat(Enumerable.Repeat("if (a < b) { s = \"x\\y\" + 'z'; }\n", 60_000));
        var content = new JsonObject { ["data"] = new JsonObject { ["text/html"] = script, ["text/plain"] = "chart" } };
        _ = JsonFrame.Encode(new JsonObject { ["warm"] = "\"" });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = JsonFrame.Encode(content);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(script, (string?)JsonNode.Parse(bytes)!["data"]!["text/html"]);
        // ToJsonString allocated the text as a string (twice the bytes) and its UTF-8 once more, beside pooled buffers.
        Assert.InRange(allocated, bytes.Length, bytes.Length + 64 * 1024);
    }
}
