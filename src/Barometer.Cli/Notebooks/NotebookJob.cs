namespace Barometer.Cli.Notebooks;

/// <summary>One notebook to run: where it is and where its executed copy goes.</summary>
internal sealed record NotebookJob(string Input, string DisplayName, string Output);
