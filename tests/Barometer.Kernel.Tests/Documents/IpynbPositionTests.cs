using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Tests.Documents;

/// <summary>Malformed notebook JSON is reported at a 1-based line and character column (System.Text.Json's are 0-based bytes).</summary>
public class IpynbPositionTests
{
    [Fact]
    public void Malformed_json_is_reported_at_its_one_based_line_and_column()
    {
        // Line 4 (1-based), the stray 'x' is its 3rd character.
        var json = "{\n  \"nbformat\": 4,\n  \"cells\": [],\n  x\n}\n";
        var e = Assert.Throws<NotebookFormatException>(() => IpynbReader.Parse(json));
        Assert.Equal((4, 3), (e.Line, e.Column));
        Assert.StartsWith("The notebook is not valid JSON at line 4, column 3: ", e.Message);
        Assert.DoesNotContain("LineNumber: 3", e.Message);
    }

    [Fact]
    public void The_column_counts_characters_not_bytes()
    {
        // "ü" and "–" take 2 and 3 bytes in UTF-8; the missing comma after the string is the 17th character of line 2.
        var json = "{\n  \"a\": \"üü––\" \"b\": 1\n}";
        var e = Assert.Throws<NotebookFormatException>(() => IpynbReader.Parse(json));
        Assert.Equal(2, e.Line);
        Assert.Equal(json.Split('\n')[1].IndexOf("\"b\"", StringComparison.Ordinal) + 1, e.Column);
    }
}
