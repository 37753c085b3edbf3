namespace Barometer.Kernel.Protocol;

/// <summary>The channels (sockets) of a Jupyter kernel connection.</summary>
public enum KernelChannel
{
    /// <summary>Execution and introspection requests, handled in order.</summary>
    Shell,

    /// <summary>Interrupt and shutdown, answered while the shell is busy.</summary>
    Control,

    /// <summary>The kernel's <c>input_request</c> and the front end's <c>input_reply</c>.</summary>
    Stdin,

    /// <summary>What the kernel publishes to every front end: status, outputs, comm messages.</summary>
    IOPub,
}
