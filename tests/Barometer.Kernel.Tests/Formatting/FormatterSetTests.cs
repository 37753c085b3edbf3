using Barometer.Kernel.Execution;
using Barometer.Kernel.Formatting;
using SomeChartLibrary;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Kernel.Tests.Formatting;

public record Person(string Name, int Age);

public class Plain
{
    public string Label { get; set; } = "x";

    public double Value { get; set; } = 1.5;
}

public class FormatterSetTests
{
    private readonly FormatterSet _formatters = FormatterSet.Default;

    [Fact]
    public void Scalars_and_strings_are_plain_text_only()
    {
        Assert.Equal(new[] { "text/plain" }, _formatters.Format(42).Keys);
        Assert.Equal("0.1", _formatters.Format(0.1).Values.Single());
        Assert.Equal("hello", _formatters.Format("hello")["text/plain"]);
        Assert.Equal("<null>", _formatters.Format(null)["text/plain"]);
        Assert.Equal("2024-03-01", _formatters.Format(new DateOnly(2024, 3, 1))["text/plain"]);
    }

    [Fact]
    public void Record_collections_get_an_escaped_html_table_and_readable_text()
    {
        var people = new List<Person> { new("<script>alert('x')</script>", 30), new("Bo & Co", 4) };

        var bundle = _formatters.Format(people);

        var html = bundle["text/html"];
        Assert.StartsWith("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Name</th><th>Age</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td><td>30</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Bo &amp; Co</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("Person { Name = Bo & Co, Age = 4 }", bundle["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_record_is_a_two_column_table()
    {
        var bundle = _formatters.Format(new Person("<b>", 1));

        Assert.Contains("<tr><td>Name</td><td>&lt;b&gt;</td></tr>", bundle["text/html"], StringComparison.Ordinal);
        Assert.Equal("Person { Name = <b>, Age = 1 }", bundle["text/plain"]);
    }

    [Fact]
    public void Plain_objects_and_collections_of_them_are_readable()
    {
        Assert.Equal("Plain { Label = x, Value = 1.5 }", _formatters.Format(new Plain())["text/plain"]);
        Assert.False(_formatters.Format(new Plain()).ContainsKey("text/html"));
        Assert.Contains("<th>Label</th><th>Value</th>", _formatters.Format(new[] { new Plain() })["text/html"], StringComparison.Ordinal);
        Assert.Equal("[1, 2, 3]", _formatters.Format(new[] { 1, 2, 3 })["text/plain"]);
        Assert.False(_formatters.Format(new[] { 1, 2, 3 }).ContainsKey("text/html"));
        Assert.Equal("{ a: 1, b: 2 }", _formatters.Format(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 })["text/plain"]);
    }

    [Fact]
    public void Long_collections_are_truncated()
    {
        var bundle = new FormatterSet { MaxItems = 3, MaxTableRows = 2 }.Format(Enumerable.Range(1, 10).Select(i => new Person("p" + i, i)).ToList());

        Assert.Contains("... (7 more)", bundle["text/plain"], StringComparison.Ordinal);
        Assert.Contains("(8 more rows not shown)", bundle["text/html"], StringComparison.Ordinal);
        Assert.Equal(2, bundle["text/html"].Split("<tr><td>").Length - 1);
    }

    [Fact]
    public void TypeFormatterSourceAttribute_convention_adds_the_type_s_formatters_and_wins_over_the_default_html()
    {
        var bundle = _formatters.Format(new Chart("Sales <2024>"));

        Assert.Equal("<svg><title>Sales &lt;2024&gt;</title></svg>", bundle["image/svg+xml"]);
        Assert.Equal("<figure>Sales &lt;2024&gt;</figure>", bundle["text/html"]);
        Assert.True(bundle.ContainsKey("text/plain"));
    }

    [Fact]
    public void The_convention_is_honoured_on_a_base_type()
    {
        var bundle = _formatters.Format(new BarChart("bars") { Bars = 3 });

        Assert.Equal("<svg><title>bars</title></svg>", bundle["image/svg+xml"]);
    }

    [Fact]
    public void PreferredMimeTypes_on_the_attribute_restrict_the_bundle()
    {
        var bundle = _formatters.Format(new PlainOnlyChart("p", 2));

        Assert.Equal(new[] { "text/plain" }, bundle.Keys);
        Assert.Equal("PlainOnlyChart { Title = p, Points = 2 }", bundle["text/plain"]);
    }

    [Fact]
    public void A_failing_formatter_source_falls_back_to_the_defaults_and_says_why()
    {
        var bundle = _formatters.Format(new BrokenChart("b"));

        Assert.Contains("<td>Title</td><td>b</td>", bundle["text/html"], StringComparison.Ordinal);
        Assert.Contains("no formatters today", bundle["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_formatters_come_first_and_sets_are_independent_values()
    {
        var custom = FormatterSet.Default.Add(ValueFormatter.Create<Person>("text/html", p => $"<p>{p.Name}</p>"));

        Assert.Equal("<p>Ann</p>", custom.Format(new Person("Ann", 1))["text/html"]);
        Assert.StartsWith("<table>", FormatterSet.Default.Format(new Person("Ann", 1))["text/html"], StringComparison.Ordinal);
        Assert.Empty(FormatterSet.Default.Formatters);
    }

    [Fact]
    public async Task Cells_returning_a_type_from_a_referenced_library_use_its_formatter_source()
    {
        using var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "f.ipynb" });

        var result = await session.ExecuteAsync($"#r \"{typeof(Chart).Assembly.Location}\"\nnew SomeChartLibrary.Chart(\"from a cell\")");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("<svg><title>from a cell</title></svg>", Assert.Single(result.Outputs).Data["image/svg+xml"]);
    }

    [Fact]
    public async Task Html_table_of_records_declared_in_a_cell_escapes_script_tags()
    {
        using var session = new ScriptSession();

        var result = await session.ExecuteAsync("record Row(string Text, int N);\nnew[] { new Row(\"<script>bad()</script>\", 1) }");

        var html = Assert.Single(result.Outputs).Data["text/html"];
        Assert.Contains("&lt;script&gt;bad()&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}

public class FormattingFailureTests
{
    [Fact]
    public async Task A_result_whose_enumeration_throws_is_shown_as_an_error_text_not_a_crash()
    {
        using var session = new ScriptSession();

        var result = await session.ExecuteAsync("IEnumerable<int> Broken() { yield return 1; throw new InvalidOperationException(\"enumeration failed\"); }\nBroken()");

        Assert.True(result.Succeeded);
        var text = Assert.Single(result.Outputs).Data["text/plain"];
        Assert.Contains("could not be formatted: InvalidOperationException: enumeration failed", text, StringComparison.Ordinal);
    }
}
