using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using B64Hunt.Configuration;
using B64Hunt.Errors;
using B64Hunt.Intel;
using B64Hunt.Model;
using B64Hunt.Reporting;

namespace B64Hunt.Commands
{
    /// <summary>What Invoke-B64TiLookup and Get-B64TiProvider share: turning -ApiKey/-Endpoint/-LocalFeed and the config files into provider settings.</summary>
    internal static class TiCommandSupport
    {
        /// <summary>Resolves every provider; config problems become errors/warnings on the cmdlet (an explicit -ConfigPath that is bad stops the command).</summary>
        internal static IReadOnlyList<TiProviderSettings> Resolve(PSCmdlet cmdlet, Hashtable? apiKey, Hashtable? endpoint,
            string[]? localFeed, string? configPath, IHuntReporter reporter, Guid? workspaceId = null)
        {
            var environment = ConfigEnvironment.FromProcess(cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            B64HuntConfig? own = null;
            B64HuntConfig? msticpy = null;
            var warnings = new List<Problem>();

            if (!string.IsNullOrEmpty(configPath))
            {
                var path = cmdlet.GetUnresolvedProviderPathFromPSPath(configPath);
                if (!File.Exists(path))
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"The configuration file '{path}' does not exist.", path),
                        ErrorIds.ConfigFileNotFound, ErrorCategory.ObjectNotFound, configPath));
                }
                try
                {
                    own = ConfigLoader.Load(path, environment, warnings);
                }
                catch (ConfigFileException ex)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidData, path));
                }
            }
            else
            {
                own = TryLoad(cmdlet, environment.B64HuntConfigPath(), environment, warnings, reporter);
            }
            var msticpyPath = environment.MsticpyConfigPath();
            if (msticpyPath != null) msticpy = TryLoad(cmdlet, msticpyPath, environment, warnings, reporter);
            if (HasKeyVaultArgs(own) || HasKeyVaultArgs(msticpy))
            {
                // msticpy's KeyVault references, read with the workspace sign-in's credential chain (kept for the session).
                var vault = KeyVaultSecrets.WithDefaultCredential();
                vault.Resolve(own, warnings);
                vault.Resolve(msticpy, warnings);
            }
            foreach (var warning in warnings)
            {
                if (SessionWarnings.FirstTime(warning)) reporter.Problem(warning);
            }

            try
            {
                return TiProviderResolver.Resolve(new TiResolveRequest
                {
                    ApiKeys = ToSecrets(apiKey),
                    Endpoints = ToStrings(endpoint),
                    LocalFeedPaths = localFeed == null ? null : Array.ConvertAll(localFeed, p => cmdlet.GetUnresolvedProviderPathFromPSPath(p)),
                    B64HuntConfig = own,
                    MsticpyConfig = msticpy,
                    Environment = environment,
                    WorkspaceId = workspaceId,
                });
            }
            catch (ArgumentException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidTiParameter, ErrorCategory.InvalidArgument, null));
                throw; // not reached
            }
        }

        private static bool HasKeyVaultArgs(B64HuntConfig? config) =>
            config != null && config.TiProviders.Any(section => section.KeyVaultArgs.Count > 0);

        private static B64HuntConfig? TryLoad(PSCmdlet cmdlet, string path, ConfigEnvironment environment, List<Problem> warnings, IHuntReporter reporter)
        {
            if (!File.Exists(path)) return null;
            try
            {
                cmdlet.WriteVerbose(Text.DataText.Neutralize($"Reading configuration {path}."));
                return ConfigLoader.Load(path, environment, warnings);
            }
            catch (ConfigFileException ex)
            {
                // A file found implicitly should not stop the hunt: report it and go on without it.
                reporter.Problem(new Problem(ex.ErrorId, ProblemKind.InvalidData, ex.Message + " The file is ignored.", path, ex));
                return null;
            }
        }

        /// <summary>-ApiKey values: string, SecureString, or PSCredential (X-Force: user name = ApiID, password = AuthKey).</summary>
        private static Dictionary<string, string>? ToSecrets(Hashtable? table)
        {
            if (table == null) return null;
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in table)
            {
                var name = Convert.ToString(entry.Key) ?? string.Empty;
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                switch (value)
                {
                    case null:
                        continue;
                    case string text:
                        result[name] = text;
                        break;
                    case SecureString secure:
                        result[name] = new NetworkCredential(string.Empty, secure).Password;
                        break;
                    case PSCredential credential:
                        result[name] = credential.UserName + ":" + credential.GetNetworkCredential().Password;
                        break;
                    default:
                        throw new PSArgumentException($"-ApiKey: the value for '{name}' must be a SecureString, a string or a PSCredential, not {value.GetType().Name}.");
                }
            }
            return result;
        }

        private static Dictionary<string, string>? ToStrings(Hashtable? table)
        {
            if (table == null) return null;
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in table)
            {
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                if (value != null) result[Convert.ToString(entry.Key) ?? string.Empty] = Convert.ToString(value) ?? string.Empty;
            }
            return result;
        }
    }
}
