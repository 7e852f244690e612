using System.Net;
using System.Text.RegularExpressions;

namespace Antq.Admin.Tests.Support;

/// <summary>A rendered document's text for golden assertions: one line per paragraph, block or table row, cells joined by " | ".</summary>
internal static class HtmlLines
{
    public static List<string> Of(string html)
    {
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        body = Regex.Replace(body, @"</t[dh]>\s*(?=<t[dh])", " | ");
        body = Regex.Replace(body, @"</p>|</tr>|<br\s*/?>|</div>", "\n");
        body = Regex.Replace(body, "<[^>]+>", "");
        return body.Split('\n').Select(l => Regex.Replace(WebUtility.HtmlDecode(l).Replace('\u00a0', ' '), @"\s+", " ").Trim())
            .Where(l => l.Length > 0).ToList();
    }

    /// <summary>The lines from the first starting with <paramref name="from"/> up to (without) the next starting with <paramref name="to"/>.</summary>
    public static List<string> Section(List<string> lines, string from, string to)
    {
        var start = lines.FindIndex(l => l.StartsWith(from, StringComparison.Ordinal));
        Assert.True(start >= 0, $"«{from}» not found in:\n{string.Join("\n", lines)}");
        var end = lines.FindIndex(start + 1, l => l.StartsWith(to, StringComparison.Ordinal));
        Assert.True(end >= 0, $"«{to}» not found after «{from}» in:\n{string.Join("\n", lines)}");
        return lines[start..end];
    }
}
