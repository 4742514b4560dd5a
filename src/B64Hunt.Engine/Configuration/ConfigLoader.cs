using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using B64Hunt.Errors;
using B64Hunt.Model;
using B64Hunt.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace B64Hunt.Configuration
{
    /// <summary>
    /// Reads B64Hunt's config.yaml and msticpyconfig.yaml (same TIProviders shape). Arg values may be plain
    /// scalars, {EnvironmentVar: NAME} or a KeyVault reference (recorded on the section, read later by KeyVaultSecrets). Bad YAML or a
    /// value of the wrong shape throws <see cref="ConfigFileException"/> with the file and line.
    /// </summary>
    public static class ConfigLoader
    {
        /// <summary>
        /// B64Hunt's own configuration: <paramref name="explicitPath"/> when given (it must exist), else the default
        /// location of <paramref name="environment"/> when a file is there, else <see cref="B64HuntConfig.Empty"/>.
        /// </summary>
        public static B64HuntConfig LoadB64HuntConfig(ConfigEnvironment environment, string? explicitPath = null, ICollection<Problem>? warnings = null)
        {
            if (!string.IsNullOrEmpty(explicitPath))
            {
                if (!File.Exists(explicitPath)) throw new ConfigFileException(explicitPath!, 0, 0, "the file does not exist");
                return Load(explicitPath!, environment, warnings);
            }
            var path = environment.B64HuntConfigPath();
            return File.Exists(path) ? Load(path, environment, warnings) : B64HuntConfig.Empty;
        }

        /// <summary>Loads a file. Problems that do not make the file unusable (an unset variable) go to <paramref name="warnings"/>.</summary>
        public static B64HuntConfig Load(string path, ConfigEnvironment environment, ICollection<Problem>? warnings = null)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new ConfigFileException(path, 0, 0, "the file cannot be read: " + ex.Message, ex);
            }
            return Parse(text, path, environment, warnings);
        }

        public static B64HuntConfig Parse(string yaml, string sourceName, ConfigEnvironment environment, ICollection<Problem>? warnings = null)
        {
            var stream = new YamlStream();
            var parser = new Parser(new StringReader(yaml));
            try
            {
                stream.Load(new BoundedYamlParser(parser));
            }
            catch (YamlException ex)
            {
                throw new ConfigFileException(sourceName, ex.Start.Line, ex.Start.Column, "not valid YAML: " + Innermost(ex).Message, ex);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException)
            {
                // Some malformed input ends YamlDotNet without a YamlException (": [\nr" InvalidOperationException,
                // ":\n :" ArgumentException); the last event read says where.
                var mark = parser.Current?.End;
                throw new ConfigFileException(sourceName, Math.Max(1, mark?.Line ?? 1), Math.Max(1, mark?.Column ?? 1), "not valid YAML (unterminated or malformed value)", ex);
            }
            var providers = new List<TiProviderSection>();
            var weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            TimeSpan? alertWindow = null;
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                return new B64HuntConfig(sourceName, providers, weights);
            }
            var root = stream.Documents[0].RootNode as YamlMappingNode
                ?? throw Error(sourceName, stream.Documents[0].RootNode, "the file must be a YAML mapping (TIProviders:, Scoring:, ...)");

            var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(sourceName)) ?? environment.CurrentDirectory;
            var vault = ReadVaultDefaults(sourceName, root);
            var ti = Child(root, "TIProviders");
            if (ti != null && !IsNull(ti))
            {
                var tiMap = ti as YamlMappingNode ?? throw Error(sourceName, ti, "TIProviders must be a mapping of provider sections");
                foreach (var entry in tiMap.Children)
                {
                    var section = ReadSection(sourceName, KeyName(sourceName, entry.Key), entry.Value, baseDirectory, environment, warnings, vault);
                    if (section != null) providers.Add(section);
                }
            }

            var scoring = Child(root, "Scoring");
            if (scoring != null && !IsNull(scoring))
            {
                var scoringMap = scoring as YamlMappingNode ?? throw Error(sourceName, scoring, "Scoring must be a mapping");
                var weightNode = Child(scoringMap, "Weights");
                if (weightNode != null && !IsNull(weightNode))
                {
                    var weightMap = weightNode as YamlMappingNode ?? throw Error(sourceName, weightNode, "Scoring.Weights must be a mapping of name: number");
                    foreach (var weight in weightMap.Children)
                    {
                        var name = KeyName(sourceName, weight.Key);
                        var text = (weight.Value as YamlScalarNode)?.Value;
                        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                        {
                            throw Error(sourceName, weight.Value, $"Scoring.Weights.{name} must be a number");
                        }
                        weights[name] = value;
                    }
                }
                var windowNode = Child(scoringMap, "AlertWindow");
                if (windowNode != null && !IsNull(windowNode))
                {
                    // A .NET time span (d.hh:mm:ss), the same text -AlertWindow takes: "1.00:00:00" is a day, "02:00:00" two hours.
                    var text = (windowNode as YamlScalarNode)?.Value;
                    if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var window) || window < TimeSpan.Zero)
                    {
                        throw Error(sourceName, windowNode, $"Scoring.AlertWindow must be a time span of 0 or more such as \"1.00:00:00\" (a day) or \"02:00:00\" (two hours), not '{text}'");
                    }
                    alertWindow = window;
                }
            }
            // Only a workspace query needs the default: a bad one is kept for it to report, and the rest of the file stays usable.
            Guid? defaultWorkspace = null;
            ConfigFileException? defaultWorkspaceError = null;
            try
            {
                defaultWorkspace = ReadDefaultWorkspace(sourceName, root);
            }
            catch (ConfigFileException ex)
            {
                defaultWorkspaceError = ex;
            }
            return new B64HuntConfig(sourceName, providers, weights, alertWindow, defaultWorkspace, defaultWorkspaceError);
        }

        /// <summary>msticpy's AzureSentinel: Workspaces: Default: WorkspaceId: (a GUID); null when the file sets none.</summary>
        private static Guid? ReadDefaultWorkspace(string file, YamlMappingNode root)
        {
            var sentinel = Child(root, "AzureSentinel");
            if (sentinel == null || IsNull(sentinel)) return null;
            var sentinelMap = sentinel as YamlMappingNode ?? throw Error(file, sentinel, "AzureSentinel must be a mapping (Workspaces:)");
            var workspaces = Child(sentinelMap, "Workspaces");
            if (workspaces == null || IsNull(workspaces)) return null;
            var workspacesMap = workspaces as YamlMappingNode ?? throw Error(file, workspaces, "AzureSentinel.Workspaces must be a mapping of workspace entries (Default:, ...)");
            var entry = Child(workspacesMap, "Default");
            if (entry == null || IsNull(entry)) return null;
            var entryMap = entry as YamlMappingNode ?? throw Error(file, entry, "AzureSentinel.Workspaces.Default must be a mapping (WorkspaceId:, TenantId:)");
            var node = Child(entryMap, "WorkspaceId");
            if (node == null || IsNull(node)) return null;
            var text = (node as YamlScalarNode)?.Value;
            if (text != null && text.Trim().Length == 0) return null;
            if (text == null || !Guid.TryParse(text.Trim(), out var id))
            {
                throw Error(file, node, "AzureSentinel.Workspaces.Default.WorkspaceId must be a Workspace ID (a GUID)" +
                    (text == null ? string.Empty : $", not '{Text.DataText.Neutralize(text)}'"));
            }
            return id;
        }

        private static TiProviderSection? ReadSection(string file, string name, YamlNode node, string baseDirectory,
            ConfigEnvironment environment, ICollection<Problem>? warnings, (string? VaultName, string? Authority) vault)
        {
            var map = node as YamlMappingNode;
            if (map == null && !IsNull(node)) throw Error(file, node, $"TIProviders.{name} must be a mapping (Args:, Primary:, Provider:)");
            map ??= new YamlMappingNode();

            var provider = Scalar(file, map, "Provider", name) ?? name;
            if (provider == "--no-load--") return null;

            bool? primary = null;
            var primaryText = Scalar(file, map, "Primary", name);
            if (primaryText != null)
            {
                primary = ParseBool(primaryText) ?? throw Error(file, Child(map, "Primary")!, $"TIProviders.{name}.Primary must be true or false");
            }

            var args = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var paths = new List<string>();
            var notes = new List<string>();
            var keyVault = new Dictionary<string, KeyVaultReference>(StringComparer.OrdinalIgnoreCase);
            var argsNode = Child(map, "Args");
            if (argsNode != null && !IsNull(argsNode))
            {
                var argsMap = argsNode as YamlMappingNode ?? throw Error(file, argsNode, $"TIProviders.{name}.Args must be a mapping");
                foreach (var arg in argsMap.Children)
                {
                    var argName = KeyName(file, arg.Key);
                    if (string.Equals(argName, "Path", StringComparison.OrdinalIgnoreCase) && arg.Value is YamlSequenceNode list)
                    {
                        foreach (var item in list.Children) paths.Add(AbsolutePath(baseDirectory, (item as YamlScalarNode)?.Value));
                        continue;
                    }
                    if (arg.Value is YamlMappingNode argMap && Child(argMap, "KeyVault") is YamlNode reference)
                    {
                        keyVault[argName] = ReadKeyVaultReference(file, name, argName, reference, vault);
                        args[argName] = null; // filled in by KeyVaultSecrets when the secret is read
                        continue;
                    }
                    var value = ResolveArg(file, name, argName, arg.Value, environment, notes, warnings);
                    args[argName] = value;
                    if (string.Equals(argName, "Path", StringComparison.OrdinalIgnoreCase) && value != null) paths.Add(AbsolutePath(baseDirectory, value));
                }
            }

            return new TiProviderSection(name, provider, primary, args,
                Scalar(file, map, "Endpoint", name),
                Integer(file, map, "RequestsPerMinute", name),
                Integer(file, map, "RequestsPerDay", name),
                paths, file, node.Start.Line, notes, keyVault);
        }

        /// <summary>The file's top-level KeyVault section (msticpy's): the default vault and cloud.</summary>
        private static (string? VaultName, string? Authority) ReadVaultDefaults(string file, YamlMappingNode root)
        {
            var node = Child(root, "KeyVault");
            if (node == null || IsNull(node)) return (null, null);
            var map = node as YamlMappingNode ?? throw Error(file, node, "KeyVault must be a mapping (VaultName:, Authority:, ...)");
            return (Scalar(file, map, "VaultName", "KeyVault"), Scalar(file, map, "Authority", "KeyVault"));
        }

        private static KeyVaultReference ReadKeyVaultReference(string file, string section, string argName, YamlNode node,
            (string? VaultName, string? Authority) vault)
        {
            string? vaultName = null, secretName = null;
            if (node is YamlMappingNode map)
            {
                vaultName = Scalar(file, map, "VaultName", section);
                secretName = Scalar(file, map, "SecretName", section);
            }
            else if (!IsNull(node))
            {
                // msticpy also takes the secret name as the value: KeyVault: my-secret
                secretName = (node as YamlScalarNode)?.Value;
            }
            return new KeyVaultReference(section, argName, string.IsNullOrWhiteSpace(vaultName) ? vault.VaultName : vaultName,
                string.IsNullOrWhiteSpace(secretName) ? KeyVaultReference.DefaultSecretName(section, argName) : secretName!,
                vault.Authority, file);
        }

        private static string? ResolveArg(string file, string section, string argName, YamlNode node, ConfigEnvironment environment,
            List<string> notes, ICollection<Problem>? warnings)
        {
            if (node is YamlScalarNode scalar) return string.IsNullOrEmpty(scalar.Value) ? null : scalar.Value;
            if (node is YamlMappingNode map)
            {
                var variable = Child(map, "EnvironmentVar");
                if (variable != null)
                {
                    var variableName = (variable as YamlScalarNode)?.Value;
                    if (string.IsNullOrEmpty(variableName)) throw Error(file, variable, $"TIProviders.{section}.Args.{argName}.EnvironmentVar must name a variable");
                    var value = environment.GetVariable(variableName!);
                    if (value == null)
                    {
                        var note = $"{argName}: environment variable {variableName} is not set";
                        notes.Add(note);
                        warnings?.Add(new Problem(ErrorIds.TiConfigVariableNotSet, ProblemKind.Warning,
                            $"{file}: TIProviders.{section}.Args.{argName} refers to the environment variable {variableName}, which is not set.", file));
                    }
                    return value;
                }
            }
            throw Error(file, node, $"TIProviders.{section}.Args.{argName} must be a value, {{EnvironmentVar: NAME}} or {{KeyVault: ...}}");
        }

        private static string AbsolutePath(string baseDirectory, string? path)
        {
            if (string.IsNullOrWhiteSpace(path)) return string.Empty;
            var expanded = path!.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Substring(2))
                : path;
            return Path.IsPathRooted(expanded) ? expanded : Path.GetFullPath(Path.Combine(baseDirectory, expanded));
        }

        private static YamlNode? Child(YamlMappingNode map, string key)
        {
            foreach (var pair in map.Children)
            {
                if (pair.Key is YamlScalarNode k && string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase)) return pair.Value;
            }
            return null;
        }

        private static string? Scalar(string file, YamlMappingNode map, string key, string section)
        {
            var node = Child(map, key);
            if (node == null || IsNull(node)) return null;
            return (node as YamlScalarNode)?.Value ?? throw Error(file, node, $"TIProviders.{section}.{key} must be a single value");
        }

        private static int? Integer(string file, YamlMappingNode map, string key, string section)
        {
            var text = Scalar(file, map, key, section);
            if (text == null) return null;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw Error(file, Child(map, key)!, $"TIProviders.{section}.{key} must be a whole number (0 = no limit)");
            }
            return value;
        }

        private static bool? ParseBool(string text)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "true": case "yes": case "on": return true;
                case "false": case "no": case "off": return false;
                default: return null;
            }
        }

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value == null || s.Value.Length == 0 || s.Value == "~" || s.Value == "null");

        /// <summary>A mapping key as text; a list or mapping used as a key ("? [a, b]") is a file error at the key.</summary>
        private static string KeyName(string file, YamlNode key) =>
            key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Error(file, key, "a key must be a name, not a list or mapping");

        private static ConfigFileException Error(string file, YamlNode node, string reason) =>
            new ConfigFileException(file, node.Start.Line, node.Start.Column, reason);

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
