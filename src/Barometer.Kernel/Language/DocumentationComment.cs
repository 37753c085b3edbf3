using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Barometer.Kernel.Language;

/// <summary>
/// The parts of an XML documentation comment (<c>summary</c>, <c>param</c>, <c>typeparam</c>, <c>returns</c>,
/// <c>remarks</c>, <c>exception</c>) as text: <c>&lt;see cref="T:System.Math"/&gt;</c> becomes <c>Math</c>,
/// <c>&lt;paramref name="x"/&gt;</c> becomes <c>x</c>, <c>&lt;c&gt;</c> code spans become backticks when rendering
/// Markdown, whitespace is folded.
/// </summary>
internal sealed partial record DocumentationComment(
    string Summary,
    IReadOnlyList<(string Name, string Text)> Parameters,
    IReadOnlyList<(string Name, string Text)> TypeParameters,
    string Returns,
    string Remarks,
    IReadOnlyList<(string Type, string Text)> Exceptions)
{
    public static readonly DocumentationComment Empty = new(string.Empty, [], [], string.Empty, string.Empty, []);

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"`+\d+")]
    private static partial Regex GenericArity();

    public bool IsEmpty => Summary.Length == 0 && Parameters.Count == 0 && Returns.Length == 0 && Remarks.Length == 0;

    /// <summary>Parses the XML Roslyn returns for a symbol (<c>GetDocumentationCommentXml</c>); bad XML gives <see cref="Empty"/>.</summary>
    public static DocumentationComment Parse(string? xml, bool markdown)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return Empty;
        }

        XElement root;
        try
        {
            root = XElement.Parse("<root>" + xml + "</root>", LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return Empty;
        }

        var member = root.Element("member") ?? root.Element("doc") ?? root;
        return new DocumentationComment(
            Render(member.Element("summary"), markdown),
            member.Elements("param").Select(p => ((string?)p.Attribute("name") ?? "?", Render(p, markdown))).ToList(),
            member.Elements("typeparam").Select(p => ((string?)p.Attribute("name") ?? "?", Render(p, markdown))).ToList(),
            Render(member.Element("returns"), markdown),
            Render(member.Element("remarks"), markdown),
            member.Elements("exception").Select(e => (CrefName((string?)e.Attribute("cref")), Render(e, markdown))).ToList());
    }

    private static string Render(XElement? element, bool markdown)
    {
        if (element is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        RenderNodes(element.Nodes(), builder, markdown);
        var paragraphs = builder.ToString().Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Whitespace().Replace(p, " ").Trim())
            .Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }

    private static void RenderNodes(IEnumerable<XNode> nodes, StringBuilder builder, bool markdown)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    var name = (string?)see.Attribute("langword") ?? CrefName((string?)see.Attribute("cref") ?? (string?)see.Attribute("href"));
                    var label = see.Value.Length > 0 ? see.Value : name;
                    builder.Append(markdown && see.Value.Length == 0 ? $"`{label}`" : label);
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    var referenced = (string?)reference.Attribute("name") ?? string.Empty;
                    builder.Append(markdown ? $"`{referenced}`" : referenced);
                    break;
                case XElement { Name.LocalName: "c" } code:
                    builder.Append(markdown ? $"`{code.Value}`" : code.Value);
                    break;
                case XElement { Name.LocalName: "code" } block:
                    builder.Append("\n\n").Append(markdown ? "```\n" + block.Value.Trim() + "\n```" : block.Value.Trim()).Append("\n\n");
                    break;
                case XElement { Name.LocalName: "para" or "br" } paragraph:
                    builder.Append("\n\n");
                    RenderNodes(paragraph.Nodes(), builder, markdown);
                    builder.Append("\n\n");
                    break;
                case XElement { Name.LocalName: "item" } item:
                    builder.Append("\n\n- ");
                    RenderNodes(item.Nodes(), builder, markdown);
                    break;
                case XElement { Name.LocalName: "term" } term:
                    RenderNodes(term.Nodes(), builder, markdown);
                    builder.Append(" – ");
                    break;
                case XElement other:
                    RenderNodes(other.Nodes(), builder, markdown);
                    break;
            }
        }
    }

    /// <summary><c>M:System.Math.Sqrt(System.Double)</c> → <c>Math.Sqrt</c>; <c>T:System.Double</c> → <c>Double</c>.</summary>
    internal static string CrefName(string? cref)
    {
        if (string.IsNullOrEmpty(cref))
        {
            return string.Empty;
        }

        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren];
        }

        name = GenericArity().Replace(name, string.Empty).Replace("#ctor", "ctor", StringComparison.Ordinal);
        var parts = name.Split('.');
        return cref.StartsWith("T:", StringComparison.Ordinal) || cref.StartsWith("N:", StringComparison.Ordinal) || parts.Length < 2
            ? parts[^1]
            : $"{parts[^2]}.{parts[^1]}";
    }
}
