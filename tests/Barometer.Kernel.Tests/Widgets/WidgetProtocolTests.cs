using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Widgets;

/// <summary>The Jupyter widget protocol 2.1 against an in-memory front end, driven as a widget manager drives it.</summary>
public class WidgetProtocolTests
{
    [Fact]
    public async Task A_slider_as_a_cells_value_opens_its_layout_and_style_first_then_itself_with_full_state_and_shows_a_widget_view()
    {
        await using var kernel = new InMemoryKernel();

        var cell = kernel.Execute("new IntSlider { Value = 150, Max = 200, Description = \"n\" }");
        await kernel.ReplyAsync(cell);
        var iopub = await kernel.IopubAsync(cell);

        var opens = iopub.Where(m => m.MessageType == "comm_open").ToList();
        Assert.Equal(["LayoutModel", "SliderStyleModel", "IntSliderModel"], opens.Select(m => (string?)m.Content["data"]!["state"]!["_model_name"]));
        Assert.All(opens, m => Assert.Equal(("jupyter.widget", "2.1.0"), ((string?)m.Content["target_name"], (string?)m.Metadata["version"])));
        var slider = opens[2].Content["data"]!["state"]!;
        Assert.Equal((150, 200, 0, 1, "n", "@jupyter-widgets/controls", "2.0.0", "IntSliderView"),
            ((int)slider["value"]!, (int)slider["max"]!, (int)slider["min"]!, (int)slider["step"]!, (string?)slider["description"], (string?)slider["_model_module"], (string?)slider["_model_module_version"], (string?)slider["_view_name"]));
        Assert.Equal("IPY_MODEL_" + (string?)opens[0].Content["comm_id"], (string?)slider["layout"]);
        Assert.Equal("IPY_MODEL_" + (string?)opens[1].Content["comm_id"], (string?)slider["style"]);
        var result = Assert.Single(iopub, m => m.MessageType == "execute_result").Content["data"]!;
        Assert.Equal((2, 0, (string?)opens[2].Content["comm_id"]),
            ((int)result["application/vnd.jupyter.widget-view+json"]!["version_major"]!, (int)result["application/vnd.jupyter.widget-view+json"]!["version_minor"]!, (string?)result["application/vnd.jupyter.widget-view+json"]!["model_id"]));
        Assert.Equal("IntSlider(value=150, description='n', max=200)", (string?)result["text/plain"]);
    }

    [Fact]
    public async Task An_update_from_the_front_end_is_echoed_applied_and_raises_ValueChanged_and_a_kernel_change_is_sent_as_update()
    {
        await using var kernel = new InMemoryKernel();
        var setup = kernel.Execute("""
            var slider = new FloatSlider { Max = 1 };
            var seen = new List<string>();
            slider.ValueChanged += (_, e) => seen.Add($"{e.OldValue}->{e.NewValue}");
            slider.Display();
            """);
        await kernel.ReplyAsync(setup);
        var id = (string?)(await kernel.IopubAsync(setup)).Last(m => m.MessageType == "comm_open").Content["comm_id"];

        var update = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = id, ["data"] = new JsonObject { ["method"] = "update", ["state"] = new JsonObject { ["value"] = 0.25 }, ["buffer_paths"] = new JsonArray() } });
        var handled = await kernel.IopubAsync(update);
        var read = kernel.Execute("slider.Value = 0.5; string.Join(\",\", seen)");
        await kernel.ReplyAsync(read);
        var readIopub = await kernel.IopubAsync(read);

        var echo = Assert.Single(handled, m => m.MessageType == "comm_msg");
        Assert.Equal(("echo_update", 0.25), ((string?)echo.Content["data"]!["method"], (double)echo.Content["data"]!["state"]!["value"]!));
        Assert.Equal(update.MessageId, echo.ParentMessageId);
        var sent = Assert.Single(readIopub, m => m.MessageType == "comm_msg").Content["data"]!;
        Assert.Equal(("update", """{"value":0.5}"""), ((string?)sent["method"], sent["state"]!.ToJsonString()));
        Assert.Equal("0->0.25,0.25->0.5", (string?)readIopub.Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
    }

    [Fact]
    public async Task Request_state_is_answered_with_the_whole_state_and_the_control_comm_answers_request_states_for_every_widget()
    {
        await using var kernel = new InMemoryKernel();
        var setup = kernel.Execute("var box = new VBox(new Checkbox { Value = true }, new Label(\"hi\")); box");
        await kernel.ReplyAsync(setup);
        var opens = (await kernel.IopubAsync(setup)).Where(m => m.MessageType == "comm_open").ToList();
        var boxId = (string?)opens[^1].Content["comm_id"];

        var request = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = boxId, ["data"] = new JsonObject { ["method"] = "request_state" } });
        var answer = Assert.Single(await kernel.IopubAsync(request), m => m.MessageType == "comm_msg").Content["data"]!;
        var control = kernel.Send("comm_open", new JsonObject { ["comm_id"] = "ctl", ["target_name"] = "jupyter.widget.control", ["data"] = new JsonObject() });
        await kernel.IopubAsync(control);
        var states = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = "ctl", ["data"] = new JsonObject { ["method"] = "request_states" } });
        var all = Assert.Single(await kernel.IopubAsync(states), m => m.MessageType == "comm_msg").Content["data"]!;

        Assert.Equal("update", (string?)answer["method"]);
        Assert.Equal("VBoxModel", (string?)answer["state"]!["_model_name"]);
        Assert.Equal(2, answer["state"]!["children"]!.AsArray().Count);
        Assert.Equal("update_states", (string?)all["method"]);
        Assert.Equal(opens.Select(o => (string?)o.Content["comm_id"]).Order(), all["states"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("CheckboxModel", (string?)all["states"]!.AsObject().Single(p => (string?)p.Value!["model_name"] == "CheckboxModel").Value!["state"]!["_model_name"]);
    }

    [Fact]
    public async Task Binary_values_go_out_as_buffers_named_by_buffer_paths_and_come_back_in_at_their_paths()
    {
        await using var kernel = new InMemoryKernel();
        var setup = kernel.Execute("""
            class Blob : Widget
            {
                public Blob() : base("test", "BlobModel", null, null) { Define<byte[]?>("data", new byte[] { 1, 2, 3 }); }
                public byte[]? Data { get => Get<byte[]?>("data"); set => Set("data", value); }
            }
            var blob = new Blob();
            blob.Open();
            """);
        await kernel.ReplyAsync(setup);
        var open = (await kernel.IopubAsync(setup)).Single(m => m.MessageType == "comm_open");

        var update = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = open.Content["comm_id"]!.DeepClone(), ["data"] = new JsonObject { ["method"] = "update", ["state"] = new JsonObject(), ["buffer_paths"] = new JsonArray(new JsonArray("data")) } }, buffers: [[7, 7]]);
        var echo = Assert.Single(await kernel.IopubAsync(update), m => m.MessageType == "comm_msg");
        var read = kernel.Execute("string.Join(\",\", blob.Data!)");
        await kernel.ReplyAsync(read);

        Assert.Equal("""[["data"]]""", open.Content["data"]!["buffer_paths"]!.ToJsonString());
        Assert.False(open.Content["data"]!["state"]!.AsObject().ContainsKey("data"));
        Assert.Equal(new byte[][] { [1, 2, 3] }, open.Buffers);
        Assert.Equal(new byte[][] { [7, 7] }, echo.Buffers);
        Assert.Equal("7,7", (string?)(await kernel.IopubAsync(read)).Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_value_a_front_end_sends_while_a_cell_runs_reaches_the_running_cell()
    {
        await using var kernel = new InMemoryKernel();

        // The cell can only end when the slider's update is handled while it runs.
        var cell = kernel.Execute("""
            var slider = new IntSlider();
            var moved = new TaskCompletionSource<int>();
            slider.ValueChanged += (_, e) => moved.TrySetResult(e.NewValue);
            slider.Display();
            Console.WriteLine("shown");
            var value = await moved.Task.WaitAsync(CancellationToken);
            Console.WriteLine($"slider at {value}, Value {slider.Value}");
            """);
        var open = (await kernel.WaitForIopubAsync(cell, "display_data")) is { } shown
            ? kernel.IopubSoFar(cell).Last(m => m.MessageType == "comm_open")
            : throw new InvalidOperationException();
        await kernel.WaitForIopubAsync(cell, "stream");
        var update = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = open.Content["comm_id"]!.DeepClone(), ["data"] = new JsonObject { ["method"] = "update", ["state"] = new JsonObject { ["value"] = 42 } } });
        await kernel.IopubAsync(update);
        var reply = await kernel.ReplyAsync(cell);
        var iopub = await kernel.IopubAsync(cell);

        Assert.Equal("ok", (string?)reply.Content["status"]);
        Assert.Equal(["shown\n", "slider at 42, Value 42\n"], iopub.Where(m => m.MessageType == "stream").Select(m => (string?)m.Content["text"]));
    }

    [Fact]
    public async Task A_button_click_runs_its_handler_which_writes_into_an_Output_widget_as_a_state_update()
    {
        await using var kernel = new InMemoryKernel();
        var setup = kernel.Execute("""
            var button = new Button { Description = "Go" };
            var output = new Output();
            var clicks = 0;
            button.Click += (_, _) => output.Capture(() => { clicks++; Console.WriteLine($"click {clicks}"); display(HTML("<b>done</b>")); });
            new HBox(button, output)
            """);
        await kernel.ReplyAsync(setup);
        var opens = (await kernel.IopubAsync(setup)).Where(m => m.MessageType == "comm_open").ToList();
        var buttonId = opens.Single(m => (string?)m.Content["data"]!["state"]!["_model_name"] == "ButtonModel").Content["comm_id"]!.DeepClone();
        var outputId = (string?)opens.Single(m => (string?)m.Content["data"]!["state"]!["_model_name"] == "OutputModel").Content["comm_id"];

        var click = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = buttonId, ["data"] = new JsonObject { ["method"] = "custom", ["content"] = new JsonObject { ["event"] = "click" } } });
        var handled = await kernel.IopubAsync(click);

        var updates = handled.Where(m => m.MessageType == "comm_msg" && (string?)m.Content["comm_id"] == outputId).ToList();
        var last = updates[^1].Content["data"]!["state"]!["outputs"]!.AsArray();
        Assert.Equal(2, last.Count);
        Assert.Equal(("stream", "stdout", "click 1\n"), ((string?)last[0]!["output_type"], (string?)last[0]!["name"], (string?)last[0]!["text"]));
        Assert.Equal(("display_data", "<b>done</b>"), ((string?)last[1]!["output_type"], (string?)last[1]!["data"]!["text/html"]));
        Assert.DoesNotContain(handled, m => m.MessageType is "stream" or "display_data");
    }

    [Fact]
    public async Task Interact_makes_a_control_per_parameter_and_reruns_the_function_into_its_output_when_a_control_moves()
    {
        await using var kernel = new InMemoryKernel();
        var cell = kernel.Execute("Interact((int n, bool square) => square ? n * n : n, (0, 10), true);");
        await kernel.ReplyAsync(cell);
        var opens = (await kernel.IopubAsync(cell)).Where(m => m.MessageType == "comm_open").ToList();
        var slider = opens.Single(m => (string?)m.Content["data"]!["state"]!["_model_name"] == "IntSliderModel");
        var output = opens.Single(m => (string?)m.Content["data"]!["state"]!["_model_name"] == "OutputModel");

        var update = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = slider.Content["comm_id"]!.DeepClone(), ["data"] = new JsonObject { ["method"] = "update", ["state"] = new JsonObject { ["value"] = 7 } } });
        var handled = await kernel.IopubAsync(update);

        Assert.Equal((0, 10, 5, "n"), ((int)slider.Content["data"]!["state"]!["min"]!, (int)slider.Content["data"]!["state"]!["max"]!, (int)slider.Content["data"]!["state"]!["value"]!, (string?)slider.Content["data"]!["state"]!["description"]));
        Assert.Contains(opens, m => (string?)m.Content["data"]!["state"]!["_model_name"] == "CheckboxModel" && (bool)m.Content["data"]!["state"]!["value"]! && (string?)m.Content["data"]!["state"]!["description"] == "square");
        Assert.Equal("25", (string?)output.Content["data"]!["state"]!["outputs"]![0]!["data"]!["text/plain"]);
        var last = handled.Last(m => m.MessageType == "comm_msg" && (string?)m.Content["comm_id"] == (string?)output.Content["comm_id"]);
        Assert.Equal("49", (string?)last.Content["data"]!["state"]!["outputs"]![0]!["data"]!["text/plain"]);
    }
}
