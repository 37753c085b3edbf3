using System.Runtime.CompilerServices;

namespace Barometer.Analysis.Indices;

/// <summary>
/// The Barometer's one rule for a relationship's points, used by <see cref="IndexCalculator"/> and the sensitivity
/// analysis alike: a positive score adds to the positive points, any other score (zero or below) to the negative
/// points, and the index is their sum. Sums are checked: a sum beyond <see cref="int"/> throws
/// <see cref="ScoreOverflowException"/> instead of wrapping.
/// </summary>
internal static class Points
{
    /// <summary>Adds <paramref name="score"/> to the positive or the negative points.</summary>
    /// <exception cref="ScoreOverflowException">The points leave the range of <see cref="int"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(int score, ref int positive, ref int negative)
    {
        if (score > 0) positive = Sum(positive, score);
        else negative = Sum(negative, score);
    }

    /// <summary>The index: positive plus negative points.</summary>
    public static int Index(int positive, int negative) => Sum(positive, negative);

    /// <summary><paramref name="a"/> + <paramref name="b"/>, or <see cref="ScoreOverflowException"/> when it leaves the range of <see cref="int"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sum(int a, int b)
    {
        var sum = (long)a + b;
        return sum is >= int.MinValue and <= int.MaxValue ? (int)sum : throw new ScoreOverflowException(a, b);
    }
}

/// <summary>A sum of scores left the range of a 32-bit integer: the scores are implausible (see the score range in datapackage.json).</summary>
public sealed class ScoreOverflowException(long a, long b)
    : OverflowException($"the sum of scores {a} + {b} = {a + b} is outside the range of a 32-bit integer; the scores are not plausible Barometer scores");
