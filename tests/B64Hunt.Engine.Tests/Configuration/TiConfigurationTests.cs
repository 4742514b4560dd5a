using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using B64Hunt.Configuration;
using B64Hunt.Intel;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Configuration
{
    public class TiConfigurationTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "b64hunt-cfg-" + Guid.NewGuid().ToString("N"));

        public TiConfigurationTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private const string Msticpy = @"
TIProviders:
  OTX:
    Args:
      AuthKey: ""otx-from-msticpy""
    Primary: True
    Provider: ""OTX""          # do not change Provider values
  VirusTotal:
    Args:
      AuthKey:
        EnvironmentVar: ""VIRUSTOTAL_AUTH""
    Primary: True
    Provider: ""VirusTotal""
  XForce:
    Args:
      ApiID:
        EnvironmentVar: ""XFORCE_ID""
      AuthKey:
        EnvironmentVar: ""XFORCE_KEY""
    Primary: False
    Provider: ""XForce""
  OpenPageRank:
    Args:
      AuthKey:
        KeyVault:
    Primary: False
    Provider: ""OPR""
  TorExitNodes:
    Primary: True
    Provider: ""Tor""
  Disabled:
    Provider: ""--no-load--""
KeyVault:
  TenantId: 5d6a50cf-b1b6-4bfd-ad54-b9822b06ff92
  VaultName: ""myvault""
msticpy:
  http_timeout: 30
";

        private string Write(string name, string text)
        {
            var path = Path.Combine(_dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        private ConfigEnvironment Env(Dictionary<string, string>? vars = null, bool windows = false) =>
            ConfigEnvironment.FromDictionary(vars ?? new Dictionary<string, string>(), Path.Combine(_dir, "home"), Path.Combine(_dir, "cwd"), windows);

        private static TiProviderSettings Get(IReadOnlyList<TiProviderSettings> all, string name) => all.Single(s => s.Name == name);

        [Fact]
        public void MsticpyConfigDefaultWorkspaceIsReadAndABadOneLeavesTheRestUsable()
        {
            var good = ConfigLoader.Parse(Msticpy + "AzureSentinel:\n  Workspaces:\n    Default:\n      WorkspaceId: \"52b1ab41-869e-4138-9e40-2a4457f09bf0\"\n" +
                "      TenantId: 72f988bf-86f1-41af-91ab-2d7cd011db49\n    Other:\n      WorkspaceId: 11111111-2222-3333-4444-555555555555\n", "m.yaml", Env());
            Assert.Equal(Guid.Parse("52b1ab41-869e-4138-9e40-2a4457f09bf0"), good.DefaultWorkspaceId);
            Assert.Null(good.DefaultWorkspaceError);

            // msticpy's template leaves the value empty: no default, no error.
            var empty = ConfigLoader.Parse("AzureSentinel:\n  Workspaces:\n    Default:\n      WorkspaceId: \"\"\n", "m.yaml", Env());
            Assert.Null(empty.DefaultWorkspaceId);
            Assert.Null(empty.DefaultWorkspaceError);

            // Not a GUID: the TI providers still load; the error waits for a query that needs the default.
            var bad = ConfigLoader.Parse(Msticpy + "AzureSentinel:\n  Workspaces:\n    Default:\n      WorkspaceId: my-workspace\n", "m.yaml", Env());
            Assert.Null(bad.DefaultWorkspaceId);
            Assert.Equal(5, bad.TiProviders.Count);
            var error = Assert.IsType<ConfigFileException>(bad.DefaultWorkspaceError);
            Assert.Equal(Msticpy.Split('\n').Length + 3, error.Line);
            Assert.Contains("AzureSentinel.Workspaces.Default.WorkspaceId must be a Workspace ID (a GUID), not 'my-workspace'", error.Message);

            var shape = ConfigLoader.Parse("AzureSentinel: [a, b]\n", "m.yaml", Env());
            Assert.Contains("AzureSentinel must be a mapping", shape.DefaultWorkspaceError!.Message);
        }

        [Fact]
        public void MsticpyConfigIsReadWithEnvironmentVarIndirection()
        {
            var env = Env(new Dictionary<string, string> { ["VIRUSTOTAL_AUTH"] = "vt-from-env-var", ["XFORCE_ID"] = "xf-id", ["XFORCE_KEY"] = "xf-key" });
            var warnings = new List<Problem>();
            var config = ConfigLoader.Load(Write("msticpyconfig.yaml", Msticpy), env, warnings);
            Assert.Equal(new[] { "OTX", "VirusTotal", "XForce", "OpenPageRank", "TorExitNodes" }, config.TiProviders.Select(p => p.SectionName));
            // The KeyVault reference is recorded (msticpy's default secret name, the file's vault), read later by KeyVaultSecrets.
            Assert.Empty(warnings);
            var reference = config.TiProviders.Single(p => p.SectionName == "OpenPageRank").KeyVaultArgs["AuthKey"];
            Assert.Equal(("TIProviders-OpenPageRank-Args-AuthKey", "myvault"), (reference.SecretName, reference.VaultName));

            var all = TiProviderResolver.Resolve(new TiResolveRequest { MsticpyConfig = config, Environment = env });
            var vt = Get(all, "VirusTotal");
            Assert.Equal("vt-from-env-var", vt.AuthKey);
            Assert.Equal(TiKeySource.MsticpyConfig, vt.KeySource);
            Assert.True(vt.Usable);
            var xf = Get(all, "XForce");
            Assert.Equal("xf-id", xf.ApiId);
            Assert.Equal("xf-key", xf.AuthKey);
            Assert.False(xf.Primary);
            Assert.True(xf.Usable);
            Assert.Equal("otx-from-msticpy", Get(all, "OTX").AuthKey);

            var opr = Get(all, "OpenPageRank");
            Assert.True(opr.Configured);
            Assert.False(opr.Usable);
            Assert.Contains("not implemented", opr.ToInfo().Notes);
            Assert.DoesNotContain(all, s => s.Name == "Disabled");
        }

        [Fact]
        public void UnsetEnvironmentVariableLeavesTheProviderUnusableWithANote()
        {
            var env = Env();
            var warnings = new List<Problem>();
            var config = ConfigLoader.Load(Write("msticpyconfig.yaml", Msticpy), env, warnings);
            Assert.Contains(warnings, w => w.ErrorId == "TiConfigVariableNotSet" && w.Message.Contains("VIRUSTOTAL_AUTH"));
            var vt = Get(TiProviderResolver.Resolve(new TiResolveRequest { MsticpyConfig = config, Environment = env }), "VirusTotal");
            Assert.False(vt.Usable);
            Assert.True(vt.Configured);
            Assert.Contains("VIRUSTOTAL_AUTH is not set", vt.ToInfo().Notes);
        }

        [Fact]
        public void OwnConfigCarriesEndpointPacingFeedAndScoringWeights()
        {
            var feed = Write("feeds/bad.txt", "45.33.32.156\n");
            var path = Write("b64hunt/config.yaml", @"
TIProviders:
  OTX:
    Args: {AuthKey: otx-own}
    Endpoint: http://127.0.0.1:8080
    RequestsPerMinute: 10
    RequestsPerDay: 0
  VirusTotal:
    Args: {AuthKey: vt-own}
    Primary: false
  LocalFeed:
    Args:
      Path: ../feeds/bad.txt
Scoring:
  Weights:
    High: 3
    Medium: 1.5
    low: 0.5
");
            var env = Env();
            var config = ConfigLoader.Load(path, env);
            Assert.Equal(3, config.ScoringWeights["high"]);
            Assert.Equal(1.5, config.ScoringWeights["Medium"]);
            Assert.Equal(0.5, config.ScoringWeights["Low"]);

            var all = TiProviderResolver.Resolve(new TiResolveRequest { B64HuntConfig = config, Environment = env });
            var otx = Get(all, "OTX");
            Assert.Equal("http://127.0.0.1:8080/", otx.Endpoint!.AbsoluteUri);
            Assert.Equal(10, otx.RequestsPerMinute);
            Assert.Null(otx.RequestsPerDay);
            Assert.Equal("10/min", otx.Pacing);
            var vt = Get(all, "VirusTotal");
            Assert.False(vt.Primary);
            Assert.Equal("4/min, 500/day", vt.Pacing);
            Assert.Equal("https://www.virustotal.com/", vt.Endpoint!.AbsoluteUri);
            var local = Get(all, "LocalFeed");
            Assert.True(local.Usable);
            Assert.Equal(Path.GetFullPath(feed), local.FeedPaths.Single());
            Assert.Equal(TiKeySource.B64HuntConfig, local.KeySource);
        }

        [Fact]
        public void KeysComeFromParameterThenEnvironmentThenOwnConfigThenMsticpy()
        {
            var own = ConfigLoader.Parse("TIProviders:\n  VirusTotal:\n    Args:\n      AuthKey: vt-own\n  OTX:\n    Args:\n      AuthKey: otx-own\n", "config.yaml", Env());
            var msticpy = ConfigLoader.Parse(
                "TIProviders:\n  VirusTotal:\n    Args:\n      AuthKey: vt-mp\n  OTX:\n    Args:\n      AuthKey: otx-mp\n  XForce:\n    Args:\n      ApiID: xf-mp-id\n      AuthKey: xf-mp-key\n",
                "msticpyconfig.yaml", Env());
            var env = Env(new Dictionary<string, string> { ["B64HUNT_VT_KEY"] = "vt-env", ["B64HUNT_OTX_KEY"] = "otx-env" });

            var withParameter = TiProviderResolver.Resolve(new TiResolveRequest
            {
                ApiKeys = new Dictionary<string, string> { ["vt"] = "vt-param" },
                B64HuntConfig = own, MsticpyConfig = msticpy, Environment = env,
            });
            Assert.Equal(("vt-param", TiKeySource.Parameter), (Get(withParameter, "VirusTotal").AuthKey, Get(withParameter, "VirusTotal").KeySource));
            Assert.Equal(("otx-env", TiKeySource.Environment), (Get(withParameter, "OTX").AuthKey, Get(withParameter, "OTX").KeySource));
            Assert.Equal(TiKeySource.MsticpyConfig, Get(withParameter, "XForce").KeySource);

            var noEnv = TiProviderResolver.Resolve(new TiResolveRequest { B64HuntConfig = own, MsticpyConfig = msticpy, Environment = Env() });
            Assert.Equal(("vt-own", TiKeySource.B64HuntConfig), (Get(noEnv, "VirusTotal").AuthKey, Get(noEnv, "VirusTotal").KeySource));

            var onlyMsticpy = TiProviderResolver.Resolve(new TiResolveRequest { MsticpyConfig = msticpy, Environment = Env() });
            Assert.Equal(("vt-mp", TiKeySource.MsticpyConfig), (Get(onlyMsticpy, "VirusTotal").AuthKey, Get(onlyMsticpy, "VirusTotal").KeySource));
        }

        [Fact]
        public void XForceKeysFromParameterAndEnvironment()
        {
            var fromParameter = Get(TiProviderResolver.Resolve(new TiResolveRequest
            {
                ApiKeys = new Dictionary<string, string> { ["XForce"] = "the-id:the:key" }, Environment = Env(),
            }), "XForce");
            Assert.Equal(("the-id", "the:key"), (fromParameter.ApiId, fromParameter.AuthKey));

            var noColon = Get(TiProviderResolver.Resolve(new TiResolveRequest
            {
                ApiKeys = new Dictionary<string, string> { ["XForce"] = "only-a-key" }, Environment = Env(),
            }), "XForce");
            Assert.False(noColon.Usable);
            Assert.Contains("ApiID:AuthKey", noColon.ToInfo().Notes);

            var env = Env(new Dictionary<string, string> { ["B64HUNT_XFORCE_ID"] = "env-id", ["B64HUNT_XFORCE_KEY"] = "env-key" });
            var fromEnv = Get(TiProviderResolver.Resolve(new TiResolveRequest { Environment = env }), "XForce");
            Assert.Equal(("env-id", "env-key", TiKeySource.Environment), (fromEnv.ApiId, fromEnv.AuthKey, fromEnv.KeySource));
        }

        [Fact]
        public void EndpointParameterWinsOverConfig()
        {
            var own = ConfigLoader.Parse("TIProviders:\n  OTX:\n    Endpoint: http://127.0.0.1:1111\n", "config.yaml", Env());
            var otx = Get(TiProviderResolver.Resolve(new TiResolveRequest
            {
                Endpoints = new Dictionary<string, string> { ["otx"] = "http://127.0.0.1:2222/mirror" },
                B64HuntConfig = own, Environment = Env(),
            }), "OTX");
            Assert.Equal("http://127.0.0.1:2222/mirror", otx.Endpoint!.AbsoluteUri);
            var bad = Get(TiProviderResolver.Resolve(new TiResolveRequest
            {
                ApiKeys = new Dictionary<string, string> { ["OTX"] = "k" },
                Endpoints = new Dictionary<string, string> { ["OTX"] = "ftp://nope" }, Environment = Env(),
            }), "OTX");
            Assert.False(bad.Usable);
        }

        [Fact]
        public void UnknownProviderNameInAParameterIsRejected()
        {
            Assert.Throws<ArgumentException>(() => TiProviderResolver.Resolve(new TiResolveRequest
            {
                ApiKeys = new Dictionary<string, string> { ["Shodan"] = "k" }, Environment = Env(),
            }));
        }

        [Fact]
        public void BadYamlNamesTheFileAndLine()
        {
            var path = Write("broken.yaml", "TIProviders:\n  OTX:\n    Args:\n      AuthKey: [unclosed\n  VirusTotal: {}\n");
            var ex = Assert.Throws<ConfigFileException>(() => ConfigLoader.Load(path, Env()));
            Assert.Equal("InvalidConfigFile", ex.ErrorId);
            Assert.Equal(path, ex.FilePath);
            Assert.InRange(ex.Line, 4, 5);
            Assert.StartsWith(path + ":" + ex.Line + ":", ex.Message);
        }

        [Fact]
        public void WrongShapesNameTheSetting()
        {
            var ex = Assert.Throws<ConfigFileException>(() => ConfigLoader.Parse(
                "TIProviders:\n  OTX:\n    RequestsPerMinute: lots\n", "c.yaml", Env()));
            Assert.Equal(3, ex.Line);
            Assert.Contains("RequestsPerMinute", ex.Message);

            var weights = Assert.Throws<ConfigFileException>(() => ConfigLoader.Parse("Scoring:\n  Weights:\n    High: big\n", "c.yaml", Env()));
            Assert.Equal(3, weights.Line);

            var arg = Assert.Throws<ConfigFileException>(() => ConfigLoader.Parse("TIProviders:\n  OTX:\n    Args:\n      AuthKey: [a, b]\n", "c.yaml", Env()));
            Assert.Contains("EnvironmentVar", arg.Message);
        }

        [Fact]
        public void EmptyFileIsAnEmptyConfig()
        {
            var config = ConfigLoader.Parse("# nothing yet\n", "c.yaml", Env());
            Assert.Empty(config.TiProviders);
            Assert.Empty(config.ScoringWeights);
        }

        [Fact]
        public void DefaultPathsFollowXdgAndWindowsConventions()
        {
            var home = Path.Combine(_dir, "home");
            var linux = Env();
            Assert.Equal(Path.Combine(home, ".config", "b64hunt", "config.yaml"), linux.B64HuntConfigPath());
            Assert.Equal(Path.Combine(home, ".cache", "b64hunt"), linux.CacheDirectory());

            var xdg = Env(new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = "/xdg/config", ["XDG_CACHE_HOME"] = "/xdg/cache" });
            Assert.Equal(Path.Combine("/xdg/config", "b64hunt", "config.yaml"), xdg.B64HuntConfigPath());
            Assert.Equal(Path.Combine("/xdg/cache", "b64hunt"), xdg.CacheDirectory());

            var windows = Env(new Dictionary<string, string> { ["APPDATA"] = "C:/Users/a/AppData/Roaming", ["LOCALAPPDATA"] = "C:/Users/a/AppData/Local" }, windows: true);
            Assert.Equal(Path.Combine("C:/Users/a/AppData/Roaming", "B64Hunt", "config.yaml"), windows.B64HuntConfigPath());
            Assert.Equal(Path.Combine("C:/Users/a/AppData/Local", "B64Hunt", "cache"), windows.CacheDirectory());

            var overridden = Env(new Dictionary<string, string> { ["B64HUNT_CONFIG"] = "/etc/b64.yaml", ["B64HUNT_CACHE"] = "/var/cache/b64" });
            Assert.Equal("/etc/b64.yaml", overridden.B64HuntConfigPath());
            Assert.Equal("/var/cache/b64", overridden.CacheDirectory());
        }

        [Fact]
        public void MsticpyConfigIsFoundByVariableThenWorkingFolderThenHome()
        {
            var env = Env();
            Assert.Null(env.MsticpyConfigPath());
            var inHome = Write("home/.msticpy/msticpyconfig.yaml", "TIProviders: {}\n");
            Assert.Equal(inHome, env.MsticpyConfigPath());
            var inCwd = Write("cwd/msticpyconfig.yaml", "TIProviders: {}\n");
            Assert.Equal(inCwd, env.MsticpyConfigPath());
            var named = Write("elsewhere/mp.yaml", "TIProviders: {}\n");
            Assert.Equal(named, Env(new Dictionary<string, string> { ["MSTICPYCONFIG"] = named }).MsticpyConfigPath());
        }

        [Fact]
        public void ProviderInfoNeverCarriesTheKey()
        {
            var all = TiProviderResolver.Resolve(new TiResolveRequest
            {
                ApiKeys = new Dictionary<string, string>
                {
                    ["VirusTotal"] = "vt-secret-123", ["XForce"] = "xf-id-77:xf-secret-456", ["OTX"] = "otx-secret-789",
                    ["GreyNoise"] = "gn-secret-246", ["AbuseIPDB"] = "abuse-secret-135",
                },
                Environment = Env(),
            });
            var text = System.Text.Json.JsonSerializer.Serialize(all.Select(s => s.ToInfo()).ToList()) + string.Join(",", all.Select(s => s.ToString()));
            Assert.DoesNotContain("vt-secret-123", text);
            Assert.DoesNotContain("xf-secret-456", text);
            Assert.DoesNotContain("xf-id-77", text);
            Assert.DoesNotContain("otx-secret-789", text);
            Assert.DoesNotContain("gn-secret-246", text);
            Assert.DoesNotContain("abuse-secret-135", text);
            Assert.All(all.Where(s => s.Kind != "LocalFeed" && s.Kind != "SentinelTI"), s => Assert.Equal(TiKeySource.Parameter, s.KeySource));
        }

        [Fact]
        public void DefaultOwnConfigIsLoadedWhenPresentAndEmptyOtherwise()
        {
            var env = Env();
            Assert.Same(B64HuntConfig.Empty, ConfigLoader.LoadB64HuntConfig(env));
            Write("home/.config/b64hunt/config.yaml", "Scoring:\n  Weights:\n    High: 4\n");
            Assert.Equal(4, ConfigLoader.LoadB64HuntConfig(env).ScoringWeights["High"]);
            Assert.Throws<ConfigFileException>(() => ConfigLoader.LoadB64HuntConfig(env, Path.Combine(_dir, "missing.yaml")));
        }
    }
}
