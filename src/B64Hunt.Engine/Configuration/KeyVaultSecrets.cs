using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using B64Hunt.Errors;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;

namespace B64Hunt.Configuration
{
    /// <summary>
    /// Reads the Key Vault secrets msticpyconfig.yaml refers to (GET {vault}/secrets/{name}?api-version=7.4, through
    /// Azure.Security.KeyVault.Secrets and the given credential, normally the same chain as the workspace sign-in).
    /// A secret read once is kept for the rest of the session, so later commands ask the vault nothing; a secret that
    /// cannot be read is warned about once per session (later commands only note it on the provider).
    /// </summary>
    public sealed class KeyVaultSecrets
    {
        private static readonly ConcurrentDictionary<string, string> SessionSecrets = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, bool> SessionWarnings = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private readonly Func<TokenCredential> _credential;
        private TokenCredential? _created;

        /// <param name="credential">Made only when a secret must really be fetched.</param>
        public KeyVaultSecrets(Func<TokenCredential> credential)
        {
            _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        }

        /// <summary>The same credential chain as a workspace query without sign-in parameters (DefaultAzureCredential).</summary>
        public static KeyVaultSecrets WithDefaultCredential() => new KeyVaultSecrets(() => CredentialFactory.Create(new LogAnalyticsConnection()));

        /// <summary>Fills every KeyVault Arg of the configuration that can be read; the others stay empty with a note (and a warning, once).</summary>
        public void Resolve(B64HuntConfig? config, ICollection<Problem> warnings, CancellationToken cancellationToken = default)
        {
            if (config == null) return;
            foreach (var section in config.TiProviders)
            {
                foreach (var pair in section.KeyVaultArgs)
                {
                    var reference = pair.Value;
                    var value = TryRead(reference, out var failure, cancellationToken);
                    if (value != null)
                    {
                        section.SetKeyVaultArg(pair.Key, value, null);
                        continue;
                    }
                    var message = $"{reference.SourceFile}: TIProviders.{reference.Section}.Args.{reference.Arg} is the Key Vault secret {reference}, which could not be read: {failure}";
                    section.SetKeyVaultArg(pair.Key, null, $"{reference.Arg}: Key Vault secret {reference} not read ({failure})");
                    if (SessionWarnings.TryAdd(Key(reference), true))
                    {
                        warnings.Add(new Problem(ErrorIds.TiConfigKeyVaultUnavailable, ProblemKind.Warning,
                            message + ". Use -ApiKey or an EnvironmentVar, or sign in (Connect-AzAccount, az login) with read access to the vault's secrets. This warning is given once per session.",
                            reference.SourceFile));
                    }
                }
            }
        }

        /// <summary>https://{name}.vault.azure.net (or the sovereign cloud's suffix); a full https URL is used as it is.</summary>
        public static Uri VaultUri(string vaultName, string? authority)
        {
            if (Uri.TryCreate(vaultName, UriKind.Absolute, out var given) && (given.Scheme == Uri.UriSchemeHttps || given.Scheme == Uri.UriSchemeHttp))
            {
                if (given.Scheme == Uri.UriSchemeHttp && !given.IsLoopback) throw new ArgumentException($"The vault {vaultName} is not https.");
                return given;
            }
            string suffix;
            switch ((authority ?? "global").Trim().ToLowerInvariant())
            {
                case "usgov": suffix = "vault.usgovcloudapi.net"; break;
                case "cn": suffix = "vault.azure.cn"; break;
                case "de": suffix = "vault.microsoftazure.de"; break;
                default: suffix = "vault.azure.net"; break;
            }
            return new Uri("https://" + vaultName.Trim() + "." + suffix + "/");
        }

        private string? TryRead(KeyVaultReference reference, out string? failure, CancellationToken cancellationToken)
        {
            failure = null;
            if (string.IsNullOrWhiteSpace(reference.VaultName))
            {
                failure = "no vault is named (KeyVault.VaultName at the top of the file, or VaultName in the reference)";
                return null;
            }
            Uri vault;
            try
            {
                vault = VaultUri(reference.VaultName!, reference.Authority);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is UriFormatException)
            {
                failure = ex.Message;
                return null;
            }
            var key = vault.AbsoluteUri + "|" + reference.SecretName;
            if (SessionSecrets.TryGetValue(key, out var known)) return known;
            try
            {
                // The async call: the loopback test transport (like the workspace client's) only rewrites async sends.
                var secret = Client(vault).GetSecretAsync(reference.SecretName, null, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult().Value;
                if (string.IsNullOrEmpty(secret.Value))
                {
                    failure = "the secret is empty";
                    return null;
                }
                SessionSecrets[key] = secret.Value;
                return secret.Value;
            }
            catch (AggregateException ex) when (ex.InnerException is RequestFailedException || ex.InnerException is HttpRequestException)
            {
                failure = "the vault could not be reached: " + FirstLine(ex.InnerException!.Message);
            }
            catch (RequestFailedException ex)
            {
                failure = ex.Status == 404 ? "no such secret (HTTP 404)" : ex.Status == 403 ? "access denied (HTTP 403): the identity needs the Key Vault Secrets User role or a Get secret permission" : $"HTTP {ex.Status} {ex.ErrorCode}";
            }
            catch (AuthenticationFailedException ex)
            {
                failure = "sign-in failed: " + FirstLine(ex.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is InvalidOperationException || ex is ArgumentException)
            {
                failure = FirstLine(ex.Message);
            }
            return null;
        }

        private SecretClient Client(Uri vault)
        {
            var options = new SecretClientOptions(SecretClientOptions.ServiceVersion.V7_4);
            options.Retry.MaxRetries = 1;
            if (vault.IsLoopback)
            {
                // A loopback test vault: it cannot name vault.azure.net in its challenge, and may have no certificate.
                options.DisableChallengeResourceVerification = true;
                options.Transport = new HttpClientTransport(new LoopbackDowngradeHandler(new HttpClientHandler()));
                vault = new UriBuilder(vault) { Scheme = Uri.UriSchemeHttps }.Uri;
            }
            _created ??= _credential();
            return new SecretClient(vault, _created, options);
        }

        private static string Key(KeyVaultReference reference) => (reference.VaultName ?? string.Empty) + "|" + reference.SecretName;

        private static string FirstLine(string text)
        {
            var end = text.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? text : text.Substring(0, end);
        }
    }
}
