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
};
return await root.Parse(args).InvokeAsync();
