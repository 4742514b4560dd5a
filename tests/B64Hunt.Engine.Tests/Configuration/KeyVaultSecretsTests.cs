using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using B64Hunt.Configuration;
using B64Hunt.Intel;
using B64Hunt.LogAnalytics;
using B64Hunt.Model;
using B64Hunt.Tests.Intel;
using Xunit;

namespace B64Hunt.Tests.Configuration
{
    /// <summary>msticpyconfig.yaml KeyVault references, read through Azure.Security.KeyVault.Secrets from a local server in Key Vault's documented shape.</summary>
    public sealed class KeyVaultSecretsTests
    {
        private const string Token = "kv-token-SECRET-51ab";

        private static ConfigEnvironment Env() => ConfigEnvironment.FromDictionary(new Dictionary<string, string>(), "/home/analyst", "/work");

        /// <summary>Key Vault: an unauthenticated request gets the 401 challenge, the authenticated one the secret bundle.</summary>
        private static TiTestServer Vault(Dictionary<string, string> secrets) => new TiTestServer((r, n) =>
        {
            if (!r.Headers.TryGetValue("Authorization", out var auth))
            {
                return new TestReply(401, "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10000: Request is missing a Bearer or PoP token.\"}}",
                    new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"" });
            }
            if (auth != "Bearer " + Token) return new TestReply(401, "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"bad token\"}}");
            var name = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? string.Empty;
            if (!secrets.TryGetValue(name, out var value))
            {
                return new TestReply(404, "{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"A secret with (name/id) " + name + " was not found in this key vault.\"}}");
            }
            return TestReply.Json("{\"value\":\"" + value + "\",\"id\":\"https://myvault.vault.azure.net/secrets/" + name + "/4387e9f3d6e14c459867679a90fd0f79\"," +
                "\"attributes\":{\"enabled\":true,\"created\":1493938410,\"updated\":1493938410,\"recoveryLevel\":\"Recoverable+Purgeable\"}}");
        });

        private static string Msticpy(string vaultUrl, string otxSecret) => $@"TIProviders:
  OTX:
    Args:
      AuthKey:
        KeyVault:
    Provider: OTX
  VirusTotal:
    Args:
      AuthKey:
        KeyVault:
          SecretName: {otxSecret}
    Provider: VirusTotal
KeyVault:
  TenantId: 5d6a50cf-b1b6-4bfd-ad54-b9822b06ff92
  VaultName: ""{vaultUrl}""
";

        [Fact]
        public void ReferencesAreReadWithMsticpysDefaultSecretNamesAndTheProvidersBecomeUsable()
        {
            var otxName = "TIProviders-OTX-Args-AuthKey";
            var vtName = "vt-key-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using var vault = Vault(new Dictionary<string, string> { [otxName] = "otx-from-vault", [vtName] = "vt-from-vault" });
            var warnings = new List<Problem>();
            var config = ConfigLoader.Parse(Msticpy(vault.BaseUrl + "/", vtName), "msticpyconfig.yaml", Env(), warnings);
            Assert.Empty(warnings);
            Assert.Equal(otxName, config.TiProviders.Single(s => s.SectionName == "OTX").KeyVaultArgs["AuthKey"].SecretName);

            new KeyVaultSecrets(() => new StaticTokenCredential(Token)).Resolve(config, warnings);

            Assert.Empty(warnings);
            var settings = TiProviderResolver.Resolve(new TiResolveRequest { MsticpyConfig = config, Environment = Env() }).ToDictionary(s => s.Name);
            Assert.Equal(("otx-from-vault", TiKeySource.MsticpyConfig), (settings["OTX"].AuthKey, settings["OTX"].KeySource));
            Assert.True(settings["VirusTotal"].Usable);
            var gets = vault.Requests.Where(r => r.Headers.ContainsKey("Authorization")).ToList();
            Assert.Contains(gets, r => r.RawPath.StartsWith("/secrets/" + vtName) && r.RawPath.Contains("api-version=7.4"));
        }

        [Fact]
        public void ASecretIsFetchedOncePerSession()
        {
            var name = "once-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using var vault = Vault(new Dictionary<string, string> { [name] = "vt-cached", ["TIProviders-OTX-Args-AuthKey"] = "o" });
            for (var run = 0; run < 3; run++)
            {
                var config = ConfigLoader.Parse(Msticpy(vault.BaseUrl + "/", name), "msticpyconfig.yaml", Env());
                new KeyVaultSecrets(() => new StaticTokenCredential(Token)).Resolve(config, new List<Problem>());
                Assert.True(TiProviderResolver.Resolve(new TiResolveRequest { MsticpyConfig = config, Environment = Env() }).Single(s => s.Name == "VirusTotal").Usable);
            }
            Assert.Single(vault.Requests, r => r.Headers.ContainsKey("Authorization") && r.RawPath.StartsWith("/secrets/" + name));
        }

        [Fact]
        public void AMissingSecretIsWarnedAboutOncePerSessionAndNotedEveryTime()
        {
            var name = "missing-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using var vault = Vault(new Dictionary<string, string>());
            var all = new List<Problem>();
            for (var run = 0; run < 2; run++)
            {
                var warnings = new List<Problem>();
                var config = ConfigLoader.Parse(Msticpy(vault.BaseUrl + "/", name), "msticpyconfig.yaml", Env());
                new KeyVaultSecrets(() => new StaticTokenCredential(Token)).Resolve(config, warnings);
                all.AddRange(warnings.Where(w => w.Message.Contains(name)));
                var vt = TiProviderResolver.Resolve(new TiResolveRequest { MsticpyConfig = config, Environment = Env() }).Single(s => s.Name == "VirusTotal");
                Assert.False(vt.Usable);
                Assert.Contains(vt.Notes, n => n.Contains(name) && n.Contains("HTTP 404"));
            }
            var warning = Assert.Single(all);
            Assert.Equal(("TiConfigKeyVaultUnavailable", ProblemKind.Warning), (warning.ErrorId, warning.Kind));
            Assert.DoesNotContain(Token, warning.Message);
        }

        [Fact]
        public void WithoutAVaultNameNothingIsAskedAndTheNoteSaysWhy()
        {
            var config = ConfigLoader.Parse("TIProviders:\n  OTX:\n    Args:\n      AuthKey:\n        KeyVault:\n          SecretName: otx-" + Guid.NewGuid().ToString("N") + "\n",
                "msticpyconfig.yaml", Env());
            var asked = false;
            var warnings = new List<Problem>();
            new KeyVaultSecrets(() => { asked = true; return new StaticTokenCredential(Token); }).Resolve(config, warnings);
            Assert.False(asked);
            Assert.Contains("no vault is named", Assert.Single(warnings).Message);
        }

        [Theory]
        [InlineData("myvault", null, "https://myvault.vault.azure.net/")]
        [InlineData("myvault", "usgov", "https://myvault.vault.usgovcloudapi.net/")]
        [InlineData("https://kv.example.org/", "global", "https://kv.example.org/")]
        public void TheVaultNameBecomesItsUri(string name, string? authority, string expected) =>
            Assert.Equal(expected, KeyVaultSecrets.VaultUri(name, authority).AbsoluteUri);

        [Fact]
        public void PlainHttpIsRefusedExceptOnLoopback() =>
            Assert.Throws<ArgumentException>(() => KeyVaultSecrets.VaultUri("http://kv.example.org/", null));
    }
}
