using System.Diagnostics;
using System.Globalization;

namespace Barometer.Browser;

/// <summary>A browser process and its helpers (zygotes, renderers, utility processes): whether one runs, killing them all.</summary>
internal static class ProcessTree
{
    public static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Kills <paramref name="process"/> and its helper processes, and waits (at most 5 s) for it to end.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                // The browser's helpers (zygotes, renderers, utility processes) are found through /proc/PID/task/TID/
                // children, a few small reads, before the browser goes (then they are orphans nobody can find);
                // Process.Kill(entireProcessTree) reads every process's stat on the machine instead, which took
                // 0.24-0.38 s on a busy machine.
                if (Descendants(process.Id) is { } helpers)
                {
                    process.Kill();
                    foreach (var pid in helpers)
                    {
                        KillQuietly(pid);
                    }
                }
                else
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or AggregateException or System.ComponentModel.Win32Exception)
        {
            // gone already, or a helper process that could not be killed (it ends when the browser's pipe closes)
        }
    }

    /// <summary>Every descendant of <paramref name="pid"/> from Linux's <c>/proc/PID/task/TID/children</c>, or null where there is no such file.</summary>
    private static List<int>? Descendants(int pid)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists($"/proc/{pid}/task/{pid}/children"))
        {
            return null;
        }

        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var parent))
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{parent}/task"))
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (int.TryParse(child, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                        {
                            found.Add(id);
                            queue.Enqueue(id);
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // that process ended meanwhile
            }
        }
        return found;
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }
}
