using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Server.Transport;

/// <summary>A message the kernel sent through an <see cref="InMemoryTransport"/>.</summary>
/// <param name="Channel">Where it went.</param>
/// <param name="Message">The message as a front end decodes it.</param>
internal sealed record SentMessage(KernelChannel Channel, JupyterMessage Message);
