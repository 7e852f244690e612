using System.Text.Json;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Rules;

namespace Antq.FormEngine.Evaluation;

/// <summary>
/// The whole evaluation of one submission: schema validation (Vietnamese messages, hidden fields
/// skipped), typed data, every criterion three-valued with its explanation, summary and outcome.
/// Never throws for bad data.
/// </summary>
internal static class PackEvaluator
{
    /// <summary>Read only: no field is invalid.</summary>
    private static readonly HashSet<int> NoFields = [];

    public static EvaluationResult Evaluate(CompiledPack pack, UnitInfo unit, int year, JsonElement data) =>
        Evaluate(pack, unit, year, data, withVisibility: false).Result;

    /// <summary>
    /// The evaluation, and with <paramref name="withVisibility"/> which fields are shown (else
    /// <see cref="FieldVisibility.AllVisible"/>): one validation and one materialisation of the data for both.
    /// </summary>
    public static (EvaluationResult Result, FieldVisibility Visibility) Evaluate(CompiledPack pack, UnitInfo unit, int year, JsonElement data,
        bool withVisibility, PackFacts? facts = null)
    {
        var form = pack.Form;
        (data, var factNotes, var supplied) = FactOverlay.Apply(pack, data, facts);
        var (errors, unusable, typed) = Prepare(pack, data);
        var invalidFields = unusable.Count == 0 ? NoFields : unusable.Select(form.FieldAt).Where(f => f is not null).Select(f => f!.Id).ToHashSet();

        var context = new EvalContext();
        var visibility = FieldVisibility.AllVisible;
        if (pack.Visibility.Count > 0 && (withVisibility || errors.Count > 0))
        {
            visibility = Visibility(pack, context, typed, unit, year);
            errors = DropHidden(pack, visibility, errors);
        }

        var criteria = new List<CriterionResult>(pack.Criteria.Count);
        foreach (var criterion in pack.Criteria)
            criteria.Add(Evaluate(criterion, form, context, typed, unit, year, invalidFields, factNotes));

        int met = 0, notMet = 0, notEvaluable = 0;
        double points = 0, maxPoints = 0;
        foreach (var c in criteria)
        {
            switch (c.Status)
            {
                case CriterionStatus.Met: met++; break;
                case CriterionStatus.NotMet: notMet++; break;
                default: notEvaluable++; break;
            }
            points += c.Points;
            maxPoints += c.MaxPoints;
        }
        var summary = new EvaluationSummary(met, notMet, notEvaluable, criteria.Count, points, maxPoints);
        var result = new EvaluationResult(new PackRef(pack.Manifest.Id, pack.Manifest.Version), errors.Count == 0, errors, criteria,
            summary, Outcome(pack, context, summary, criteria)) { Facts = supplied };
        return (result, visibility);
    }

    /// <summary>The data validated (Vietnamese messages) and materialised, unusable values marked invalid in the typed form.</summary>
    internal static (List<FieldError> Errors, List<string> Unusable, object Typed) Prepare(CompiledPack pack, JsonElement data)
    {
        var (errors, unusable) = pack.Validator.Validate(data);
        var typed = FormMaterializer.Materialize(pack.Form, data);
        foreach (var pointer in unusable) FormMaterializer.MarkInvalid(pack.Form, typed, pointer);
        return (errors, unusable, typed);
    }

    private static CriterionResult Evaluate(Criterion criterion, FormModel form, EvalContext context, object typed, UnitInfo unit, int year, HashSet<int> invalidFields,
        Dictionary<int, string>? factNotes)
    {
        if (criterion.Predicate is null) return Combined(criterion, form, context, typed, unit, year, invalidFields, factNotes);
        context.Reset(EvalContext.DefaultFuel);
        try
        {
            var met = criterion.Predicate(context, typed, unit, year);
            if (context.Stopped) return Unavailable(criterion, form, context, invalidFields);
            return met
                ? Result(criterion, CriterionStatus.Met, Explanations.Met(criterion, form, context.Reads, factNotes), [])
                : Result(criterion, CriterionStatus.NotMet, Explanations.NotMet(criterion, form, context.Reads, factNotes), []);
        }
        catch (Exception) when (context.Stopped)
        {
            // Whatever the default values read after the missing field did (a division by 0, a null string): that field decides.
            return Unavailable(criterion, form, context, invalidFields);
        }
        catch (FuelExhaustedException)
        {
            return Result(criterion, CriterionStatus.NotEvaluable, Explanations.OutOfFuel, []);
        }
        catch (Exception e) when (e is ArithmeticException or InvalidOperationException or ArgumentException or NullReferenceException
            or IndexOutOfRangeException or InvalidCastException or FormatException or KeyNotFoundException)
        {
            return Result(criterion, CriterionStatus.NotEvaluable, Explanations.Failed(e), []);
        }
    }

    /// <summary>"Cannot be evaluated" for the first missing or invalid field the criterion read.</summary>
    private static CriterionResult Unavailable(Criterion criterion, FormModel form, EvalContext context, HashSet<int> invalidFields)
    {
        var field = form.Fields[context.UnavailableField];
        return Result(criterion, CriterionStatus.NotEvaluable, Explanations.Unavailable(field, invalidFields.Contains(field.Id)), []);
    }

    /// <summary>A criterion made of sub-criteria: each evaluated, then combined (a method of its own, so a leaf allocates no closure).</summary>
    private static CriterionResult Combined(Criterion criterion, FormModel form, EvalContext context, object typed, UnitInfo unit, int year,
        HashSet<int> invalidFields, Dictionary<int, string>? factNotes)
    {
        var children = new CriterionResult[criterion.Children.Count];
        for (var i = 0; i < children.Length; i++)
            children[i] = Evaluate(criterion.Children[i], form, context, typed, unit, year, invalidFields, factNotes);
        var status = Combine(children, criterion.IsOr);
        return Result(criterion, status, Explanations.Combined(criterion, status, children), children);
    }

    /// <summary>Three-valued (Kleene) And/Or: a definite answer wins over "cannot be evaluated" only when it decides.</summary>
    private static CriterionStatus Combine(CriterionResult[] children, bool isOr)
    {
        if (children.Length == 0) return CriterionStatus.NotEvaluable;
        var decisive = isOr ? CriterionStatus.Met : CriterionStatus.NotMet;
        var undecided = false;
        foreach (var child in children)
        {
            if (child.Status == decisive) return decisive;
            undecided |= child.Status == CriterionStatus.NotEvaluable;
        }
        if (undecided) return CriterionStatus.NotEvaluable;
        return isOr ? CriterionStatus.NotMet : CriterionStatus.Met;
    }

    private static CriterionResult Result(Criterion c, CriterionStatus status, string explanation, IReadOnlyList<CriterionResult> children) =>
        new(c.Id, c.Title, c.Group, status, status == CriterionStatus.Met ? c.Points : 0, c.Points, explanation, children);

    private static OutcomeRef? Outcome(CompiledPack pack, EvalContext context, EvaluationSummary s, List<CriterionResult> criteria)
    {
        // Every criterion's status by id, parents before their children (a later duplicate id wins).
        var status = new Dictionary<string, string>(pack.CriterionCount, StringComparer.Ordinal);
        AddStatuses(criteria, status);
        object?[] values = [s.Met, s.NotMet, s.NotEvaluable, s.Total, s.Points, s.MaxPoints, status];
        foreach (var level in pack.Outcomes)
        {
            context.Reset(EvalContext.DefaultFuel);
            try
            {
                if (level.Predicate(context, values)) return new OutcomeRef(level.Level.Id, level.Level.Title);
            }
            catch (Exception e) when (e is KeyNotFoundException or ArithmeticException or InvalidOperationException or FuelExhaustedException)
            {
                // A level whose condition cannot be computed does not hold; the next one is tried.
            }
        }
        return null;
    }

    /// <summary>The statuses in <see cref="CriteriaTree.Flatten(IEnumerable{CriterionResult})"/>'s order (parents first), without its iterator.</summary>
    private static void AddStatuses(IReadOnlyList<CriterionResult> criteria, Dictionary<string, string> status)
    {
        foreach (var c in criteria)
        {
            status[c.Id] = c.Status.ToWire();
            AddStatuses(c.Children, status);
        }
    }

    /// <summary>
    /// Every <c>visibleWhen</c> of the pack against the typed data. A condition whose own inputs are
    /// missing or invalid hides its field: the dependent field waits.
    /// </summary>
    internal static FieldVisibility Visibility(CompiledPack pack, EvalContext context, object typed, UnitInfo unit, int year)
    {
        var hidden = new HashSet<FormField>(ReferenceEqualityComparer.Instance);
        foreach (var rule in pack.Visibility)
        {
            context.Reset(EvalContext.DefaultFuel);
            bool visible;
            try { visible = rule.Predicate(context, typed, unit, year) && !context.Stopped; }
            catch (Exception e) when (context.Stopped || e is FuelExhaustedException or ArithmeticException or InvalidOperationException)
            {
                visible = false; // the condition's own inputs are not there yet: the dependent field waits
            }
            if (!visible) hidden.Add(rule.Field);
        }
        return hidden.Count == 0 ? FieldVisibility.AllVisible : new FieldVisibility(hidden);
    }

    /// <summary>The errors of hidden fields (and of their descendants) dropped; an error of the whole document stays.</summary>
    private static List<FieldError> DropHidden(CompiledPack pack, FieldVisibility visibility, List<FieldError> errors)
    {
        if (visibility.Hidden.Count == 0 || errors.Count == 0) return errors;
        var shown = new List<FieldError>(errors.Count);
        foreach (var e in errors)
            if (!IsHidden(pack, visibility, e.Field ?? e.Path) || (e.Field is null && e.Path.Length == 0)) shown.Add(e);
        return shown;
    }

    private static bool IsHidden(CompiledPack pack, FieldVisibility visibility, string? pointer) =>
        pointer is not null && pack.Form.FieldAt(pointer) is { } f && !visibility.IsVisible(f);
}
