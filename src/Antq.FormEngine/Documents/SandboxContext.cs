using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Antq.FormEngine.Documents;

/// <summary>
/// A fresh, locked-down context for one render. Scriban's own limits (loops, recursion, string
/// and output size) are set to throw instead of truncating, because a silently cut official
/// document is worse than none. On top of them this context counts evaluation steps and the
/// bytes the render allocates, which bound work Scriban does not count (exponential recursion
/// within the depth limit, many large values kept in variables).
/// </summary>
internal sealed class SandboxContext : TemplateContext
{
    public const int MaxLoopIterations = 10_000;
    public const int MaxRecursion = 64;
    public const int MaxStringChars = 256 * 1024;
    public const int MaxOutputChars = 2 * 1024 * 1024;
    public const long MaxSteps = 200_000; // a 40-criterion dossier document takes under 7,000
    public const long MaxAllocatedBytes = 256L * 1024 * 1024;

    internal static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private readonly bool _htmlEscape;
    private readonly long _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    private long _steps;

    public SandboxContext(RenderOptions options, CancellationToken cancellation) : base(SandboxBuiltins.Shared)
    {
        _htmlEscape = options.HtmlEscape;
        TemplateLoader = null; // include has nothing to load from, even if the parse check were bypassed
        StrictVariables = options.Strict;
        EnableRelaxedMemberAccess = !options.Strict; // strict: `x.y` on a null x is an error too
        if (options.Strict)
        {
            TryGetMember = MissingMember;
        }
        LoopLimit = MaxLoopIterations;
        RecursiveLimit = MaxRecursion;
        LimitToString = MaxStringChars;
        OnStringLimit = ScriptLimitBehavior.Throw;
        OutputLimit = MaxOutputChars;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        ObjectRecursionLimit = 32;
        RegexTimeOut = TimeSpan.FromMilliseconds(500); // regex is not offered; bound any internal use anyway
        MemberFilter = static _ => false; // no .NET member is reachable, whatever object slips in
        CancellationToken = cancellation;
        PushCulture(Vietnamese);
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        // Only values of {{ expressions }} come here; the template's literal text goes through
        // Write(ScriptStringSlice) and is written as the author typed it.
        if (!_htmlEscape || textAsObject is null)
        {
            return base.Write(span, textAsObject!);
        }
        return base.Write(span, HtmlText.Escape(ObjectToString(textAsObject, false) ?? ""));
    }

    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        var span = scriptNode?.Span ?? CurrentSpan;
        if (++_steps > MaxSteps)
        {
            throw new SandboxLimitException(span, string.Create(Vietnamese, $"Mẫu văn bản chạy quá {MaxSteps:N0} bước tính toán."));
        }
        if ((_steps & 15) == 0 && GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > MaxAllocatedBytes)
        {
            throw new SandboxLimitException(span, $"Mẫu văn bản dùng quá {MaxAllocatedBytes / (1024 * 1024)} MB bộ nhớ.");
        }
        return base.Evaluate(scriptNode, aliasReturnedFunction);
    }

    // Scriban's StrictVariables covers variables only: `unit.nam` would print as a blank.
    private static bool MissingMember(TemplateContext context, SourceSpan span, object target, string member, out object value) =>
        throw new SandboxLimitException(span, $"Không có trường `{member}` trong dữ liệu của mẫu.");
}

/// <summary>An error whose message is already the Vietnamese text to show.</summary>
internal sealed class SandboxLimitException(SourceSpan span, string message) : ScriptRuntimeException(span, message);
