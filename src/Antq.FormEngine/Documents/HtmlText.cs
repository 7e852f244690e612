using System.Text;

namespace Antq.FormEngine.Documents;

/// <summary>
/// Minimal HTML escaping: only the five characters that can end text or an attribute value.
/// Vietnamese letters stay readable (WebUtility.HtmlEncode would turn "ã" into "&amp;#227;").
/// </summary>
public static class HtmlText
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default: builder.Append(ch); break;
            }
        }
        return builder.ToString();
    }
}
