using System.Security.Cryptography;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// Verification codes: 120 random bits in RFC 4648 base32 (24 characters, A–Z and 2–7), URL-safe,
/// unguessable and easy to type from paper; case, spaces and dashes are ignored when looking one up.
/// </summary>
public static class VerificationCodes
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    public const int Length = 24;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[Length];
        for (int i = 0, bit = 0; i < Length; i++, bit += 5)
        {
            var value = (bytes[bit / 8] << 8 | (bit / 8 + 1 < bytes.Length ? bytes[bit / 8 + 1] : 0)) >> (11 - bit % 8) & 31;
            chars[i] = Alphabet[value];
        }
        return new string(chars);
    }

    /// <summary>The code in canonical form, or null when it cannot be one (so nothing is looked up).</summary>
    public static string? Normalise(string? text)
    {
        if (text is null || text.Length > 64) return null;
        var code = new string(text.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(c => Alphabet.Contains(c)) ? code : null;
    }
}
