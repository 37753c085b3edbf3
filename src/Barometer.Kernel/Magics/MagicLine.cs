using System.Text;

namespace Barometer.Kernel.Magics;

/// <summary>
/// One <c>#!</c> line of a cell, split as a shell would: the name (<c>#!share</c>), then its arguments, where a double-
/// or single-quoted argument may hold spaces (<c>--value @input:"Your name"</c> keeps <c>@input:Your name</c>) and a
/// JSON object stays one argument as written (<c>@password:{"prompt": "Token", "saveAs": "t"}</c>).
/// </summary>
/// <param name="Name">The first word, with its <c>#!</c> (<c>#!time</c>, <c>#!value</c>).</param>
/// <param name="Arguments">The words after it.</param>
/// <param name="LineNumber">1-based line of the cell it is on.</param>
/// <param name="Text">The line as written, trimmed.</param>
internal sealed record MagicLine(string Name, IReadOnlyList<string> Arguments, int LineNumber, string Text)
{
    /// <summary>The name without <c>#!</c> (<c>time</c>, <c>c#</c>).</summary>
    public string BareName => Name[2..];

    /// <summary>Splits a trimmed line that starts with <c>#!</c>.</summary>
    /// <exception cref="MagicException">A quote is not closed.</exception>
    public static MagicLine Parse(string trimmed, int lineNumber)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        var braces = 0;
        foreach (var c in trimmed)
        {
            if (braces > 0 || (c == '{' && quote is null && (!inWord || word[^1] == ':')))
            {
                // A JSON object (@password:{"prompt": "…", "saveAs": "…"}) is one word, kept as written.
                braces += c == '{' ? 1 : c == '}' ? -1 : 0;
                word.Append(c);
                inWord = true;
            }
            else if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new MagicException($"'{trimmed}': a {(quote == '"' ? "double" : "single")} quote is not closed");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return new MagicLine(words[0], words.Skip(1).ToList(), lineNumber, trimmed);
    }

    /// <summary>
    /// The arguments as options: <c>--name value</c> pairs and flags (<paramref name="flags"/>, which take no value),
    /// checked against <paramref name="allowed"/>. A first argument that is not an option is returned under
    /// <paramref name="implicitName"/> when one is given (<c>#!share x</c> is <c>#!share --name x</c>).
    /// </summary>
    /// <exception cref="MagicException">An option it does not take, a missing value, a repeated option, a stray word.</exception>
    public IReadOnlyDictionary<string, string> Options(IReadOnlyCollection<string> allowed, IReadOnlyCollection<string>? flags = null, string? implicitName = null)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Arguments.Count; i++)
        {
            var argument = Arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal))
            {
                if (implicitName is not null && !options.ContainsKey(implicitName))
                {
                    options[implicitName] = argument;
                    continue;
                }

                throw new MagicException($"{Name}: unexpected '{argument}' (options: {string.Join(", ", allowed.Concat(flags ?? []))})");
            }

            if (flags?.Contains(argument) == true)
            {
                options[argument] = "true";
                continue;
            }

            if (!allowed.Contains(argument))
            {
                throw new MagicException($"{Name} has no option '{argument}' (options: {string.Join(", ", allowed.Concat(flags ?? []))})");
            }

            if (i + 1 >= Arguments.Count)
            {
                throw new MagicException($"{Name}: option {argument} needs a value");
            }

            if (!options.TryAdd(argument, Arguments[++i]))
            {
                throw new MagicException($"{Name}: option {argument} is given twice");
            }
        }

        return options;
    }
}
