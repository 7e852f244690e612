namespace Antq.FormEngine;

/// <summary>
/// One reason a pack (or a part of it) is not acceptable. Errors a user can cause are values,
/// never exceptions. <see cref="Path"/> is a file plus a JSON Pointer (<c>rules.json#/0/Rules/3/Expression</c>)
/// or a file with a text position (<c>templates/to-trinh.scriban(12,5)</c>), or just a file name.
/// </summary>
public sealed record PackError(string Path, string Code, string Message)
{
    public override string ToString() => $"{Path}: [{Code}] {Message}";

    public static string At(string file, string pointer) => pointer.Length == 0 ? file : $"{file}#{pointer}";

    public static string AtText(string file, int line, int column) => $"{file}({line},{column})";
}
