using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ClickVault.Cluster.Embedded.Launch;

/// <summary>Starts processes that outlive the launcher (own session, output to a log file) and stops exactly those, by PID.</summary>
public static partial class ProcessControl
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static int StartDetached(string fileName, IEnumerable<string> arguments, string logFile, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        // setsid execs in place (the child is not a group leader), and so does sh: the PID is the program's.
        foreach (var a in (string[])["sh", "-c", "exec \"$@\" >>\"$CLICKVAULT_LOG_FILE\" 2>&1 </dev/null", "sh", fileName, .. arguments])
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["CLICKVAULT_LOG_FILE"] = logFile;
        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        return process.Id;
    }

    /// <summary>
    /// True when PID is alive and not a zombie, whatever it runs. Right after <see cref="StartDetached"/> the child may
    /// not have exec'd yet (its command line is still the parent's), so start-up waits use this, not the marker check.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            return pid > 0 && !File.ReadAllText($"/proc/{pid}/status").Contains("State:\tZ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>True when PID is alive (not a zombie) and its command line contains <paramref name="marker"/>.</summary>
    public static bool IsRunning(int pid, string marker)
    {
        if (pid <= 0)
        {
            return false;
        }
        try
        {
            var status = File.ReadAllText($"/proc/{pid}/status");
            if (status.Contains("State:\tZ", StringComparison.Ordinal))
            {
                return false;
            }
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains(marker, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, wait for a graceful exit, SIGKILL after the grace period. Only touches a PID that still runs our command.</summary>
    public static async Task<bool> StopAsync(int pid, string marker, TimeSpan grace)
    {
        if (!IsRunning(pid, marker))
        {
            return false;
        }
        Kill(pid, SigTerm);
        var deadline = Stopwatch.StartNew();
        while (IsRunning(pid, marker))
        {
            if (deadline.Elapsed > grace)
            {
                Kill(pid, SigKill);
                grace = TimeSpan.MaxValue;
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>SIGKILL (a crash: no shutdown at all), then waits until it is gone. Only touches a PID that still runs our command.</summary>
    public static async Task<bool> KillAsync(int pid, string marker)
    {
        if (!IsRunning(pid, marker))
        {
            return false;
        }
        Kill(pid, SigKill);
        while (IsRunning(pid, marker))
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
        return true;
    }

    public static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return l;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    public static string DotnetHost() =>
        Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
}
