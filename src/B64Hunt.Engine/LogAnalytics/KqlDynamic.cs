using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace B64Hunt.LogAnalytics
{
    /// <summary>
    /// A value of a KQL dynamic column. The service sends it as JSON text; the text is kept as is (cheap,
    /// exports cleanly) and parsed on demand into plain BCL objects.
    /// </summary>
    public sealed class KqlDynamic
    {
        public KqlDynamic(string json) => Json = json ?? string.Empty;

        /// <summary>The value as the service sent it (JSON text, or a bare string for scalar dynamics).</summary>
        public string Json { get; }

        /// <summary>
        /// The parsed value: IDictionary&lt;string, object?&gt; for objects, object?[] for arrays, string, long,
        /// double, bool or null; text that is not JSON comes back as the string itself.
        /// </summary>
        public object? ToObject()
        {
            try
            {
                using var document = JsonDocument.Parse(Json);
                return Convert(document.RootElement);
            }
            catch (JsonException)
            {
                return Json;
            }
        }

        /// <summary>The strings of a JSON array (make_set results); a non-array gives its text as the only item.</summary>
        public IList<string> ToStringList()
        {
            var list = new List<string>();
            switch (ToObject())
            {
                case object?[] items:
                    foreach (var item in items)
                    {
                        if (item != null) list.Add(System.Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty);
                    }
                    break;
                case string text when text.Length > 0:
                    list.Add(text);
                    break;
            }
            return list;
        }

        internal static object? Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in element.EnumerateObject()) map[property.Name] = Convert(property.Value);
                    return map;
                case JsonValueKind.Array:
                    var items = new object?[element.GetArrayLength()];
                    var i = 0;
                    foreach (var item in element.EnumerateArray()) items[i++] = Convert(item);
                    return items;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return element.TryGetInt64(out var l) ? (object)l : element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        public override string ToString() => Json;
    }
}
