using System.Runtime.CompilerServices;

namespace B64Hunt.Sources
{
    internal static class HotPath
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (.NET Core 3.0+; netstandard2.0 lacks the name): the per-line
        /// methods are compiled fully optimised at once instead of starting in tier 0, which matters for a one-shot hunt.
        /// </summary>
        public const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;
    }
}
