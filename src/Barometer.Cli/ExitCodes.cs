namespace Barometer.Cli;

/// <summary>Exit codes of every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The input (data, scenario, notebook) is wrong; the message says where.</summary>
    public const int BadInput = 1;
    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
    /// <summary>Interrupted (Ctrl+C), as a shell reports SIGINT; what was written so far is complete.</summary>
    public const int Cancelled = 130;
}
