using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Magics;

/// <summary>A session variable as <c>#!who</c>, <c>#!whos</c> and <c>#!share --from csharp</c> see it (the latest declaration of its name).</summary>
internal sealed record SessionVariable(string Name, Type Type, object? Value);

/// <summary>What a magic command may do with the session and the cell it runs in.</summary>
internal interface IMagicContext
{
    /// <summary>The session's formatters (to show a value as <c>display(...)</c> would).</summary>
    FormatterSet Formatters { get; }

    /// <summary>The folder relative paths are read from (the notebook's).</summary>
    string BaseDirectory { get; }

    /// <summary>The session's <c>#!value</c> store.</summary>
    ValueStore Values { get; }

    /// <summary>The session's variables, in the order they were first declared.</summary>
    IReadOnlyList<SessionVariable> Variables { get; }

    /// <summary>Shows <paramref name="data"/> as a <c>display_data</c> output of the cell.</summary>
    void Display(MimeBundle data);

    /// <summary>Runs <paramref name="action"/> when the cell's last step has run (or failed), before the cell finishes.</summary>
    void AtEnd(Action action);

    /// <summary>Declares a C# variable <paramref name="name"/> holding <paramref name="value"/> for the code after the line.</summary>
    /// <exception cref="MagicException">The name is not a C# identifier, or the declaration did not compile.</exception>
    Task DeclareAsync(string name, object? value, Type type, CancellationToken cancellationToken);

    /// <summary>Asks the user for a line of text (<c>@input:</c>, <c>@password:</c>).</summary>
    /// <exception cref="MagicException">The host takes no input.</exception>
    string ReadInput(string prompt, bool password);
}
