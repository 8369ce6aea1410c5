using System.Runtime.InteropServices;

namespace ClickVault.Cluster.Embedded.Engine;

/// <summary>
/// chDB installs its own handlers for the signals the .NET runtime relies on (null references,
/// divide by zero, GC suspension). Left in place, a managed fault hangs the process and GC pauses
/// balloon; disabling them resets to SIG_DFL, which kills the process on the first managed fault.
/// So: snapshot the runtime's handlers, let chDB do what it does, then put the snapshot back.
/// </summary>
internal sealed class SignalHandlerGuard : IDisposable
{
    // SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGTSTP, SIGSYS, SIGRTMIN
    private static readonly int[] Signals = [4, 5, 6, 7, 8, 11, 20, 31, 34];

    // struct sigaction is 152 bytes on x86_64 glibc; keep headroom.
    private const int SigActionSize = 256;

    private readonly IntPtr _saved;

    private SignalHandlerGuard(IntPtr saved) => _saved = saved;

    public static SignalHandlerGuard Capture()
    {
        var saved = Marshal.AllocHGlobal(SigActionSize * Signals.Length);
        for (var i = 0; i < Signals.Length; i++)
        {
            var slot = saved + (i * SigActionSize);
            unsafe { new Span<byte>((void*)slot, SigActionSize).Clear(); }
            if (LibC.SigAction(Signals[i], IntPtr.Zero, slot) != 0)
            {
                Marshal.FreeHGlobal(saved);
                throw new InvalidOperationException($"sigaction({Signals[i]}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        return new SignalHandlerGuard(saved);
    }

    public void Restore()
    {
        for (var i = 0; i < Signals.Length; i++)
        {
            if (LibC.SigAction(Signals[i], _saved + (i * SigActionSize), IntPtr.Zero) != 0)
            {
                throw new InvalidOperationException($"restoring handler of signal {Signals[i]} failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    public void Dispose() => Marshal.FreeHGlobal(_saved);
}
