using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// Source-generated (de)serialisers for the draft save (<c>PUT /api/submissions/{id}</c>, every autosave): its body and
/// its answer. Same wire format as the reflection serialiser with the HTTP defaults; put first in the HTTP JSON
/// options' resolver chain by <see cref="SubmissionsFeature"/>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SaveSubmissionRequest))]
[JsonSerializable(typeof(DraftSaved))]
internal sealed partial class SubmissionSaveJson : JsonSerializerContext;
