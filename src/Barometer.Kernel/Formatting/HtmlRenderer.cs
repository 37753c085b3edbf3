using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;

namespace Barometer.Kernel.Formatting;

/// <summary>
/// The default <c>text/html</c> rendering: a table of public properties for collections of objects (one row
/// per item), a key/value table for dictionaries, a property/value table for a single record or anonymous
/// object. Every value is HTML-escaped, except markup (<see cref="IHtmlMarkup"/>) and values with a formatter the
/// notebook registered for <c>text/html</c> (<paramref name="registry"/>), whose HTML is used as it is. Other values get
/// no HTML (plain text only).
/// </summary>
internal sealed class HtmlRenderer(PlainTextRenderer plain, int maxRows, FormatterRegistry? registry = null)
{
    /// <summary>
    /// A table of <paramref name="rows"/> whatever they hold (what <c>DisplayTable()</c> shows): a column per
    /// property for objects, one <c>value</c> column for scalars.
    /// </summary>
    public string RenderTable(IEnumerable rows)
    {
        if (TryRenderSequence(rows, out var html))
        {
            return html;
        }

        var (items, more) = PlainTextRenderer.Take(rows, maxRows);
        var sb = new StringBuilder("<table>\n<thead><tr><th><i>index</i></th><th>value</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append("<tr><td>").Append(i).Append("</td><td>").Append(Cell(items[i])).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>");
        AppendMore(sb, rows, items.Count, more);
        return sb.ToString();
    }

    public bool TryRender(object value, out string html)
    {
        html = string.Empty;
        var type = value.GetType();
        if (TypeNames.IsScalar(type))
        {
            return false;
        }

        if (value is IEnumerable enumerable)
        {
            return PlainTextRenderer.TryDictionaryEntries(enumerable, out var entries)
                ? TryRenderDictionary(entries, out html)
                : TryRenderSequence(enumerable, out html);
        }

        if (TypeNames.IsRecord(type) || TypeNames.IsAnonymous(type))
        {
            html = RenderObject(value, type);
            return true;
        }

        return false;
    }

    private bool TryRenderSequence(IEnumerable enumerable, out string html)
    {
        html = string.Empty;
        var (items, more) = PlainTextRenderer.Take(enumerable, maxRows);
        if (!items.Any(i => IsComplex(i) || (i is not null && registry?.TryFormat(i, MimeTypes.Html) is not null)))
        {
            return false;
        }

        // Columns: the union of the items' members by name, in first-seen order.
        var columns = new List<string>();
        foreach (var item in items)
        {
            if (item is null || !IsComplex(item))
            {
                continue;
            }

            foreach (var member in MemberReader.MembersOf(item.GetType()))
            {
                if (!columns.Contains(member.Name))
                {
                    columns.Add(member.Name);
                }
            }
        }

        var sb = new StringBuilder("<table>\n<thead><tr><th><i>index</i></th>");
        foreach (var column in columns)
        {
            sb.Append("<th>").Append(Encode(column)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            sb.Append("<tr><td>").Append(i).Append("</td>");
            if (item is null || !IsComplex(item))
            {
                sb.Append("<td colspan=\"").Append(Math.Max(columns.Count, 1)).Append("\">").Append(Cell(item)).Append("</td>");
            }
            else
            {
                var members = MemberReader.MembersOf(item.GetType());
                foreach (var column in columns)
                {
                    var member = FindMember(members, column);
                    sb.Append("<td>").Append(member is null ? string.Empty : Cell(MemberReader.Read(member, item))).Append("</td>");
                }
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>");
        AppendMore(sb, enumerable, items.Count, more);
        html = sb.ToString();
        return true;
    }

    private bool TryRenderDictionary(IEnumerable<(object? Key, object? Value)> entries, out string html)
    {
        var taken = entries.Take(maxRows + 1).ToList();
        var sb = new StringBuilder("<table>\n<thead><tr><th><i>key</i></th><th>value</th></tr></thead>\n<tbody>\n");
        foreach (var (key, value) in taken.Take(maxRows))
        {
            sb.Append("<tr><td>").Append(Cell(key)).Append("</td><td>").Append(Cell(value)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>");
        if (taken.Count > maxRows)
        {
            sb.Append("\n<p><i>(more entries not shown)</i></p>");
        }

        html = sb.ToString();
        return true;
    }

    private string RenderObject(object value, Type type)
    {
        var sb = new StringBuilder("<table>\n<thead><tr><th colspan=\"2\">")
            .Append(Encode(TypeNames.CSharpName(type)))
            .Append("</th></tr></thead>\n<tbody>\n");
        foreach (var member in MemberReader.MembersOf(type))
        {
            sb.Append("<tr><td>").Append(Encode(member.Name)).Append("</td><td>")
              .Append(Cell(MemberReader.Read(member, value))).Append("</td></tr>\n");
        }

        return sb.Append("</tbody>\n</table>").ToString();
    }

    private static void AppendMore(StringBuilder sb, IEnumerable enumerable, int shown, bool more)
    {
        if (!more)
        {
            return;
        }

        var count = PlainTextRenderer.TryCount(enumerable);
        sb.Append("\n<p><i>(").Append(count is int c ? $"{c - shown} more rows" : "more rows").Append(" not shown)</i></p>");
    }

    private static MemberInfo? FindMember(IReadOnlyList<MemberInfo> members, string name)
    {
        foreach (var member in members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }

    private string Cell(object? value) =>
        registry?.TryFormat(value, MimeTypes.Html) ?? (value is IHtmlMarkup html ? html.ToHtml() : Encode(plain.Inline(value, 1)));

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);

    private bool IsComplex(object? item) =>
        item is not null && !TypeNames.IsScalar(item.GetType()) && item is not IEnumerable &&
        MemberReader.MembersOf(item.GetType()).Count > 0 && registry?.TryFormat(item, MimeTypes.Html) is null;
}
