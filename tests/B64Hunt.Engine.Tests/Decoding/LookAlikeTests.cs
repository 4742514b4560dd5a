using B64Hunt.Decoding;
using Xunit;
using static B64Hunt.Tests.Decoding.Payloads;

namespace B64Hunt.Tests.Decoding
{
    /// <summary>Text that only looks like base64 is not emitted, even when the line names a decoder.</summary>
    public class LookAlikeTests
    {
        private const string RsaKey = "AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA2Hk0mDJ7sKzJbVdxCDL3ZeyI9lZWfUUbNmtVoWrtqZCJv7VbgvSCT4hX4PuRpyhpR9Ov0kTkXQkE7ROY8RpWaAXdKjVDgpZRnEVwH8Y2K4vXGT6nKhIv0bjk9SxlFI4bKWRT9PlJpyvSAgVQZ5pUmWQn/bhGaoYk5kGMyO7a9v5E6Z4RtyG2m5t0ZsLzTkD2F8C8G1DHSfNp+LCXz3nAGhgYZtjn3bFJc9sMmLa3R4k2C3d1vwrrl+Vbm2NgzEJZVt6rAWcYUaoDkH4Rg9a/pHdmG3ksRQrdmfhrrZYyuHDK5jdkeuTmWAY9C7mT37sV4pQvvWZbOCkR";
        private const string Ed25519Key = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

        private static void NotEmitted(string line)
        {
            var results = new PayloadDecoder().Decode(line);
            Assert.True(results.Count == 0, $"unexpected payload in <{line}>: {(results.Count > 0 ? results[0].EncodedText + " => " + results[0].DecodedText : "")}");
        }

        [Fact]
        public void SshRsaKeyInAuthorizedKeys() =>
            NotEmitted("echo \"ssh-rsa " + RsaKey + " root@attacker\" >> /root/.ssh/authorized_keys");

        [Fact]
        public void SshEd25519KeyInAuthorizedKeys() =>
            NotEmitted("echo 'ssh-ed25519 " + Ed25519Key + " deploy@ci' >> ~/.ssh/authorized_keys");

        [Fact]
        public void SshKeyBlobWithoutTypeTokenEvenWithDecoder() =>
            NotEmitted("echo " + RsaKey + " | base64 -d | ssh-keygen -l -f /dev/stdin");

        [Fact]
        public void Md5HexHash() => NotEmitted("echo d41d8cd98f00b204e9800998ecf8427e  /tmp/payload.bin | md5sum -c");

        [Fact]
        public void Sha1HexHashNextToBase64Decoder() =>
            NotEmitted("git cat-file -p da39a3ee5e6b4b0d3255bfef95601890afd80709 | base64 -d");

        [Fact]
        public void Sha256HexHash() =>
            NotEmitted("echo e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 file.tar.gz | sha256sum -c");

        [Fact]
        public void Sha256DockerDigest() =>
            NotEmitted("docker pull nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31");

        [Fact]
        public void Sha256Base64DigestAfterLabel() =>
            NotEmitted("nix-prefetch-url --type sha256 file.tar sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= | base64 -d");

        [Fact]
        public void Sha512Base64DigestAfterLabelLongEnoughForBinary() =>
            NotEmitted("echo sha512:" + B64(RandomBytes(64, 21)) + " | base64 -d | xxd");

        [Fact]
        public void SubresourceIntegrityDigest() =>
            NotEmitted("curl -s https://cdn.example.com/lib.js | openssl dgst -sha384 -binary | openssl base64 -A # sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC");

        [Fact]
        public void SubresourceIntegrityDigestLongEnoughForBinary() =>
            NotEmitted("openssl dgst -sha512 -binary lib.js | openssl base64 -A # sha512-" + UrlSafe(B64(RandomBytes(64, 22))).Replace("-", "A").Replace("_", "B"));

        [Fact]
        public void LibraryPath() => NotEmitted("LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu:/opt/lib /usr/bin/base64 -d input.b64");

        [Fact]
        public void RelativePathWithDecoder() => NotEmitted("base64 --decode usr/lib/x86_64-linux-gnu/libSystemHelperUtils > out.bin");

        [Fact]
        public void LongOptions() => NotEmitted("wget --no-check-certificate --content-disposition --progress=dot https://mirror.example.org/pkg.deb");

        [Fact]
        public void CamelCaseIdentifiers() =>
            NotEmitted("java -cp /opt/app/lib -Dspring.profiles.active=production com.example.ApplicationBootstrapLoader ConfigurationManagerFactoryBean");

        [Fact]
        public void CamelCaseIdentifiersWithDecoderOnTheLine() =>
            NotEmitted("cat ApplicationBootstrapLoaderConfig | base64 -d > RuntimeConfigurationManagerFactory");

        [Fact]
        public void Uuid() => NotEmitted("systemd-run --unit=job-3f2504e0-4f89-11d3-9a0c-0305e82c3301 --property=InvocationID=123e4567-e89b-12d3-a456-426614174000 /bin/true");

        [Fact]
        public void UuidWithDecoder() => NotEmitted("echo 123e4567-e89b-12d3-a456-426614174000 | base64 -d");

        [Fact]
        public void KernelVersionStrings() =>
            NotEmitted("dracut -f /boot/initramfs-4.18.0-348.7.1.el8_5.x86_64.img 4.18.0-348.7.1.el8_5.x86_64; uname -r # 5.15.0-1034-azure");

        [Fact]
        public void OrdinaryWordsAndAssignments() =>
            NotEmitted("sudo -u postgres PGPASSWORD=SuperSecretPassword psql --dbname=inventory --command=\"SELECT hostname FROM servers\"");

        [Fact]
        public void OrdinaryWordsNextToDecoder() =>
            NotEmitted("/usr/bin/base64 --decode --ignore-garbage /var/lib/cloud/instance/user-data.txt > /var/lib/cloud/instance/scripts/part-001");

        [Fact]
        public void RandomTokenThatDecodesToGarbageWithoutDecoder() =>
            NotEmitted("curl -H 'Authorization: Bearer xK9mQ2vL7pR4tY8wZ3nB6cF1hJ5gD0sA' https://api.example.com/v1/items");

        [Fact]
        public void ApiTokenWithPaddingThatDecodesToBinary() =>
            NotEmitted("export TOKEN=" + B64(RandomBytes(30, 3)));

        [Fact]
        public void HexRunNextToBase64DecoderIsNotHex() =>
            // base64 -d of hex digits does not yield the command: only a named hex decoder makes hex a payload.
            NotEmitted("base64 -d <<< " + Hex(Command) + " | sh");

        [Fact]
        public void HexRunWithoutHexDecoderIsNotHex() =>
            NotEmitted("echo " + Hex(Command) + " > /tmp/hex.txt");
    }
}
