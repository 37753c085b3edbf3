using System.Numerics;
using System.Runtime.CompilerServices;

namespace Barometer.Analysis.Indices;

/// <summary>
/// The Barometer's one rule for a relationship's points, used by <see cref="IndexCalculator"/> and the sensitivity
/// analysis alike: a positive score adds to the positive points, any other score (zero or below) to the negative
/// points, and the index is their sum. Callers sum in <see cref="long"/> and bring the totals back with
/// <see cref="ToInt"/>, so a total beyond <see cref="int"/> is a <see cref="ScoreOverflowException"/>, never a
/// wrapped value; the sensitivity loop sums in <see cref="int"/> only within bounds it has checked that way.
/// </summary>
internal static class Points
{
    /// <summary>Adds <paramref name="score"/> to the positive or the negative points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(T score, ref T positive, ref T negative) where T : INumber<T>
    {
        if (score > T.Zero)
        {
            positive += score;
        }
        else
        {
            negative += score;
        }
    }

    /// <summary>A total summed in <see cref="long"/>, as an <see cref="int"/>.</summary>
    /// <exception cref="ScoreOverflowException">The total is outside the range of <see cref="int"/>.</exception>
    public static int ToInt(long total) =>
        total is >= int.MinValue and <= int.MaxValue ? (int)total : throw new ScoreOverflowException(total);
}

/// <summary>A sum of scores left the range of a 32-bit integer: the scores are implausible (see the score range in datapackage.json).</summary>
public sealed class ScoreOverflowException(long total)
    : OverflowException($"a sum of scores, {total}, is outside the range of a 32-bit integer; the scores are not plausible Barometer scores");
