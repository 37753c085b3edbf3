using System.Text;
using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Parameters;

/// <summary>What <see cref="ParameterInjector.Inject"/> did.</summary>
/// <param name="InjectedCellIndex">0-based index of the injected cell, or null when there were no parameters.</param>
/// <param name="Parameters">The converted parameters, in the order given.</param>
/// <param name="Warnings">Undeclared parameters, a missing parameters cell, …</param>
public sealed record ParameterInjectionResult(int? InjectedCellIndex, IReadOnlyList<ConvertedParameter> Parameters, IReadOnlyList<string> Warnings);

/// <summary>
/// Papermill-style parameterisation. The first cell tagged <c>parameters</c> holds defaults; the values given
/// (<c>-p NAME VALUE</c>) go into a new cell tagged <c>injected-parameters</c> inserted right after it, which
/// re-declares each parameter with the declared type and a C# literal (strings escaped), so later cells see
/// the new values. Re-running replaces an existing <c>injected-parameters</c> cell instead of adding another
/// (idempotent). The values are recorded in <c>metadata.notebook_runner.parameters</c> (or the key the caller names).
/// </summary>
/// <remarks>
/// Choices, documented: a name not declared in the parameters cell is still injected with a type inferred
/// from its value (papermill's behaviour), and a warning is written into the injected cell and returned in
/// <see cref="ParameterInjectionResult.Warnings"/>. A value that does not fit a declared type is an error
/// (<see cref="ParameterException"/>), as is a declared parameter whose type cannot be determined. Without a
/// parameters cell the injected cell goes first (again as papermill does), with a warning. Without any values
/// nothing changes (an injected cell from an earlier in-place run stays).
/// </remarks>
public static class ParameterInjector
{
    /// <summary>The id given to the injected cell when free.</summary>
    public const string InjectedCellId = "injected-parameters";

    /// <summary>Injects <paramref name="values"/> (name, raw string value) into <paramref name="notebook"/>.</summary>
    /// <param name="notebook">The notebook to change.</param>
    /// <param name="values">Name and raw value of each parameter, in the order given.</param>
    /// <param name="metadataKey">The notebook-metadata key under which the values are recorded.</param>
    /// <param name="strict">
    /// True: a name the parameters cell does not declare is an error (<c>--strict-parameters</c>) instead of a warning.
    /// </param>
    /// <exception cref="ParameterException">A value does not fit its declared type, or (strict) a name is not declared.</exception>
    public static ParameterInjectionResult Inject(Notebook notebook, IReadOnlyList<KeyValuePair<string, string>> values, string metadataKey = JupyterJson.RunnerMetadataKey, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new ParameterInjectionResult(null, [], []);
        }

        var warnings = new List<string>();
        var parametersCell = notebook.Cells.FirstOrDefault(c => c.CellType == CellType.Code && c.HasTag(NotebookCell.ParametersTag));
        var declarations = parametersCell is null
            ? []
            : ParametersCellParser.Parse(parametersCell.Source).GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.Last());
        if (parametersCell is null)
        {
            warnings.Add("The notebook has no cell tagged 'parameters'; the injected parameters cell was inserted at the top.");
        }

        var converted = new List<ConvertedParameter>();
        var lines = new StringBuilder();
        lines.Append("// Parameters injected by the notebook runner (papermill-style). This cell is replaced on every run.\n");
        foreach (var (name, raw) in Deduplicate(values))
        {
            if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name))
            {
                throw new ParameterException($"'{name}' is not a valid C# parameter name.");
            }

            ConvertedParameter parameter;
            if (declarations.TryGetValue(name, out var declaration))
            {
                if (declaration.Kind is not ParameterKind kind)
                {
                    throw new ParameterException(
                        $"Parameter '{name}' is declared as '{declaration.TypeText} {name} = {declaration.DefaultText}', whose type cannot be converted from the command line. Declare it as int, long, double, float, decimal, bool, string, DateTime, DateOnly or TimeSpan (optionally nullable), or with var and a literal.");
                }

                parameter = ParameterValueConverter.Convert(name, kind, declaration.IsNullable, raw);
            }
            else if (strict)
            {
                var declared = declarations.Count == 0 ? "it declares none" : "it declares " + string.Join(", ", declarations.Keys.Order(StringComparer.Ordinal));
                throw new ParameterException(parametersCell is null
                    ? $"Parameter '{name}' is not declared: the notebook has no cell tagged 'parameters' (strict parameters)."
                    : $"Parameter '{name}' is not declared in the parameters cell; {declared} (strict parameters).");
            }
            else
            {
                parameter = ParameterValueConverter.Infer(name, raw);
                var warning = $"Parameter '{name}' is not declared in the parameters cell; injected as {parameter.CSharpType}, inferred from the value.";
                warnings.Add(warning);
                lines.Append("// warning: ").Append(warning).Append('\n');
            }

            converted.Add(parameter);
            lines.Append(parameter.CSharpType).Append(' ').Append(name).Append(" = ").Append(parameter.Literal).Append(";\n");
        }

        var index = Place(notebook, parametersCell, lines.ToString().TrimEnd('\n'));
        var section = JupyterJson.GetOrAddObject(notebook.Metadata, metadataKey);
        var recorded = new JsonObject();
        foreach (var parameter in converted)
        {
            recorded[parameter.Name] = parameter.JsonValue?.DeepClone();
        }

        section["parameters"] = recorded;
        return new ParameterInjectionResult(index, converted, warnings);
    }

    private static IEnumerable<KeyValuePair<string, string>> Deduplicate(IReadOnlyList<KeyValuePair<string, string>> values)
    {
        // The last value given for a name wins (as with repeated -p in papermill); first position is kept.
        var order = new List<string>();
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (!latest.ContainsKey(name))
            {
                order.Add(name);
            }

            latest[name] = value;
        }

        return order.Select(n => new KeyValuePair<string, string>(n, latest[n]));
    }

    private static int Place(Notebook notebook, NotebookCell? parametersCell, string source)
    {
        var previousIndex = notebook.Cells.FindIndex(c => c.HasTag(NotebookCell.InjectedParametersTag));
        var previousId = previousIndex >= 0 ? notebook.Cells[previousIndex].Id : null;
        notebook.Cells.RemoveAll(c => c.HasTag(NotebookCell.InjectedParametersTag));

        var cell = NotebookCell.CreateCode(source);
        cell.AddTag(NotebookCell.InjectedParametersTag);
        cell.Id = previousId ?? (notebook.Cells.Any(c => c.Id == InjectedCellId) ? null : InjectedCellId);

        var index = parametersCell is not null
            ? notebook.Cells.IndexOf(parametersCell) + 1
            : previousIndex >= 0 ? Math.Min(previousIndex, notebook.Cells.Count) : 0;
        notebook.Cells.Insert(index, cell);
        return index;
    }
}
