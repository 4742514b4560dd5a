using System;
using System.Collections.Generic;

namespace B64Hunt.Shell
{
    /// <summary>How a wrapper is written: its options that take a value, and the operands before the command it runs.</summary>
    internal sealed class WrapperSpec
    {
        public WrapperSpec(string name, string shortWithValue, string[] longWithValue, int operands)
        {
            Name = name;
            ShortWithValue = shortWithValue;
            LongWithValue = longWithValue;
            Operands = operands;
        }

        public string Name { get; }

        /// <summary>Short option letters that take a value (attached, or the next word).</summary>
        public string ShortWithValue { get; }

        /// <summary>Long options that take the next word as their value unless written --opt=value.</summary>
        public string[] LongWithValue { get; }

        /// <summary>Operands between the options and the command (timeout's duration, chroot's new root).</summary>
        public int Operands { get; }
    }

    /// <summary>
    /// The one table of programs that run another program (wrappers) and of the interpreters whose options carry
    /// code. The shell reader (categories, GTFOBins) and the indicator scanner both decide with it, so they agree
    /// on which word is the command that runs.
    /// </summary>
    public static class CommandTable
    {
        private static readonly string[] None = new string[0];

        private static readonly Dictionary<string, WrapperSpec> Specs = Build(
            new WrapperSpec("sudo", "ugpChDrtUT", new[] { "--user", "--group", "--close-from", "--chdir", "--host", "--prompt", "--role", "--type", "--other-user", "--command-timeout" }, 0),
            new WrapperSpec("doas", "uC", None, 0),
            new WrapperSpec("env", "uCS", new[] { "--unset", "--chdir", "--split-string", "--default-signal", "--ignore-signal", "--block-signal" }, 0),
            new WrapperSpec("nohup", "", None, 0),
            new WrapperSpec("setsid", "", None, 0),
            new WrapperSpec("stdbuf", "ioe", new[] { "--input", "--output", "--error" }, 0),
            new WrapperSpec("nice", "n", new[] { "--adjustment" }, 0),
            new WrapperSpec("ionice", "cnp", new[] { "--class", "--classdata", "--pid", "--pgid", "--uid" }, 0),
            new WrapperSpec("timeout", "sk", new[] { "--signal", "--kill-after" }, 1),
            new WrapperSpec("chroot", "", new[] { "--userspec", "--groups" }, 1),
            new WrapperSpec("xargs", "ILnPsdEa", new[] { "--arg-file", "--delimiter", "--max-lines", "--max-args", "--max-procs", "--max-chars", "--replace", "--eof", "--process-slot-var" }, 0),
            new WrapperSpec("busybox", "", None, 0),
            new WrapperSpec("exec", "a", None, 0),
            new WrapperSpec("command", "", None, 0),
            new WrapperSpec("builtin", "", None, 0),
            new WrapperSpec("time", "fo", new[] { "--format", "--output" }, 0),
            // Tracers and proxies run their operand as the program (strace -f cat x runs cat).
            new WrapperSpec("strace", "oepsSEuIbXaP", new[] { "--output", "--trace", "--attach", "--string-limit", "--summary-sort-by", "--env", "--user" }, 0),
            new WrapperSpec("ltrace", "oepsSEuanlwA", new[] { "--output", "--library" }, 0),
            new WrapperSpec("sshpass", "pfdP", None, 0),
            new WrapperSpec("proxychains", "f", None, 0),
            new WrapperSpec("proxychains4", "f", None, 0),
            new WrapperSpec("torsocks", "upaP", new[] { "--user", "--pass", "--address", "--port" }, 0),
            new WrapperSpec("torify", "", None, 0),
            new WrapperSpec("unbuffer", "", None, 0));

        /// <summary>Programs that only run another program; the command that runs is the word after their options.</summary>
        public static IReadOnlyCollection<string> WrapperNames { get; } = new HashSet<string>(Specs.Keys, StringComparer.Ordinal);

        internal static bool TryGetWrapper(string name, out WrapperSpec spec) => Specs.TryGetValue(name, out spec!);

        private static Dictionary<string, WrapperSpec> Build(params WrapperSpec[] specs)
        {
            var table = new Dictionary<string, WrapperSpec>(StringComparer.Ordinal);
            foreach (var spec in specs) table[spec.Name] = spec;
            return table;
        }
    }
}
