using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Running;
using Barometer.Kernel.Tests.Support;
using Barometer.Kernel.Widgets;
using static Barometer.Kernel.Tests.Support.Notebooks;

namespace Barometer.Kernel.Tests.Widgets;

/// <summary>Widget state: a model's state read back into another model, and the state a headless run saves in the notebook.</summary>
public class WidgetStateTests
{
    [Fact]
    public void A_widgets_state_set_into_a_fresh_widget_gives_the_same_state_and_typed_properties()
    {
        var original = new IntRangeSlider { Min = -10, Max = 10, Value = (-3, 4), Description = "range", ContinuousUpdate = false };
        var dropdown = new Dropdown { Options = ["a", "b", "c"], Value = "c" };
        var multiple = new SelectMultiple { Options = ["x", "y", "z"], Value = ["z", "x"] };

        var copy = new IntRangeSlider();
        copy.SetState(Without(original.GetState(), "layout", "style")); // references name open widgets only
        var dropdownCopy = new Dropdown();
        dropdownCopy.SetState(Without(dropdown.GetState(), "layout", "style"));
        var multipleCopy = new SelectMultiple();
        multipleCopy.SetState(Without(multiple.GetState(), "layout", "style"));

        Assert.Equal(((-3, 4), -10, 10, "range", false), (copy.Value, copy.Min, copy.Max, copy.Description, copy.ContinuousUpdate));
        Assert.True(JsonNode.DeepEquals(Without(original.GetState(), "layout", "style"), Without(copy.GetState(), "layout", "style")));
        Assert.Equal(("c", 2), (dropdownCopy.Value, dropdownCopy.Index));
        Assert.Equal(["x", "z"], multipleCopy.Value);
        Assert.Equal("[-3,4]", original.GetState()["value"]!.ToJsonString());
    }

    [Fact]
    public async Task A_headless_run_saves_the_last_state_of_every_widget_under_metadata_widgets_and_shows_a_view_with_a_text_fallback()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "w.ipynb", Create(
            Code("var slider = new IntSlider { Max = 10, Value = 3 };\nvar label = new Label(\"start\");\nslider.ValueChanged += (_, e) => label.Value = $\"at {e.NewValue}\";\nnew VBox(slider, label)"),
            Code("slider.Value = 7;"),
            Code("var gone = new Checkbox();\ngone.Display();\ngone.Close();")));

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("out.ipynb") });
        var notebook = await NotebookFile.LoadAsync(dir.File("out.ipynb"));

        Assert.True(result.Succeeded, result.FirstError?.Message);
        var saved = notebook.Metadata["widgets"]!["application/vnd.jupyter.widget-state+json"]!;
        Assert.Equal((2, 0), ((int)saved["version_major"]!, (int)saved["version_minor"]!));
        var models = saved["state"]!.AsObject();
        var slider = models.Single(m => (string?)m.Value!["model_name"] == "IntSliderModel");
        Assert.Equal(("@jupyter-widgets/controls", "2.0.0", 7, 10), ((string?)slider.Value!["model_module"], (string?)slider.Value["model_module_version"], (int)slider.Value["state"]!["value"]!, (int)slider.Value["state"]!["max"]!));
        Assert.Equal("at 7", (string?)models.Single(m => (string?)m.Value!["model_name"] == "LabelModel").Value!["state"]!["value"]);
        Assert.DoesNotContain(models, m => (string?)m.Value!["model_name"] == "CheckboxModel");
        Assert.Contains(models, m => (string?)m.Value!["model_name"] == "LayoutModel");
        var view = notebook.Cells[0].Outputs.Single().Data!;
        var box = models.Single(m => (string?)m.Value!["model_name"] == "VBoxModel");
        Assert.Equal(box.Key, (string?)JsonNode.Parse(view["application/vnd.jupyter.widget-view+json"])!["model_id"]);
        Assert.StartsWith("VBox(children=", view["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_buffers_are_saved_as_base64_entries_with_their_paths()
    {
        var recorder = new WidgetStateRecorder();
        var state = new JsonObject { ["_model_name"] = "ImageModel", ["_model_module"] = "@jupyter-widgets/controls", ["_model_module_version"] = "2.0.0", ["format"] = "png" };
        recorder.Observe("comm_open", new JsonObject { ["comm_id"] = "m1", ["target_name"] = "jupyter.widget", ["data"] = new JsonObject { ["state"] = state, ["buffer_paths"] = new JsonArray(new JsonArray("value")) } }, [[1, 2, 3]]);
        recorder.Observe("comm_msg", new JsonObject { ["comm_id"] = "m1", ["data"] = new JsonObject { ["method"] = "update", ["state"] = new JsonObject { ["format"] = "jpeg" }, ["buffer_paths"] = new JsonArray() } }, []);
        recorder.Observe("comm_msg", new JsonObject { ["comm_id"] = "m1", ["data"] = new JsonObject { ["method"] = "custom", ["content"] = new JsonObject() } }, []);

        var model = recorder.ToNotebookMetadata()[WidgetStateRecorder.StateMimeType]!["state"]!["m1"]!;

        Assert.Equal("jpeg", (string?)model["state"]!["format"]);
        Assert.Equal("""[{"path":["value"],"encoding":"base64","data":"AQID"}]""", model["buffers"]!.ToJsonString());
    }

    private static JsonObject Without(JsonObject state, params string[] names)
    {
        var copy = (JsonObject)state.DeepClone();
        foreach (var name in names)
        {
            copy.Remove(name);
        }

        return copy;
    }
}
