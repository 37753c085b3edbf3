using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>execute_request</c>: runs the cell in the session, publishes its events as they happen (<see cref="CellPublisher"/>),
/// records it in the history and replies <c>ok</c> or <c>error</c>. <c>silent</c> publishes nothing and takes no
/// execution count, <c>store_history: false</c> takes no count, <c>allow_stdin</c> lets <c>Console.ReadLine()</c> ask the
/// front end; after a failure with <c>stop_on_error</c> (the default) the execute requests already received are answered
/// <c>aborted</c>.
/// </summary>
/// <remarks>
/// Besides the standard fields, the request's metadata may carry <c>cellNumber</c> (the cell's 1-based position in its
/// notebook, used to name it in errors) and <c>kernelName</c> (a Polyglot cell's own language); <c>error</c> messages
/// carry <c>error_kind</c>, <c>line</c> and <c>column</c> beside ename/evalue/traceback. The headless runner
/// (<see cref="Running.JupyterKernel"/>) uses them; other front ends ignore them.
/// </remarks>
internal sealed class ExecuteHandler(Interpreter interpreter, StdinInput stdin) : IMessageHandler
{
    public async Task HandleAsync(KernelRequest request)
    {
        var message = request.Message;
        var code = request.Text("code");
        var silent = request.Flag("silent", false);
        var storeHistory = request.Flag("store_history", true) && !silent;
        var allowStdin = request.Flag("allow_stdin", true);
        var stopOnError = request.Flag("stop_on_error", true);

        if (request.IsAborted)
        {
            // Queued behind a failed cell that asked to stop on error.
            request.Reply("execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = interpreter.CurrentSession?.ExecutionCount ?? 0 });
            return;
        }

        var publisher = new CellPublisher(request.Sender, message, silent);
        var submission = new CellSubmission(code)
        {
            CellNumber = message.Metadata["cellNumber"] is JsonValue number && number.TryGetValue<int>(out var cellNumber) && cellNumber > 0 ? cellNumber : null,
            KernelName = message.Metadata["kernelName"] is JsonValue kernel && kernel.TryGetValue<string>(out var kernelName) ? kernelName : null,
            StoreHistory = storeHistory,
            Input = allowStdin ? (prompt, password) => stdin.Request(message, prompt, password) : null,
        };

        CellExecutionResult result;
        interpreter.PauseWarmUp(cellStarts: true); // the cell gets the cores; the language services are warmed up after it
        try
        {
            result = await publisher.RunAs(() => interpreter.Session.ExecuteAsync(submission, publisher.OnEvent, request.Stopping)).ConfigureAwait(false);
        }
        finally
        {
            await publisher.CompleteAsync().ConfigureAwait(false);
            interpreter.ResumeWarmUp(cellEnded: true);
        }

        if (storeHistory)
        {
            var output = result.HasReturnValue ? result.Outputs.LastOrDefault(o => o.OutputType == CellOutput.ExecuteResultType)?.Data.GetValueOrDefault("text/plain") : null;
            interpreter.History.Add(result.ExecutionCount, code, output);
        }

        // Where the cell's time went, for a front end that asks (barometer notebooks run --trace); others ignore it.
        var metadata = new JsonObject { [CellTrace.MetadataKey] = result.Trace.ToJson() };
        if (result.Succeeded)
        {
            request.Reply(
                "execute_reply",
                new JsonObject
                {
                    ["status"] = "ok",
                    ["execution_count"] = result.ExecutionCount,
                    ["user_expressions"] = new JsonObject(),
                    ["payload"] = new JsonArray(),
                },
                metadata);
            return;
        }

        var error = result.Error!;
        if (stopOnError)
        {
            request.AbortQueuedRequests();
        }

        request.Reply(
            "execute_reply",
            new JsonObject
            {
                ["status"] = "error",
                ["execution_count"] = result.ExecutionCount,
                ["ename"] = error.EName,
                ["evalue"] = error.EValue,
                ["traceback"] = CellPublisher.Lines(error.Traceback),
                ["user_expressions"] = new JsonObject(),
                ["payload"] = new JsonArray(),
            },
            metadata);
    }
}
