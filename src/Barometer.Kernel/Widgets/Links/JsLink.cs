using System.Text.Json.Nodes;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// Keeps an attribute of two widgets equal in the front end, without the kernel (ipywidgets' <c>jslink</c>, model
/// <c>LinkModel</c>; <see cref="OneWay"/> is <c>jsdlink</c>, <c>DirectionalLinkModel</c>): works in a page rendered from
/// saved widget state too. Attributes are named by C# property (<c>"Value"</c>) or state name (<c>"value"</c>). The
/// link and both widgets open at once; <see cref="Widget.Close"/> removes the link.
/// </summary>
public sealed class JsLink : Widget
{
    /// <summary>Links <paramref name="source"/>'s attribute with <paramref name="target"/>'s, both ways.</summary>
    public JsLink((Widget Widget, string Name) source, (Widget Widget, string Name) target)
        : this(source, target, "LinkModel")
    {
    }

    private JsLink((Widget Widget, string Name) source, (Widget Widget, string Name) target, string modelName)
        : base("@jupyter-widgets/controls", modelName, null, null)
    {
        ArgumentNullException.ThrowIfNull(source.Widget);
        ArgumentNullException.ThrowIfNull(target.Widget);
        Define<JsonNode>("source", new JsonArray(WidgetJson.ReferencePrefix + source.Widget.ModelId, source.Widget.ResolveName(source.Name)));
        Define<JsonNode>("target", new JsonArray(WidgetJson.ReferencePrefix + target.Widget.ModelId, target.Widget.ResolveName(target.Name)));
        source.Widget.Open();
        target.Widget.Open();
        Open();
    }

    /// <summary>Copies <paramref name="source"/>'s attribute to <paramref name="target"/>'s in the front end, one way.</summary>
    public static JsLink OneWay((Widget Widget, string Name) source, (Widget Widget, string Name) target) => new(source, target, "DirectionalLinkModel");
}
