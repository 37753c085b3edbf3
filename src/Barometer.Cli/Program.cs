using System.CommandLine;
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
var parse = root.Parse(args);
var exitCode = await parse.InvokeAsync();
// System.CommandLine reports a command line it cannot parse (after printing the errors) with 1, which is ours for bad input.
return parse.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
