using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace Barometer.Kernel.Parameters;

/// <summary>A command-line value converted to a C# literal of the parameter's type.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Kind">The type.</param>
/// <param name="IsNullable">Whether the declaration is nullable.</param>
/// <param name="Literal">A C# expression of that type (<c>0.25d</c>, <c>"a \"b\""</c>, <c>null</c>, …).</param>
/// <param name="JsonValue">The value for notebook metadata (number, bool, string or null).</param>
public sealed record ConvertedParameter(string Name, ParameterKind Kind, bool IsNullable, string Literal, JsonNode? JsonValue)
{
    /// <summary>The C# type the injected cell declares.</summary>
    public string CSharpType => ParameterValueConverter.CSharpTypeName(Kind, IsNullable);
}

/// <summary>Converts the strings given on the command line (<c>-p NAME VALUE</c>) into typed C# literals.</summary>
internal static class ParameterValueConverter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The C# spelling of a parameter type.</summary>
    public static string CSharpTypeName(ParameterKind kind, bool nullable)
    {
        var name = kind switch
        {
            ParameterKind.Int32 => "int",
            ParameterKind.Int64 => "long",
            ParameterKind.Double => "double",
            ParameterKind.Single => "float",
            ParameterKind.Decimal => "decimal",
            ParameterKind.Boolean => "bool",
            ParameterKind.String => "string",
            ParameterKind.DateTime => "DateTime",
            ParameterKind.DateOnly => "DateOnly",
            ParameterKind.TimeSpan => "TimeSpan",
            _ => "object",
        };
        return nullable && kind != ParameterKind.Object ? name + "?" : name;
    }

    /// <summary>
    /// Converts <paramref name="value"/> to <paramref name="kind"/>. Numbers and dates use the invariant culture
    /// (<c>0.25</c>, <c>2024-03-01</c>, <c>2024-03-01T12:00:00Z</c>); booleans are <c>true</c>/<c>false</c> in any
    /// case; <c>null</c> is accepted for nullable declarations only (for <c>string</c> it stays the text "null").
    /// </summary>
    /// <exception cref="ParameterException">The value is not valid for the type.</exception>
    public static ConvertedParameter Convert(string name, ParameterKind kind, bool nullable, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if ((nullable || kind == ParameterKind.Object) && value == "null")
        {
            return new ConvertedParameter(name, kind, nullable, "null", null);
        }

        var trimmed = value.Trim();
        switch (kind)
        {
            case ParameterKind.Int32 when int.TryParse(trimmed, NumberStyles.Integer, Invariant, out var i):
                return new(name, kind, nullable, i.ToString(Invariant), JsonValue.Create(i));
            case ParameterKind.Int64 when long.TryParse(trimmed, NumberStyles.Integer, Invariant, out var l):
                return new(name, kind, nullable, l.ToString(Invariant) + "L", JsonValue.Create(l));
            case ParameterKind.Double when TryParseDouble(trimmed, out var d):
                return new(name, kind, nullable, DoubleLiteral(d), double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(trimmed));
            case ParameterKind.Single when float.TryParse(trimmed, NumberStyles.Float, Invariant, out var f):
                return new(name, kind, nullable, float.IsFinite(f) ? f.ToString("R", Invariant) + "f" : FloatSpecial(f), float.IsFinite(f) ? JsonValue.Create((double)f) : JsonValue.Create(trimmed));
            case ParameterKind.Decimal when decimal.TryParse(trimmed, NumberStyles.Number | NumberStyles.AllowExponent, Invariant, out var m):
                return new(name, kind, nullable, m.ToString(Invariant) + "m", JsonValue.Create(m));
            case ParameterKind.Boolean when bool.TryParse(trimmed, out var b):
                return new(name, kind, nullable, b ? "true" : "false", JsonValue.Create(b));
            case ParameterKind.String:
                return new(name, kind, nullable, SymbolDisplay.FormatLiteral(value, quote: true), JsonValue.Create(value));
            case ParameterKind.DateTime when DateTime.TryParse(trimmed, Invariant, DateTimeStyles.RoundtripKind, out var dt):
                var roundTrip = dt.ToString("o", Invariant);
                return new(name, kind, nullable,
                    $"DateTime.Parse({SymbolDisplay.FormatLiteral(roundTrip, quote: true)}, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.RoundtripKind)",
                    JsonValue.Create(roundTrip));
            case ParameterKind.DateOnly when DateOnly.TryParse(trimmed, Invariant, DateTimeStyles.None, out var day):
                return new(name, kind, nullable, $"new DateOnly({day.Year}, {day.Month}, {day.Day})", JsonValue.Create(day.ToString("yyyy-MM-dd", Invariant)));
            case ParameterKind.TimeSpan when TimeSpan.TryParse(trimmed, Invariant, out var span):
                return new(name, kind, nullable, $"TimeSpan.FromTicks({span.Ticks.ToString(Invariant)}L)", JsonValue.Create(span.ToString("c", Invariant)));
            case ParameterKind.Object:
                return Infer(name, value);
            default:
                throw new ParameterException(
                    $"Parameter '{name}' is declared as {CSharpTypeName(kind, nullable)}, but '{value}' is not a valid {CSharpTypeName(kind, false)}{Hint(kind, nullable)}.");
        }
    }

    /// <summary>
    /// The type of an undeclared parameter, as papermill does for Python: <c>true</c>/<c>false</c> → bool,
    /// an integer → int (long if large), a number with '.' or an exponent → double, <c>null</c> → object,
    /// anything else → string.
    /// </summary>
    public static ConvertedParameter Infer(string name, string value)
    {
        var trimmed = value.Trim();
        if (value == "null")
        {
            return new ConvertedParameter(name, ParameterKind.Object, true, "null", null);
        }

        if (bool.TryParse(trimmed, out _))
        {
            return Convert(name, ParameterKind.Boolean, false, trimmed);
        }

        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, Invariant, out _))
        {
            return Convert(name, ParameterKind.Int32, false, trimmed);
        }

        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, Invariant, out _))
        {
            return Convert(name, ParameterKind.Int64, false, trimmed);
        }

        if (trimmed.Length > 0 && TryParseDouble(trimmed, out var d) && double.IsFinite(d) && !trimmed.Contains(',', StringComparison.Ordinal))
        {
            return Convert(name, ParameterKind.Double, false, trimmed);
        }

        return Convert(name, ParameterKind.String, false, value);
    }

    private static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, Invariant, out value);

    private static string DoubleLiteral(double d) =>
        double.IsNaN(d) ? "double.NaN"
        : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
        : d.ToString("R", Invariant) + "d";

    private static string FloatSpecial(float f) =>
        float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : "float.NegativeInfinity";

    private static string Hint(ParameterKind kind, bool nullable)
    {
        var hint = kind switch
        {
            ParameterKind.Int32 or ParameterKind.Int64 => " (an integer such as 42)",
            ParameterKind.Double or ParameterKind.Single or ParameterKind.Decimal => " (a number with '.' as decimal separator, such as 0.25)",
            ParameterKind.Boolean => " (true or false)",
            ParameterKind.DateTime => " (such as 2024-03-01 or 2024-03-01T12:00:00Z)",
            ParameterKind.DateOnly => " (such as 2024-03-01)",
            ParameterKind.TimeSpan => " (such as 00:30:00 or 1.12:00:00)",
            _ => string.Empty,
        };
        return nullable ? hint + ", or null" : hint;
    }
}
