using Barometer.Analysis.Charts;
using Barometer.Analysis.Charts.Export;
using Barometer.Browser;
using Barometer.Cli.Rendering;
using Spectre.Console;

namespace Barometer.Cli.Export;

/// <summary>
/// Writes an issue's figures (<c>NAME.html</c>, <c>.png</c>, <c>.svg</c>, <c>.plotly.json</c>, <c>.csv</c> and an
/// <c>index.html</c> gallery) and shows progress: a live bar on a terminal; plain lines on standard error when standard
/// output is redirected, so that standard output keeps only the command's own result.
/// </summary>
internal static class FigureExport
{
    /// <summary>Exports the figures; 0 when done, 1 when they could not be written (e.g. images were required but no browser could render them).</summary>
    public static async Task<int> ExportAsync(IReadOnlyList<NamedFigure> figures, string outDir, bool requireImages,
        TimeSpan browserTimeout, CancellationToken ct, string galleryTitle = "Figures")
    {
        if (OutputFolder.Problem(outDir) is { } unwritable)
        {
            Console.Error.WriteLine($"error: cannot write the figures to '{outDir}': {unwritable}");
            return ExitCodes.BadInput;
        }

        var options = new ExportOptions { RequireImages = requireImages, BrowserTimeout = browserTimeout, GalleryTitle = galleryTitle };
        var plain = CliConsole.IsPlain;
        var log = CliConsole.IsRedirected ? Console.Error : Console.Out;
        ExportResult result;
        try
        {
            if (plain)
            {
                result = await FigureExporter.ExportAsync(figures, outDir, options, new LineProgress(p =>
                {
                    if (p.File is not null)
                    {
                        log.WriteLine($"[{p.Completed}/{p.Total}] {Path.GetFileName(p.File)}");
                    }
                    else if (p.Stage == ExportStage.StartingBrowser)
                    {
                        log.WriteLine(p.Message);
                    }
                }), ct);
            }
            else
            {
                result = await AnsiConsole.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("figures", maxValue: 1);
                        return await FigureExporter.ExportAsync(figures, outDir, options, new LineProgress(p =>
                        {
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Completed;
                            task.Description = Markup.Escape(p.File is null ? p.Message : Path.GetFileName(p.File));
                        }), ct);
                    });
            }
        }
        // Cancelled (Ctrl+C, SIGTERM): whatever the interrupted step threw (a browser that got the terminal's SIGINT too
        // fails its call), the answer is the cancel path.
        catch (Exception e) when (ct.IsCancellationRequested && e is OperationCanceledException or ExportException or IOException)
        {
            Console.Error.WriteLine("cancelled: the files written so far are complete; the rest were not written.");
            return ExitCodes.Cancelled;
        }
        catch (ExportException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: could not write the figures to '{outDir}': {Barometer.IO.FileProblem.DescribeWrite(outDir, e)}; the files written so far are complete");
            return ExitCodes.BadInput;
        }

        foreach (var notice in result.Notices)
        {
            log.WriteLine(notice);
        }

        var images = result.ImageElapsed is { } t ? $"; PNG and SVG took {t.TotalSeconds:0.0} s" : "";
        log.WriteLine($"Wrote {result.Files.Count} files for {figures.Count} figures to {result.OutputDirectory} " +
                      $"(open {FigureExporter.GalleryFileName}) in {result.Elapsed.TotalSeconds:0.0} s{images}.");
        return ExitCodes.Ok;
    }

    /// <summary>Reports synchronously, in order, on the exporting thread.</summary>
    private sealed class LineProgress(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }
}
