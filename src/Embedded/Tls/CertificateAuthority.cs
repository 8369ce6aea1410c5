using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ClickVault.Cluster.Embedded.Tls;

/// <summary>
/// A private CA for the embedded cluster, so the demo and tests run Akka.Remote with mutual TLS: it writes
/// <c>ca.pem</c> and issues node certificates (PKCS#12, allowed for server and client authentication).
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _root;

    private CertificateAuthority(X509Certificate2 root) => _root = root;

    public X509Certificate2 Root => _root;

    public static CertificateAuthority Create(string name = "ClickVault embedded CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new CertificateAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2)));
    }

    /// <summary>Writes the CA certificate (no key) as PEM.</summary>
    public void WriteAuthority(string path) => File.WriteAllText(path, _root.ExportCertificatePem());

    /// <summary>Issues a certificate for <paramref name="name"/> and writes it with its key as PKCS#12 (<paramref name="password"/>).</summary>
    public void WriteNode(string name, string path, string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(_root, now.AddMinutes(-5), now.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        File.WriteAllBytes(path, withKey.Export(X509ContentType.Pfx, password));
    }

    public void Dispose() => _root.Dispose();
}
