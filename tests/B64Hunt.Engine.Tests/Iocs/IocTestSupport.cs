using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using B64Hunt.Iocs;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Iocs
{
    /// <summary>The bundled suffix list (module/data, copied to the test output) and short assertions.</summary>
    internal static class IocTestSupport
    {
        public static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "data");

        public static IocExtractor Extractor { get; } = IocExtractor.FromDataDirectory(DataDirectory);

        public static IReadOnlyList<Ioc> Extract(string? text, IocTypes types = IocTypes.All) => Extractor.Extract(text, types);

        public static string[] Of(string text, string type) =>
            Extract(text).Where(i => i.Type == type).Select(i => i.Normalized).ToArray();

        public static Ioc Single(string text, string type, string normalized)
        {
            var matches = Extract(text).Where(i => i.Type == type && i.Normalized == normalized).ToList();
            Assert.True(matches.Count == 1, $"expected one {type} '{normalized}' in <{text}>; got: {Describe(text)}");
            return matches[0];
        }

        public static void None(string text, string type, string normalized)
        {
            Assert.False(Extract(text).Any(i => i.Type == type && i.Normalized == normalized),
                $"did not expect {type} '{normalized}' in <{text}>; got: {Describe(text)}");
        }

        public static string Describe(string text) =>
            string.Join(", ", Extract(text).Select(i => i.Type + "=" + i.Normalized + (i.IsPrivate ? "(private)" : "")));
    }
}
