using System.CommandLine;
using System.Globalization;
using Barometer.Analysis.Loading;
using Barometer.Browser;
using Barometer.Cli.Rendering;

namespace Barometer.Cli.Commands;

/// <summary>Options shared by several commands, declared once.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "The data folder (default: data/ of the repository that contains the working directory).",
    };

    /// <summary>
    /// <c>--format</c>, default table, accepting <paramref name="formats"/> (table, json and markdown when none are given);
    /// <paramref name="description"/> replaces the standard one where a command's formats need explaining.
    /// </summary>
    public static Option<OutputFormat> Format(string? description = null, params OutputFormat[] formats)
    {
        OutputFormat[] accepted = formats.Length == 0 ? [OutputFormat.Table, OutputFormat.Json, OutputFormat.Markdown] : formats;
        var option = new Option<OutputFormat>("--format")
        {
            // No DefaultValueFactory: its help would print the enum's name ("Table"); absent means table (the enum's 0).
            Description = (description ?? "Output format: table (for people), json (for scripts) or markdown.") + " Default: table.",
            // The help lists what this command accepts, not every OutputFormat.
            HelpName = string.Join('|', accepted.Select(f => f.ToString().ToLowerInvariant())),
        };
        option.Validators.Add(result =>
        {
            // The tokens, not the value: GetValueOrDefault throws for a token that is no OutputFormat at all.
            if (result.Tokens.Any(t => !accepted.Any(f => string.Equals(f.ToString(), t.Value, StringComparison.OrdinalIgnoreCase))))
            {
                result.AddError($"--format must be one of: {string.Join(", ", accepted.Select(f => f.ToString().ToLowerInvariant()))}.");
            }
        });
        return option;
    }

    /// <summary><c>--browser-timeout SECONDS</c>: the longest one call to headless Chromium may take (default 30).</summary>
    public static Option<double> BrowserTimeout()
    {
        var option = new Option<double>("--browser-timeout")
        {
            Description = "With --out: the most seconds the browser may take for one step (loading plotly.js, rendering one image) before the images are given up. Default: 30.",
            DefaultValueFactory = _ => HeadlessChromium.DefaultCallTimeout.TotalSeconds,
            HelpName = "seconds",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var s && (s <= 0 || double.IsNaN(s) || s > 3600))
            {
                result.AddError("--browser-timeout must be between 0 and 3600 seconds");
            }
        });
        return option;
    }

    /// <summary>
    /// Loads the Barometer tables of --data, or writes every problem to stderr and returns null. A load that takes a
    /// while shows it on standard error (<see cref="WorkProgress"/>); Ctrl+C ends the wait at once.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static BarometerDataset? LoadDataset(string? option, CancellationToken cancellationToken)
    {
        if (ResolveData(option) is not { } dataDir)
        {
            return null;
        }

        var load = WorkProgress.Run(ReadingLabel(dataDir), () => BarometerDataLoader.TryLoad(dataDir), cancellationToken);
        if (load.Ok)
        {
            return load.Dataset;
        }

        foreach (var e in load.Errors)
        {
            Console.Error.WriteLine(e);
        }

        Console.Error.WriteLine($"error: the data have {load.Errors.Count} problem(s); run `barometer data validate` for the list.");
        return null;
    }

    /// <summary>What a long read of the data folder shows: <c>reading and checking the data in data/ (124 MB of CSV)</c>.</summary>
    public static string ReadingLabel(string dataDir)
    {
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(dataDir, "*.csv", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            bytes += new FileInfo(file).Length;
        }

        return string.Create(CultureInfo.InvariantCulture, $"reading and checking the data in {dataDir} ({bytes / 1e6:0.#} MB of CSV)");
    }

    /// <summary>Resolves --data, or writes why it cannot and returns null.</summary>
    public static string? ResolveData(string? option)
    {
        try
        {
            return DataDirectory.Locate(option);
        }
        catch (DirectoryNotFoundException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}

/// <summary>The output formats; <see cref="Table"/> is first, the default of an absent --format.</summary>
internal enum OutputFormat { Table = 0, Json, Markdown, Csv }
