using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace B64Hunt.Loader
{
    /// <summary>
    /// Loads the engine and its third-party libraries (Azure.Core, Azure.Identity, MSAL, YamlDotNet, ...)
    /// from dependencies/ into B64Hunt's own load context, so the module works beside other modules
    /// (Az.Accounts, Microsoft.Graph, powershell-yaml) that loaded other versions of the same libraries.
    /// Only the engine is resolved from the default context; everything it needs follows it into ours.
    /// This assembly is a nested module, imported before B64Hunt.Commands: PowerShell reads the cmdlet
    /// types (which need the engine) before it would run an initializer of the cmdlet assembly itself.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private const string EngineAssemblyName = "B64Hunt.Engine";

        public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

        public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
            name.Name == EngineAssemblyName ? DependencyLoadContext.Instance.LoadFromAssemblyName(name) : null;
    }
}
