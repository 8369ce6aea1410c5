using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>Constant-time token checks: <c>Authorization: Bearer {token}</c> of operators, the hello's token of agents.</summary>
public static class BearerToken
{
    public static bool Matches(HttpRequest request, string expected)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && Equal(header[scheme.Length..].Trim(), expected);
    }

    /// <summary>False for an empty expected token: an unset token admits nobody.</summary>
    public static bool Equal(string presented, string expected)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(expected);
        return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
    }
}
