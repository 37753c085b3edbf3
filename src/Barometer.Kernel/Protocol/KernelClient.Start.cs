using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Barometer.Kernel.Protocol;

/// <summary>Starting a kernel: its process on free ports (again on fresh ports after a lost port race), then waiting until it answers on shell and iopub.</summary>
public sealed partial class KernelClient
{
    /// <summary>
    /// Starts a kernel process and returns once it is ready (answered <c>kernel_info_request</c> on shell, with
    /// the iopub status messages arriving).
    /// </summary>
    /// <exception cref="DeadKernelException">The process exited before it was ready.</exception>
    /// <exception cref="TimeoutException">It was not ready within <see cref="KernelStartInfo.StartupTimeout"/>; the process is killed.</exception>
    public static async Task<KernelClient> StartAsync(KernelStartInfo startInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        // The ports are free when chosen and bound by the kernel a moment later: another process can take one in
        // between (as with jupyter_client). Our kernel then dies at once naming ChannelBindException; start it again on
        // fresh ports, a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(startInfo, cancellationToken).ConfigureAwait(false);
            }
            catch (DeadKernelException e) when (attempt < PortRaceAttempts && e.StandardError.Contains(nameof(ChannelBindException), StringComparison.Ordinal))
            {
            }
        }
    }

    private const int PortRaceAttempts = 3;

    private static async Task<KernelClient> StartOnFreePortsAsync(KernelStartInfo startInfo, CancellationToken cancellationToken)
    {
        var connection = ConnectionInfo.CreateWithFreePorts();
        var process = await KernelProcess.StartAsync(startInfo, connection, cancellationToken).ConfigureAwait(false);
        var client = new KernelClient(connection, process, startInfo);
        process.Watch(client.Fail, startInfo.StandardErrorLine);
        try
        {
            await client.WaitForReadyAsync(startInfo.StartupTimeout, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            // A SUB socket sees nothing published before it has joined: wait until the kernel's iopub status for
            // our own kernel_info_request arrives, resending until it does.
            var request = JupyterMessage.Create("kernel_info_request", new JsonObject(), _session, username: "client");
            var iopub = Channel.CreateUnbounded<JupyterMessage>();
            _iopub[request.MessageId] = iopub.Writer;
            var reply = Register(request.MessageId);
            try
            {
                Send(KernelChannel.Shell, request);
                await reply.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
                // The kernel publishes its busy status before it sends the reply, so a joined SUB socket has it by now
                // or within moments; after IopubJoinWait the request is sent again (it was 500 ms from the send, which
                // a lost status cost every start whose SUB socket connected after the kernel's first publication).
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                attempt.CancelAfter(IopubJoinWait);
                await iopub.Reader.ReadAsync(attempt.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The kernel did not answer kernel_info_request within {timeout.TotalSeconds:0.#} s.{_process?.StandardErrorNote}");
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                // iopub not joined yet: ask again.
            }
            finally
            {
                _iopub.TryRemove(request.MessageId, out _);
                _replies.TryRemove(request.MessageId, out _);
            }
        }
    }

    /// <summary>How long after a start-up <c>kernel_info_reply</c> its iopub status may take before the request is sent again.</summary>
    private static readonly TimeSpan IopubJoinWait = TimeSpan.FromMilliseconds(100);
}
