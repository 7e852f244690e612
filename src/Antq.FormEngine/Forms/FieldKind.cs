namespace Antq.FormEngine.Forms;

/// <summary>The type a form field has for rule expressions, taken from its JSON Schema.</summary>
public enum FieldKind
{
    Integer,
    Number,
    Boolean,
    String,
    Object,
    Array,
    /// <summary>No single type could be read from the schema: not reachable from expressions.</summary>
    Unknown,
}
