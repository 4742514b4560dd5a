namespace B64Hunt.Configuration
{
    /// <summary>
    /// An Arg of a TIProviders section that msticpy keeps in Azure Key Vault ({KeyVault: {VaultName, SecretName}},
    /// or an empty KeyVault: for the defaults): the vault from the reference or the file's top-level KeyVault
    /// section, the secret name from the reference or msticpy's default, the setting's path joined with '-'.
    /// </summary>
    public sealed class KeyVaultReference
    {
        internal KeyVaultReference(string section, string arg, string? vaultName, string secretName, string? authority, string sourceFile)
        {
            Section = section;
            Arg = arg;
            VaultName = vaultName;
            SecretName = secretName;
            Authority = authority;
            SourceFile = sourceFile;
        }

        public string Section { get; }
        public string Arg { get; }

        /// <summary>The vault's name (or its full https URL); null when neither the reference nor the file names one.</summary>
        public string? VaultName { get; }

        public string SecretName { get; }

        /// <summary>The top-level KeyVault.Authority: global (default), usgov, cn or de.</summary>
        public string? Authority { get; }

        public string SourceFile { get; }

        /// <summary>msticpy's default secret name: TIProviders-{section}-Args-{arg}.</summary>
        public static string DefaultSecretName(string section, string arg) => "TIProviders-" + section + "-Args-" + arg;

        public override string ToString() => $"{SecretName} in {VaultName ?? "(no vault)"}";
    }
}
