namespace ClickVault.Cluster.Embedded.Http;

/// <summary>Everything one embedded node process needs; parsed from `clickvault-embedded node ...`.</summary>
public sealed record NodeOptions(
    string Name,
    int Port,
    string DataPath,
    string ConfigFile,
    string LibraryPath,
    string User,
    string Password,
    int Connections,
    string? PidFile)
{
    public const string PasswordVariable = "CLICKVAULT_EMBEDDED_PASSWORD";

    public override string ToString() =>
        $"NodeOptions {{ Name = {Name}, Port = {Port}, DataPath = {DataPath}, User = {User}, Password = [HIDDEN] }}";
}
