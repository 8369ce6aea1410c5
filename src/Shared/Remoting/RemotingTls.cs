using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace ClickVault.Cluster.Shared.Remoting;

/// <summary>A remoting TLS file that cannot be used; <see cref="Key"/> names the setting.</summary>
public sealed class RemotingTlsException(string key, string message) : Exception($"{key}: {message}")
{
    public string Key { get; } = key;
}

/// <summary>
/// Mutual TLS for Akka.Remote between agents and coordinator nodes: this process presents <see cref="Certificate"/>
/// (PKCS#12 with its key, allowed for server and client authentication) and accepts a peer only when its certificate
/// chains to the configured CA, not to the machine's trust store: a certificate from any other CA cannot associate.
/// </summary>
public sealed class RemotingTls : IDisposable
{
    private RemotingTls(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2 Authority { get; }

    /// <param name="section">The config section the keys are named in (<c>remoting</c>, <c>agent</c>), for errors.</param>
    public static RemotingTls Load(string section, string certificatePath, string? password, string authorityPath)
    {
        var certificate = Read($"{section}.tls_certificate", certificatePath, p => X509CertificateLoader.LoadPkcs12FromFile(p, password));
        if (!certificate.HasPrivateKey)
        {
            throw new RemotingTlsException($"{section}.tls_certificate", $"'{certificatePath}' holds no private key");
        }
        var authority = Read($"{section}.tls_ca", authorityPath, X509CertificateLoader.LoadCertificateFromFile);
        return new RemotingTls(certificate, authority);
    }

    /// <summary>
    /// What is wrong with a section's <c>tls_certificate</c>/<c>tls_password</c>/<c>tls_ca</c>: both files or neither, and
    /// each readable. Null certificate and CA: TLS is off.
    /// </summary>
    public static IReadOnlyList<string> Problems(string section, string? certificatePath, string? password, string? authorityPath)
    {
        if (string.IsNullOrEmpty(certificatePath) && string.IsNullOrEmpty(authorityPath))
        {
            return string.IsNullOrEmpty(password) ? [] : [$"{section}.tls_password is set but {section}.tls_certificate is not"];
        }
        if (string.IsNullOrEmpty(certificatePath) || string.IsNullOrEmpty(authorityPath))
        {
            return [$"{section}.tls_certificate and {section}.tls_ca go together: set both (mutual TLS) or neither"];
        }
        try
        {
            using var loaded = Load(section, certificatePath, password, authorityPath);
            return [];
        }
        catch (RemotingTlsException e)
        {
            return [e.Message];
        }
    }

    /// <summary>Akka.Remote.Hosting's TLS settings: mutual authentication, no host name check, chain pinned to the CA.</summary>
    public SslOptions ToSslOptions() => new()
    {
        X509Certificate = Certificate,
        RequireMutualAuthentication = true,
        ValidateCertificateHostname = false,
        SuppressValidation = false,
        CustomValidator = (peer, _, _, _, _) => peer is not null && ChainsToAuthority(peer, Authority),
    };

    /// <summary>True when <paramref name="peer"/> was issued by <paramref name="authority"/> and is valid now.</summary>
    public static bool ChainsToAuthority(X509Certificate2 peer, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(peer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // Our own CA publishes no revocation lists; a compromised node certificate is replaced with a new CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Authority.Dispose();
    }

    private static X509Certificate2 Read(string key, string path, Func<string, X509Certificate2> load)
    {
        if (!File.Exists(path))
        {
            throw new RemotingTlsException(key, $"file '{path}' does not exist");
        }
        try
        {
            return load(path);
        }
        catch (CryptographicException e)
        {
            // The message never carries the password; it says what is wrong with the file.
            throw new RemotingTlsException(key, $"'{path}' is not a readable certificate ({e.Message})");
        }
    }
}
