using System.Collections.Generic;

namespace B64Hunt.Configuration
{
    /// <summary>One entry of a TIProviders section (B64Hunt's config or msticpyconfig.yaml), with Args resolved.</summary>
    public sealed class TiProviderSection
    {
        internal TiProviderSection(string sectionName, string provider, bool? primary, IReadOnlyDictionary<string, string?> args,
            string? endpoint, int? requestsPerMinute, int? requestsPerDay, IReadOnlyList<string> paths, string sourceFile, long line,
            IReadOnlyList<string> notes, IReadOnlyDictionary<string, KeyVaultReference>? keyVault = null)
        {
            KeyVaultArgs = keyVault ?? new Dictionary<string, KeyVaultReference>();
            SectionName = sectionName;
            Provider = provider;
            Primary = primary;
            Args = args;
            Endpoint = endpoint;
            RequestsPerMinute = requestsPerMinute;
            RequestsPerDay = requestsPerDay;
            Paths = paths;
            SourceFile = sourceFile;
            Line = line;
            Notes = notes;
        }

        /// <summary>The key under TIProviders, e.g. "VirusTotal".</summary>
        public string SectionName { get; }

        /// <summary>The Provider: value (defaults to the section name), e.g. "OTX".</summary>
        public string Provider { get; }

        public bool? Primary { get; }

        /// <summary>Args with EnvironmentVar references resolved; null where a reference could not be resolved. Secret: never print.</summary>
        internal IReadOnlyDictionary<string, string?> Args { get; }

        /// <summary>Args kept in Azure Key Vault (msticpy's KeyVault references), by Arg name; read by KeyVaultSecrets.</summary>
        public IReadOnlyDictionary<string, KeyVaultReference> KeyVaultArgs { get; }

        /// <summary>Puts a secret read from Key Vault (or a note on why it could not be) in place of its reference.</summary>
        internal void SetKeyVaultArg(string arg, string? value, string? note)
        {
            if (Args is IDictionary<string, string?> args) args[arg] = value;
            if (note != null && Notes is List<string> notes) notes.Add(note);
        }

        public string? Endpoint { get; }
        public int? RequestsPerMinute { get; }
        public int? RequestsPerDay { get; }

        /// <summary>LocalFeed Args Path (one or more), made absolute against the config file's folder.</summary>
        public IReadOnlyList<string> Paths { get; }

        public string SourceFile { get; }
        public long Line { get; }

        /// <summary>Why an Arg has no value (an unset environment variable, an unsupported KeyVault reference).</summary>
        public IReadOnlyList<string> Notes { get; }
    }
}
