using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Protocol;

/// <summary>One kernel process (this test assembly as host) shared by the tests of a class.</summary>
public sealed class KernelFixture : IAsyncLifetime
{
    public KernelClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());

    public async Task DisposeAsync()
    {
        await Client.ShutdownAsync();
        await Client.DisposeAsync();
    }
}

internal static class Messages
{
    public static string Text(this ExecutionOutcome outcome, string stream = "stdout") =>
        string.Concat(outcome.Outputs.Where(m => m.MessageType == "stream" && (string?)m.Content["name"] == stream).Select(m => (string?)m.Content["text"]));

    public static IEnumerable<string> Types(this ExecutionOutcome outcome) => outcome.Outputs.Select(m => m.MessageType);
}
