using System.CommandLine;
using System.CommandLine.Invocation;
using Barometer.Cli;
using Barometer.Cli.Commands;

// The `barometer` command: each subcommand lives in Commands/ and is registered here, nowhere else.
var root = new RootCommand("Barometer Notebooks: reproduce, validate and explore the Minsk Barometer's indices from curated data.")
{
    ReproduceCommand.Create(),
    DataCommand.Create(),
    WhatIfCommand.Create(),
    SensitivityCommand.Create(),
    NotebooksCommand.Create(),
    KernelCommand.Create(),
};
var verbose = CommandErrors.VerboseOption();
root.Options.Add(verbose);
var parse = root.Parse(args);
if (parse.Action is ParseErrorAction)
{
    return UsageErrors.Report(root, parse);
}

using var cancellation = new Cancellation();
try
{
    // Our own handling of Ctrl+C and SIGTERM (Cancellation) and of errors (CommandErrors), not System.CommandLine's.
    return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, cancellation.Token);
}
catch (Exception e)
{
    return CommandErrors.Report(e, parse.GetValue(verbose), cancellation.Token);
}
