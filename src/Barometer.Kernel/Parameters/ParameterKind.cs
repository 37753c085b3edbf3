namespace Barometer.Kernel.Parameters;

/// <summary>The parameter types the injector can convert a command-line string to.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Each member names the .NET type a parameter is converted to; that is the point of the enum.")]
public enum ParameterKind
{
    /// <summary><c>int</c>.</summary>
    Int32,

    /// <summary><c>long</c>.</summary>
    Int64,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>float</c>.</summary>
    Single,

    /// <summary><c>decimal</c>.</summary>
    Decimal,

    /// <summary><c>bool</c>.</summary>
    Boolean,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>System.DateTime</c>.</summary>
    DateTime,

    /// <summary><c>System.DateOnly</c>.</summary>
    DateOnly,

    /// <summary><c>System.TimeSpan</c>.</summary>
    TimeSpan,

    /// <summary><c>object</c> (only for an undeclared parameter whose value is <c>null</c>).</summary>
    Object,
}
