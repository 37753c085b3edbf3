using Spectre.Console;

namespace Barometer.Cli.Rendering;

/// <summary>
/// The one place the commands get their Spectre console. On a terminal: colours and the terminal's width. When
/// standard output is not a terminal (a pipe, a file): plain text, no escape sequences, no wrapping or "…" truncation
/// (a very wide profile). <c>NO_COLOR</c> (any non-empty value, see no-color.org) turns off every escape sequence,
/// styles included, on a terminal too.
/// </summary>
internal static class CliConsole
{
    /// <summary>The width plain output is laid out in: wide enough that no table of ours wraps.</summary>
    public const int PlainWidth = 4096;

    /// <summary>Standard output is redirected (not a terminal).</summary>
    public static bool IsRedirected => Console.IsOutputRedirected;

    /// <summary><c>NO_COLOR</c> is set to a non-empty value.</summary>
    public static bool NoColor => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Output without escape sequences: redirected, or NO_COLOR.</summary>
    public static bool IsPlain => IsRedirected || NoColor;

    /// <summary>A console writing to standard output as described above.</summary>
    public static IAnsiConsole Create()
    {
        if (!IsPlain)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (IsRedirected)
        {
            console.Profile.Width = PlainWidth;
        }

        return console;
    }

    /// <summary>
    /// Writes <paramref name="table"/>; on plain output its title goes on a line of its own above it, where Spectre
    /// would wrap it to the table's width.
    /// </summary>
    public static void Write(IAnsiConsole console, Table table)
    {
        if (IsRedirected && table.Title is { } title)
        {
            console.MarkupLine(title.Text);
            table.Title = null;
        }
        console.Write(table);
    }

    /// <summary>
    /// A heading: a rule across the terminal, or on plain output the text alone (a rule would span the whole plain width).
    /// </summary>
    public static void Heading(IAnsiConsole console, string markup)
    {
        if (IsRedirected)
        {
            console.MarkupLine(markup);
        }
        else
        {
            console.Write(new Rule(markup).LeftJustified());
        }
    }
}
