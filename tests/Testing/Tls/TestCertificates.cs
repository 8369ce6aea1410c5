using ClickVault.Cluster.Embedded.Tls;

namespace ClickVault.Cluster.Testing.Tls;

/// <summary>
/// A CA of the test process and certificates from it, written once to a temporary directory: every in-process
/// coordinator and agent runs Akka.Remote with mutual TLS on them, as the demo does.
/// </summary>
public sealed class TestCertificates
{
    public const string Password = "test-tls-password";

    private static readonly Lazy<TestCertificates> Shared = new(() => Create("ClickVault test CA"));

    private TestCertificates(string directory)
    {
        Authority = Path.Combine(directory, "ca.pem");
        Coordinator = Path.Combine(directory, "coordinator.p12");
        Agent = Path.Combine(directory, "agent.p12");
    }

    /// <summary>The one set of the test process.</summary>
    public static TestCertificates Default => Shared.Value;

    public string Authority { get; }

    public string Coordinator { get; }

    public string Agent { get; }

    /// <summary>A CA of its own, for peers that must be refused.</summary>
    public static TestCertificates Create(string name)
    {
        var directory = Directory.CreateTempSubdirectory("clickvault-tls-").FullName;
        var set = new TestCertificates(directory);
        using var authority = CertificateAuthority.Create(name);
        authority.WriteAuthority(set.Authority);
        authority.WriteNode("coordinator", set.Coordinator, Password);
        authority.WriteNode("agent", set.Agent, Password);
        return set;
    }

    /// <summary>The coordinator's <c>remoting.tls_*</c> settings.</summary>
    public IEnumerable<KeyValuePair<string, string?>> CoordinatorSettings() =>
    [
        new("remoting:tls_certificate", Coordinator),
        new("remoting:tls_password", Password),
        new("remoting:tls_ca", Authority),
    ];

    /// <summary>An agent's <c>agent.tls_*</c> settings.</summary>
    public IEnumerable<KeyValuePair<string, string?>> AgentSettings() =>
    [
        new("agent:tls_certificate", Agent),
        new("agent:tls_password", Password),
        new("agent:tls_ca", Authority),
    ];
}
