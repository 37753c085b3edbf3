namespace Barometer.Kernel.Magics;

/// <summary>A magic command that cannot run as written (bad arguments, a value that does not exist, a file that cannot be read).</summary>
internal sealed class MagicException(string message) : Exception(message);
