using System.Collections;
using System.Dynamic;
using System.Globalization;
using System.Text;
using System.Web;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Formatting;

namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// HTML written as C#, as .NET Interactive's PocketView: <c>div(b("bold"), " and ", i("italic"))</c>,
/// attributes through an indexer with named arguments (<c>span[style: "color:red"]("warm")</c>,
/// <c>div[@class: "note"]</c>; an underscore in a name becomes a hyphen), content through a call. Text content is
/// HTML-encoded; PocketViews and <c>HTML(...)</c> markup are kept as they are; other values are written as the
/// session would show them in HTML (a registered formatter, a table, or their encoded text). Shown as
/// <c>text/html</c>; <see cref="ToString"/> is the HTML. Tags are the members of <see cref="PocketViewTags"/>, which
/// every cell imports.
/// </summary>
public class PocketView : DynamicObject, IHtmlMarkup
{
    private readonly string? _tagName;
    private readonly bool _selfClosing;
    private readonly List<KeyValuePair<string, object?>> _attributes = [];
    private object?[]? _content;

    /// <summary>A root view whose members are tags (<c>PocketViewTags._.anyTag</c>).</summary>
    public PocketView()
    {
    }

    /// <summary>A view of the element <paramref name="tagName"/>.</summary>
    public PocketView(string tagName)
        : this(tagName, selfClosing: false)
    {
    }

    internal PocketView(string tagName, bool selfClosing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tagName);
        _tagName = tagName;
        _selfClosing = selfClosing;
    }

    /// <summary>A new element named after the member (<c>_.section</c>).</summary>
    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        ArgumentNullException.ThrowIfNull(binder);
        result = new PocketView(binder.Name);
        return true;
    }

    /// <summary>A new element named after the method, with the arguments as its content (<c>_.section("text")</c>).</summary>
    public override bool TryInvokeMember(InvokeMemberBinder binder, object?[]? args, out object? result)
    {
        ArgumentNullException.ThrowIfNull(binder);
        var view = new PocketView(binder.Name);
        view.SetContent(args);
        result = view;
        return true;
    }

    /// <summary>Sets the element's content (<c>div(...)</c>).</summary>
    public override bool TryInvoke(InvokeBinder binder, object?[]? args, out object? result)
    {
        SetContent(args);
        result = this;
        return true;
    }

    /// <summary>Sets attributes (<c>a[href: "…", target: "_blank"]</c>; a positional string is an attribute without value).</summary>
    public override bool TryGetIndex(GetIndexBinder binder, object?[] indexes, out object? result)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(indexes);
        var names = binder.CallInfo.ArgumentNames;
        var offset = indexes.Length - names.Count;
        for (var i = 0; i < indexes.Length; i++)
        {
            var value = indexes[i];
            if (value is IDictionary<string, object?> dictionary)
            {
                foreach (var pair in dictionary)
                {
                    SetAttribute(pair.Key, pair.Value);
                }
            }
            else if (i >= offset)
            {
                SetAttribute(names[i - offset].Replace('_', '-'), value);
            }
            else if (value is string bare)
            {
                SetAttribute(bare, null);
            }
        }

        result = this;
        return true;
    }

    /// <summary>Replaces the element's content with <paramref name="args"/> (no arguments: no change).</summary>
    public virtual void SetContent(object?[]? args)
    {
        if (args is null || args.Length == 0)
        {
            return;
        }

        _content = args;
    }

    /// <summary>The HTML of the element.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }

    string IHtmlMarkup.ToHtml() => ToString();

    private void SetAttribute(string name, object? value)
    {
        _attributes.RemoveAll(a => a.Key == name);
        _attributes.Add(new KeyValuePair<string, object?>(name, value));
    }

    private void WriteTo(StringBuilder sb)
    {
        if (_tagName is null)
        {
            return;
        }

        sb.Append('<').Append(_tagName);
        foreach (var (name, value) in _attributes)
        {
            sb.Append(' ').Append(name);
            if (value is not null)
            {
                var text = value is IHtmlMarkup markup ? markup.ToHtml() : HttpUtility.HtmlAttributeEncode(Convert.ToString(value, CultureInfo.InvariantCulture));
                sb.Append("=\"").Append(text).Append('"');
            }
        }

        if (_content is null && _selfClosing)
        {
            sb.Append(" />");
            return;
        }

        sb.Append('>');
        if (_content is not null)
        {
            WriteContent(sb, _content);
        }

        sb.Append("</").Append(_tagName).Append('>');
    }

    private static void WriteContent(StringBuilder sb, IEnumerable<object?> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case string text:
                    sb.Append(HttpUtility.HtmlEncode(text));
                    break;
                case PocketView view:
                    view.WriteTo(sb);
                    break;
                case IHtmlMarkup markup:
                    sb.Append(markup.ToHtml());
                    break;
                case IEnumerable sequence when sequence.Cast<object?>().ToList() is { Count: > 0 } list && list.All(x => x is IHtmlMarkup):
                    WriteContent(sb, list);
                    break;
                default:
                    sb.Append(AsHtml(item));
                    break;
            }
        }
    }

    private static string AsHtml(object? value)
    {
        var bundle = (RunningCell.Current?.Formatters ?? FormatterSet.Default).Format(value);
        return bundle.TryGetValue(MimeTypes.Html, out var html) ? html : HttpUtility.HtmlEncode(bundle[MimeTypes.PlainText]);
    }
}
