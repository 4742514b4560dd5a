using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace B64Hunt.Loader
{
    /// <summary>
    /// The load context of the module's dependencies/ folder. Assemblies shared with PowerShell (the
    /// model, and framework assemblies PowerShell already carries at a version at least as new) come from
    /// the default context so their types cross the boundary; the rest load privately from dependencies/.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(DependencyLoadContext).Assembly.Location) ?? ".";

        internal static readonly DependencyLoadContext Instance = new DependencyLoadContext(Path.Combine(ModuleDirectory, "dependencies"));

        private static readonly string[] SharedDirectories =
        {
            Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty,                                  // the .NET shared framework
            Path.GetDirectoryName(typeof(System.Management.Automation.PSObject).Assembly.Location) ?? string.Empty,   // $PSHOME
        };

        private readonly string _dependencyDirectory;

        private DependencyLoadContext(string dependencyDirectory)
            : base("B64Hunt", isCollectible: false)
        {
            _dependencyDirectory = dependencyDirectory;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == null || assemblyName.Name == "B64Hunt.Model" || IsProvidedByHost(assemblyName))
            {
                return null;
            }
            string candidate = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        /// <summary>True when the runtime or PowerShell already ship this assembly at the requested version or newer.</summary>
        private static bool IsProvidedByHost(AssemblyName requested)
        {
            foreach (string directory in SharedDirectories)
            {
                string path = Path.Combine(directory, requested.Name + ".dll");
                if (!File.Exists(path))
                {
                    continue;
                }
                try
                {
                    Version? available = AssemblyName.GetAssemblyName(path).Version;
                    if (requested.Version == null || (available != null && available >= requested.Version))
                    {
                        return true;
                    }
                }
                catch (Exception ex) when (ex is BadImageFormatException || ex is IOException)
                {
                    // not a managed assembly we can compare; fall through to our own copy
                }
            }
            return false;
        }
    }
}
