using Barometer.Kernel.Execution;

namespace Barometer.Kernel.Tests.Widgets;

/// <summary>
/// The widget names (<c>Layout</c>, <c>Label</c>, <c>Output</c>, …) come from a default import, which C# scripting puts
/// in a scope outside the cells' own <c>using</c>s: a namespace a cell imports wins for a name both have, with no
/// CS0104, and the widget type stays reachable by its full name or, for a widget's layout and style, by a nested
/// initializer that names no type.
/// </summary>
public sealed class WidgetNameTests
{
    private static ScriptSession NewSession() => new(new ScriptSessionOptions { DocumentName = "names.ipynb" });

    [Fact]
    public async Task A_namespace_a_cell_imports_wins_over_a_widget_name_and_the_widgets_still_compile()
    {
        using var session = NewSession();

        // System.Reflection.Emit.Label is a framework type named as the Label widget.
        var same = await session.ExecuteAsync(
            "using System.Reflection.Emit;\nvar slider = new IntSlider { Max = 9, Layout = { Width = \"50%\" } };\n" +
            "var label = new Barometer.Kernel.Widgets.Label(\"widget\");\n$\"{typeof(Label).FullName} {slider.Layout.Width} {label.Value}\"");
        var later = await session.ExecuteAsync("$\"{typeof(Label).FullName} {typeof(Output).FullName} {new HBox(slider, label).Children.Count}\"");

        Assert.True(same.Succeeded, same.Error?.EValue);
        Assert.Equal("System.Reflection.Emit.Label 50% widget", same.ReturnValue);
        Assert.True(later.Succeeded, later.Error?.EValue);
        Assert.Equal("System.Reflection.Emit.Label Barometer.Kernel.Widgets.Output 2", later.ReturnValue);
    }

    [Fact]
    public async Task Without_an_import_of_that_name_the_widget_names_need_no_using()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync(
            "var parts = new object[] { new Layout { Width = \"1px\" }, new Label(\"a\"), new Text(), new Button(), new Output(), new Tab() };\n" +
            "string.Join(\" \", parts.Select(p => p.GetType().FullName))");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("Barometer.Kernel.Widgets.Layout Barometer.Kernel.Widgets.Label Barometer.Kernel.Widgets.Text Barometer.Kernel.Widgets.Button Barometer.Kernel.Widgets.Output Barometer.Kernel.Widgets.Tab", result.ReturnValue);
    }
}
