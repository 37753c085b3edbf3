using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Barometer.Cli.Commands;

namespace Barometer.Cli;

/// <summary>
/// Reports a command line that cannot be parsed: one "error:" line per problem on standard error, in words a user
/// knows (no .NET type names), then where to find the usage; exit code 2.
/// </summary>
internal static partial class UsageErrors
{
    private const string RequiredCommand = "Required command was not provided.";

    public static int Report(RootCommand root, ParseResult parse)
    {
        var messages = parse.Errors.Select(e => e.Message).Distinct().ToList();
        var path = CommandPath(parse.CommandResult);
        // "barometer" or "barometer data" alone: the subcommands are the answer.
        if (messages.All(m => m == RequiredCommand))
        {
            Console.Error.WriteLine($"error: `{path}` needs a command; the commands are:");
            root.Parse([.. path.Split(' ').Skip(1), "--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
            return ExitCodes.Usage;
        }
        // An unknown command also leaves its parent without one: that second message only confuses.
        if (messages.Count > 1)
        {
            messages.Remove(RequiredCommand);
        }

        foreach (var message in messages)
        {
            Console.Error.WriteLine($"error: {Humanize(message)}");
        }

        Console.Error.WriteLine($"Run `{path} --help` for the usage.");
        return ExitCodes.Usage;
    }

    /// <summary>System.CommandLine's "Cannot parse argument 'abc' for option '--issue' as expected type 'System.Int32'." in words.</summary>
    public static string Humanize(string message)
    {
        var m = CannotParse().Match(message);
        if (!m.Success)
        {
            return message;
        }

        var expected = m.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" => "a whole number, e.g. 18",
            "System.UInt64" or "System.UInt32" => "a whole number of zero or more",
            "System.Double" or "System.Decimal" => "a number, e.g. 0.1",
            "System.Boolean" => "true or false",
            var other => "a value of type " + other[(other.LastIndexOf('.') + 1)..],
        };
        return $"{m.Groups["option"].Value} expects {expected}; got '{m.Groups["value"].Value}'";
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c && c.Command is not RootCommand)
            {
                names.Insert(0, c.Command.Name);
            }
        }

        return string.Join(' ', ["barometer", .. names]);
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command|argument) '(?<option>[^']*)' as expected type '(?<type>[^']+)'\.?$")]
    private static partial Regex CannotParse();
}
