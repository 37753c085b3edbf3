using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;
using Barometer.Kernel.Magics;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Cells with magic commands (<see cref="MagicRegistry"/>): their steps run in order, C# parts through the same path as
/// a whole C# cell, magic commands with a <see cref="IMagicContext"/> onto this session. The first step that fails
/// ends the cell; <c>#!time</c>'s report and other end-of-cell actions run after the last step either way.
/// </summary>
public sealed partial class ScriptSession
{
    private readonly ValueStore _values = new();

    private async Task<CodeOutcome> RunStepsAsync(IReadOnlyList<CellStep> steps, CellRunContext cell)
    {
        var context = new MagicCellContext(this, cell);
        using var stepCancellation = CancellationTokenSource.CreateLinkedTokenSource(cell.Interrupt, cell.CancellationToken);
        var outcome = new CodeOutcome(CellExecutionStatus.Succeeded, null);
        try
        {
            foreach (var step in steps)
            {
                if (step is CodeStep code)
                {
                    outcome = await RunCodeAsync(code.Code, cell).ConfigureAwait(false);
                    if (outcome.Status != CellExecutionStatus.Succeeded)
                    {
                        break;
                    }

                    continue;
                }

                var magic = (MagicStep)step;
                try
                {
                    await magic.Command.RunAsync(magic.Line, magic.Content, context, stepCancellation.Token).ConfigureAwait(false);
                }
                catch (MagicException e)
                {
                    outcome = new CodeOutcome(CellExecutionStatus.Failed, ErrorReporter.MagicFailure(e.Message, magic.Line.LineNumber, cell.Location));
                    break;
                }
                catch (OperationCanceledException) when (cell.Interrupt.IsCancellationRequested && !cell.CancellationToken.IsCancellationRequested)
                {
                    outcome = new CodeOutcome(CellExecutionStatus.Interrupted, ErrorReporter.Interrupted(cell.Location, abandoned: false));
                    break;
                }
            }
        }
        finally
        {
            context.RunEndActions();
        }

        return outcome;
    }

    /// <summary>The session's variables as magic commands see them: the latest declaration of each name, in first-declared order.</summary>
    private List<SessionVariable> CurrentVariables() =>
        _state?.Variables
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .Select(g => g.Last())
            .Select(v => new SessionVariable(v.Name, v.Type, v.Value))
            .ToList()
        ?? [];

    /// <summary>
    /// The running cell, as its magic commands see it. A shared value becomes a C# variable the way .NET Interactive
    /// declares one: a submission <c>TYPE name = default;</c> of its own (compiled like a cell part, so the name is a
    /// variable of the session's chain from then on), then the value set into that variable.
    /// </summary>
    private sealed class MagicCellContext(ScriptSession session, CellRunContext cell) : IMagicContext
    {
        private readonly List<Action> _atEnd = [];

        public FormatterSet Formatters => session._options.Formatters;

        public string BaseDirectory => session._baseDirectory;

        public ValueStore Values => session._values;

        public IReadOnlyList<SessionVariable> Variables => session.CurrentVariables();

        public void Display(MimeBundle data) => cell.Emit(new DisplayShown(Guid.NewGuid().ToString("N"), data));

        public void AtEnd(Action action) => _atEnd.Add(action);

        public void RunEndActions() => _atEnd.ForEach(action => action());

        public async Task DeclareAsync(string name, object? value, Type type, CancellationToken token)
        {
            var typeName = CSharpTypeName.Of(type);
            var declaration = new PreparedSubmission($"{typeName} {name} = default;", null);
            var declared = await session.RunCodeAsync(declaration, cell with { Location = cell.Location with { Source = declaration.Code } }).ConfigureAwait(false);
            if (declared.Error is { } error)
            {
                throw new MagicException($"cannot declare the C# variable '{name}' as {typeName}: {error.EValue}");
            }

            session._state!.GetVariable(name)!.Value = value;
        }

        public string ReadInput(string prompt, bool password) => cell.Submission.Input is { } input
            ? input(prompt, password)
            : throw new MagicException($"'{prompt}' asks for input, but this host does not accept input from cells (e.g. a headless run, or a Jupyter front end with allow_stdin false)");
    }
}
