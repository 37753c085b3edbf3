using System.Runtime.CompilerServices;

namespace Barometer.Analysis.Sensitivity;

/// <summary>
/// xoshiro256** 1.0 (Blackman and Vigna, https://prng.di.unimi.it/), seeded through SplitMix64 as its authors
/// recommend. Our own implementation rather than <see cref="Random"/> so that a seed gives the same stream on every
/// .NET version and platform: the results of a sensitivity run are part of what a notebook reports. A mutable struct:
/// pass it by reference.
/// </summary>
internal struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>A generator with the given raw state (not all zero), e.g. to check the published reference outputs.</summary>
    internal static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("the xoshiro state must not be all zero");
        }

        var g = default(Xoshiro256StarStar);
        g._s0 = s0;
        g._s1 = s1;
        g._s2 = s2;
        g._s3 = s3;
        return g;
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A double uniformly distributed in [0, 1), from the top 53 bits.</summary>


    /// <summary>SplitMix64 step (Steele, Lea and Flood), used to expand a 64-bit seed into the 256-bit state.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
