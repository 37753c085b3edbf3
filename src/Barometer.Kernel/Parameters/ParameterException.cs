namespace Barometer.Kernel.Parameters;

/// <summary>A parameter value cannot be converted to its declared type, or a declaration cannot be understood.</summary>
public sealed class ParameterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ParameterException(string message)
        : base(message)
    {
    }
}
