using System.CommandLine;
using Barometer.Analysis;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Loading;
using Barometer.Cli.Export;
using Barometer.Cli.Rendering;
using Spectre.Console;

namespace Barometer.Cli.Commands;

/// <summary><c>barometer reproduce --issue N</c>: computes an issue's indices from its catalogues and reconciles them with the report.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var issue = new Option<int>("--issue") { Description = "The Minsk Barometer issue number, e.g. 18.", Required = true };
        var data = CommonOptions.Data();
        var format = CommonOptions.Format(
            "Output format: table (for people), json (for scripts), markdown, or csv (the reconciliation: one row per printed value).",
            OutputFormat.Table, OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv);
        var outDir = new Option<string?>("--out")
        {
            Description = "Also export every figure of the issue to this folder: HTML, SVG, PNG, Plotly JSON and CSV, plus index.html.",
        };
        var requireImages = new Option<bool>("--require-images")
        {
            Description = "With --out: fail when no Chromium is found for the SVG and PNG images (default: write the rest and say so).",
        };
        var browserTimeout = CommonOptions.BrowserTimeout();
        var command = new Command("reproduce", "Compute an issue's indices from its event catalogues, compare them with the published figures, and compare what the report's text says of catalogued events with the catalogue.")
        {
            issue, data, format, outDir, requireImages, browserTimeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (CommonOptions.LoadDataset(parse.GetValue(data), ct) is not { } dataset)
            {
                return ExitCodes.BadInput;
            }

            IssueReproduction reproduction;
            try
            {
                reproduction = IssueReproduction.Reproduce(dataset, parse.GetValue(issue));
            }
            catch (UnknownIssueException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json: Console.Out.WriteLine(ReproductionJson.Render(reproduction)); break;
                case OutputFormat.Markdown: Console.Out.Write(ReproductionText.Markdown(reproduction)); break;
                case OutputFormat.Csv: Console.Out.Write(ReproductionText.Csv(reproduction)); break;
                default: ReproductionText.WriteTables(CliConsole.Create(), reproduction); break;
            }
            return parse.GetValue(outDir) is { } dir
                ? await FigureExport.ExportAsync(IssueFigures.All(reproduction, dataset), dir, parse.GetValue(requireImages),
                    TimeSpan.FromSeconds(parse.GetValue(browserTimeout)), ct, IssueFigures.GalleryTitle(reproduction.Indices.Issue))
                : ExitCodes.Ok;
        });
        return command;
    }
}
