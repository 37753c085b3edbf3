namespace Barometer.Kernel.Language;

/// <summary>Jupyter's <c>is_complete_reply</c> statuses.</summary>
public enum CompletenessStatus
{
    /// <summary>The code can run as it is.</summary>
    Complete,

    /// <summary>More lines are needed (an open block, an unfinished statement).</summary>
    Incomplete,

    /// <summary>The code is complete but has a syntax error that more text cannot fix.</summary>
    Invalid,

    /// <summary>Cannot tell.</summary>
    Unknown,
}
