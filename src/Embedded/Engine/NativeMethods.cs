using System.Runtime.InteropServices;

namespace ClickVault.Cluster.Embedded.Engine;

/// <summary>The subset of the chDB C API (libchdb.so, ClickHouse as a library) the node host uses.</summary>
internal static partial class NativeMethods
{
    public const string Library = "chdb";

    [LibraryImport(Library, EntryPoint = "chdb_connect")]
    public static partial IntPtr Connect(int argc, IntPtr[] argv);

    [LibraryImport(Library, EntryPoint = "chdb_close_conn")]
    public static partial void CloseConnection(IntPtr connectionSlot);

    [LibraryImport(Library, EntryPoint = "chdb_query_with_params")]
    public static partial IntPtr QueryWithParams(
        IntPtr connection, IntPtr query, IntPtr format, IntPtr[] names, IntPtr[] values, nuint count);

    [LibraryImport(Library, EntryPoint = "chdb_query")]
    public static partial IntPtr Query(IntPtr connection, IntPtr query, IntPtr format);

    [LibraryImport(Library, EntryPoint = "chdb_result_buffer")]
    public static partial IntPtr ResultBuffer(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_result_length")]
    public static partial nuint ResultLength(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_result_error")]
    public static partial IntPtr ResultError(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_result_rows_read")]
    public static partial ulong ResultRowsRead(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_result_bytes_read")]
    public static partial ulong ResultBytesRead(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_result_elapsed")]
    public static partial double ResultElapsed(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_destroy_query_result")]
    public static partial void DestroyResult(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_set_signal_handlers_enabled")]
    public static partial void SetSignalHandlersEnabled(int enabled);
}

/// <summary>sigaction(2) from libc, used to keep the .NET runtime's signal handlers (BRIEF 5).</summary>
internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    public static partial int SigAction(int signum, IntPtr act, IntPtr oldact);
}
