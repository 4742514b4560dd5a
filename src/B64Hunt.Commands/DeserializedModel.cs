using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;
using B64Hunt.Model;

namespace B64Hunt.Commands
{
    /// <summary>
    /// Export-Clixml/Import-Clixml, Start-Job/Receive-Job and remoting hand back property bags typed
    /// "Deserialized.B64Hunt.Model.X". They are rebuilt here, property by property, into the live model objects, so
    /// a saved hunt can be re-scored and reported. Anything else passes through unchanged.
    /// </summary>
    internal static class DeserializedModel
    {
        private const string Prefix = "Deserialized.";

        private static readonly Dictionary<string, Type> ModelTypes = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            [typeof(CommandEvent).FullName!] = typeof(CommandEvent),
            [typeof(CommandScore).FullName!] = typeof(CommandScore),
            [typeof(RelatedAlert).FullName!] = typeof(RelatedAlert),
            [typeof(Ioc).FullName!] = typeof(Ioc),
            [typeof(TiResult).FullName!] = typeof(TiResult),
            [typeof(GtfoBinsTag).FullName!] = typeof(GtfoBinsTag),
            [typeof(BehaviourHit).FullName!] = typeof(BehaviourHit),
            [typeof(ArchiveMember).FullName!] = typeof(ArchiveMember),
        };

        /// <summary>The live object behind pipeline input: a rebuilt model object, the base object of a PSObject, or the input.</summary>
        public static object? Unwrap(object? input)
        {
            if (input is not PSObject ps) return input;
            return ModelTypeOf(ps) is Type type ? Rebuild(ps, type) : ps.BaseObject;
        }

        private static Type? ModelTypeOf(PSObject ps)
        {
            if (ps.BaseObject is not PSCustomObject) return null;
            foreach (string name in ps.TypeNames)
            {
                if (name.StartsWith(Prefix, StringComparison.Ordinal)
                    && ModelTypes.TryGetValue(name.Substring(Prefix.Length), out Type? type))
                {
                    return type;
                }
            }
            return null;
        }

        private static object Rebuild(PSObject source, Type type)
        {
            object target = Activator.CreateInstance(type)!;
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.CanWrite) continue;
                PSPropertyInfo? saved = source.Properties[property.Name];
                if (saved == null) continue;
                object? value = saved.Value;
                if (value == null) continue;
                object? converted = Convert(value, property.PropertyType);
                // A model object cut by the serialization depth (saved as its ToString) leaves the default.
                if (converted != null) property.SetValue(target, converted);
            }
            // A hunt saved before Severity was an enum has only its text: keep it as SeverityText too.
            if (target is RelatedAlert alert && alert.SeverityText.Length == 0 && source.Properties["Severity"]?.Value is object severity)
            {
                alert.SeverityText = severity.ToString() ?? string.Empty;
            }
            return target;
        }

        private static object? Convert(object value, Type type)
        {
            Type? item = ListItemType(type);
            if (item != null)
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
                IEnumerable? items = LanguagePrimitives.GetEnumerable(value is PSObject p ? p.BaseObject : value);
                if (items == null) items = new[] { value };
                foreach (object? element in items)
                {
                    if (element != null) list.Add(Convert(element, item));
                }
                return list;
            }
            if (ModelTypes.ContainsValue(type))
            {
                PSObject ps = PSObject.AsPSObject(value);
                if (type.IsInstanceOfType(ps.BaseObject)) return ps.BaseObject;
                // Below the serialization depth an object was saved as its ToString(): nothing to rebuild.
                return ps.BaseObject is PSCustomObject ? Rebuild(ps, type) : null;
            }
            // Saved as a name (or text from before it was an enum): an unknown one stays Unknown, never a cast error.
            if (type == typeof(AlertSeverity)) return SeverityOf(PSObject.AsPSObject(value));
            return LanguagePrimitives.ConvertTo(value, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        private static AlertSeverity SeverityOf(PSObject value)
        {
            AlertSeverity named = AlertSeverities.Parse(value.ToString());
            if (named != AlertSeverity.Unknown) return named;
            return value.BaseObject is long or int && Enum.IsDefined(typeof(AlertSeverity), System.Convert.ToInt64(value.BaseObject))
                ? (AlertSeverity)System.Convert.ToInt64(value.BaseObject) : AlertSeverity.Unknown;
        }

        private static Type? ListItemType(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>) ? type.GetGenericArguments()[0] : null;
    }

    /// <summary>Binds deserialized RelatedAlerts (Import-Clixml, Receive-Job) to a RelatedAlert[] parameter.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class DeserializedModelArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : inputData;
            if (value is IEnumerable items && value is not string)
            {
                var result = new List<object?>();
                foreach (object? element in items) result.Add(DeserializedModel.Unwrap(element));
                return result.ToArray();
            }
            return DeserializedModel.Unwrap(value);
        }
    }
}
