namespace ClickVault.Cluster.Embedded;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: clickvault-embedded node|up|down ...");
        return args.Length == 0 ? 2 : 2;
    }
}
