using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Embedded.Engine;

/// <summary>
/// One chDB connection owned by one dedicated thread. A connection runs one statement at a time and a
/// blocking native call must never sit on a thread-pool thread, so every call is marshalled here.
/// </summary>
internal sealed class ChdbConnection : IDisposable
{
    private readonly BlockingCollection<(EngineQuery Query, TaskCompletionSource<EngineResult> Done)> _work = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string[] _argv;
    private IntPtr _slot;
    private string _database = "default";

    private ChdbConnection(string[] argv, int index)
    {
        _argv = argv;
        _thread = new Thread(Run) { IsBackground = true, Name = $"chdb-connection-{index}" };
    }

    public static async Task<ChdbConnection> OpenAsync(string[] argv, int index)
    {
        var connection = new ChdbConnection(argv, index);
        connection._thread.Start();
        await connection._connected.Task.ConfigureAwait(false);
        return connection;
    }

    public Task<EngineResult> ExecuteAsync(EngineQuery query)
    {
        var done = new TaskCompletionSource<EngineResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add((query, done));
        return done.Task;
    }

    private void Run()
    {
        try
        {
            _slot = Connect(_argv);
            _connected.SetResult();
        }
        catch (Exception e)
        {
            _connected.SetException(e);
            return;
        }

        foreach (var (query, done) in _work.GetConsumingEnumerable())
        {
            try
            {
                done.SetResult(Execute(query));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }

        NativeMethods.CloseConnection(_slot);
        _slot = IntPtr.Zero;
    }

    private static IntPtr Connect(string[] argv)
    {
        var native = argv.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            using var guard = SignalHandlerGuard.Capture();
            NativeMethods.SetSignalHandlersEnabled(0);
            guard.Restore();
            var slot = NativeMethods.Connect(native.Length, native);
            guard.Restore();
            if (slot == IntPtr.Zero || Marshal.ReadIntPtr(slot) == IntPtr.Zero)
            {
                throw new InvalidOperationException($"chdb_connect failed for arguments: {string.Join(' ', argv)}");
            }
            return slot;
        }
        finally
        {
            foreach (var p in native)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    private EngineResult Execute(EngineQuery query)
    {
        if (!string.Equals(query.Database, _database, StringComparison.Ordinal))
        {
            var use = Run($"USE `{query.Database.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)}`", "TabSeparated", []);
            if (use.Failed)
            {
                return use;
            }
            _database = query.Database;
        }
        return query.Settings.Count == 0 ? Run(query.Sql, query.Format, query.Parameters) : RunWithSettings(query);
    }

    // An engine connection is a session: SET lasts until reset, so every setting is put back once the statement ends.
    private EngineResult RunWithSettings(EngineQuery query)
    {
        var applied = new List<string>(query.Settings.Count);
        try
        {
            foreach (var (name, value) in query.Settings)
            {
                var set = Run($"SET {name} = {SqlLiteral.Quote(value)}", "TabSeparated", []);
                if (set.Failed)
                {
                    return set;
                }
                applied.Add(name);
            }
            return Run(query.Sql, query.Format, query.Parameters);
        }
        finally
        {
            foreach (var name in applied)
            {
                Run($"SET {name} = DEFAULT", "TabSeparated", []);
            }
        }
    }

    private EngineResult Run(string sql, string format, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var allocated = new List<IntPtr>(4 + (parameters.Count * 2));
        IntPtr Utf8(string s)
        {
            var p = Marshal.StringToCoTaskMemUTF8(s);
            allocated.Add(p);
            return p;
        }

        var result = IntPtr.Zero;
        try
        {
            var connection = Marshal.ReadIntPtr(_slot);
            var names = parameters.Select(p => Utf8(p.Key)).ToArray();
            var values = parameters.Select(p => Utf8(p.Value)).ToArray();
            result = parameters.Count == 0
                ? NativeMethods.Query(connection, Utf8(sql), Utf8(format))
                : NativeMethods.QueryWithParams(connection, Utf8(sql), Utf8(format), names, values, (nuint)parameters.Count);
            if (result == IntPtr.Zero)
            {
                return new EngineResult([], "Code: 1001. DB::Exception: chdb returned no result", 0, 0, 0);
            }

            var errorPtr = NativeMethods.ResultError(result);
            var error = errorPtr == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(errorPtr);
            var length = checked((int)NativeMethods.ResultLength(result));
            var buffer = NativeMethods.ResultBuffer(result);
            var output = new byte[length];
            if (length > 0 && buffer != IntPtr.Zero)
            {
                Marshal.Copy(buffer, output, 0, length);
            }
            return new EngineResult(
                output,
                string.IsNullOrEmpty(error) ? null : error,
                NativeMethods.ResultRowsRead(result),
                NativeMethods.ResultBytesRead(result),
                NativeMethods.ResultElapsed(result));
        }
        finally
        {
            if (result != IntPtr.Zero)
            {
                NativeMethods.DestroyResult(result);
            }
            foreach (var p in allocated)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
        _work.Dispose();
    }
}
