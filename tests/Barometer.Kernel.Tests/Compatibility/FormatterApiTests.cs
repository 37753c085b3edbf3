using Barometer.Kernel.Execution;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Compatibility;

/// <summary>The .NET Interactive formatting API (<c>Microsoft.DotNet.Interactive.Formatting.Formatter</c>) run through cells.</summary>
public class FormatterApiTests
{
    private static ScriptSession NewSession() => new(new ScriptSessionOptions { DocumentName = "formatting.ipynb" });

    [Fact]
    public async Task The_namespace_is_accepted_and_a_registered_formatter_shows_the_value_its_displays_and_list_items()
    {
        using var session = NewSession();

        var usings = await session.ExecuteAsync("using Microsoft.DotNet.Interactive.Formatting;\nusing Microsoft.DotNet.Interactive;");
        var value = await session.ExecuteAsync("public record Celsius(double Degrees);\nFormatter.Register<Celsius>(c => $\"<b>{c.Degrees:0.0} °C</b>\", \"text/html\");\nnew Celsius(21.5)");
        var displayed = await session.ExecuteAsync("display(new Celsius(-3));\nnew Celsius(4).Display();");
        var list = await session.ExecuteAsync("new[] { new Celsius(1), new Celsius(2) }");

        Assert.True(usings.Succeeded, usings.Error?.EValue);
        Assert.True(value.Succeeded, value.Error?.EValue);
        Assert.Equal("<b>21.5 °C</b>", value.Outputs.Single().Data["text/html"]);
        Assert.Equal(new[] { "<b>-3.0 °C</b>", "<b>4.0 °C</b>" }, displayed.Outputs.Select(o => o.Data["text/html"]));
        var table = list.Outputs.Single().Data["text/html"];
        Assert.Contains("<b>1.0 °C</b>", table, StringComparison.Ordinal);
        Assert.Contains("<b>2.0 °C</b>", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_writer_formatter_with_a_preferred_mime_type_replaces_the_table_and_ToDisplayString_uses_it()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync(
            "public class Ticket { public string Code { get; set; } = \"\"; public int Seats { get; set; } }\n"
            + "Formatter.Register<Ticket>((ticket, writer) => writer.Write($\"Ticket {ticket.Code} for {ticket.Seats}\"), \"text/plain\");\n"
            + "Formatter.SetPreferredMimeTypesFor(typeof(Ticket), \"text/plain\");\n"
            + "new Ticket { Code = \"A7\", Seats = 2 }");
        var text = await session.ExecuteAsync("new Ticket { Code = \"B1\", Seats = 4 }.ToDisplayString()");

        Assert.True(result.Succeeded, result.Error?.EValue);
        var data = result.Outputs.Single().Data;
        Assert.Equal("Ticket A7 for 2", data["text/plain"]);
        Assert.False(data.ContainsKey("text/html"));
        Assert.Equal("Ticket B1 for 4", text.ReturnValue);
    }

    [Fact]
    public async Task The_non_generic_overload_an_open_generic_type_and_ResetToDefault()
    {
        using var session = NewSession();

        var version = await session.ExecuteAsync("Formatter.Register(typeof(Version), (value, writer) => writer.Write($\"<code>v{value}</code>\"), \"text/html\");\nnew Version(1, 2, 3)");
        var generic = await session.ExecuteAsync("Formatter.Register(typeof(List<>), (value, writer) => writer.Write(\"a list\"), \"text/html\");\nnew List<string> { \"x\" }");
        var html = await session.ExecuteAsync("new Version(1, 2).ToDisplayString(\"text/html\")");
        var reset = await session.ExecuteAsync("Formatter.ResetToDefault();\nnew Version(1, 2, 3)");

        Assert.Equal("<code>v1.2.3</code>", version.Outputs.Single().Data["text/html"]);
        Assert.Equal("a list", generic.Outputs.Single().Data["text/html"]);
        Assert.Equal("<code>v1.2</code>", html.ReturnValue);
        Assert.True(reset.Succeeded, reset.Error?.EValue);
        Assert.DoesNotContain("<code>", string.Concat(reset.Outputs.SelectMany(o => o.Data.Values)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registrations_belong_to_their_session()
    {
        using var first = NewSession();
        using var second = NewSession();

        await first.ExecuteAsync("Formatter.Register<Guid>(g => \"a guid\", \"text/html\");");
        var mine = await first.ExecuteAsync("Guid.Empty");
        var theirs = await second.ExecuteAsync("Guid.Empty");

        Assert.Equal("a guid", mine.Outputs.Single().Data["text/html"]);
        Assert.False(theirs.Outputs.Single().Data.ContainsKey("text/html"));
    }
}
