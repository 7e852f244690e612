using System.Text.Json;
using System.Text.Json.Serialization;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// Source-generated (de)serialisers for <c>POST /api/packs/{id}/evaluate</c>, the form's live check and the busiest
/// endpoint on deadline days: the request and the engine's result are read and written without reflection. Same
/// wire format as the reflection serialiser with the HTTP defaults (camelCase, <see cref="JsonSerializerDefaults.Web"/>);
/// put first in the HTTP JSON options' resolver chain by <see cref="PacksFeature"/>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EvaluateRequest))]
[JsonSerializable(typeof(EvaluationResult))]
internal sealed partial class PackEvaluationJson : JsonSerializerContext;
