using System.Runtime.CompilerServices;
using Barometer.Kernel.Execution;

namespace Barometer.Notebooks.Tests;

/// <summary>The test assembly is the process host: it routes cells' console text to their outputs, once.</summary>
internal static class ConsoleCaptureSetup
{
    [ModuleInitializer]
    internal static void Install() => ConsoleCapture.Install();
}
