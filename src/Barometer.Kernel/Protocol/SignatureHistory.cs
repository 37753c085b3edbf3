namespace Barometer.Kernel.Protocol;

/// <summary>
/// The signatures of the messages a session has accepted, so that a message sent again byte for byte (a replay) is
/// rejected, as jupyter_client's <c>Session</c> rejects a "Duplicate Signature". Bounded: past
/// <see cref="Capacity"/> entries the oldest are forgotten (every genuine message carries a fresh <c>msg_id</c>, so its
/// signature is new). Unsigned connections (an empty key) have no signatures to remember.
/// </summary>
internal sealed class SignatureHistory
{
    /// <summary>jupyter_client's default <c>digest_history_size</c>.</summary>
    public const int DefaultCapacity = 1 << 16;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Creates a history remembering at most <paramref name="capacity"/> signatures.</summary>
    public SignatureHistory(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many signatures are remembered at most.</summary>
    public int Capacity { get; }

    /// <summary>How many are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Records <paramref name="signature"/>; false when it was seen before (a replay). Empty signatures are never recorded.</summary>
    public bool TryAdd(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length == 0)
        {
            return true;
        }

        var normalized = signature.ToLowerInvariant(); // hex digits: the same digest in either case is the same message
        lock (_gate)
        {
            if (!_seen.Add(normalized))
            {
                return false;
            }

            _order.Enqueue(normalized);
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
