BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    # Never touch the user's real configuration, cache or keys.
    $script:Saved = @{}
    foreach ($name in 'B64HUNT_CONFIG', 'B64HUNT_CACHE', 'MSTICPYCONFIG', 'B64HUNT_OTX_KEY', 'B64HUNT_VT_KEY', 'B64HUNT_XFORCE_ID', 'B64HUNT_XFORCE_KEY') {
        $Saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    $env:B64HUNT_CONFIG = Join-Path $TestDrive 'no-config.yaml'
    $env:B64HUNT_CACHE = Join-Path $TestDrive 'cache'

    $script:Feed = Join-Path $TestDrive 'feed.csv'
    @'
Indicator,Type,Severity,Description,Reference
# fictitious known-bad indicators
45.33.32.156,ipv4,high,Mirai C2,https://feeds.example.org/c2
evil-domain.com,dns,medium,Stager host,
hxxp://drop[.]bad-actor.net/x.sh,url,,Dropper,
'@ | Set-Content -Path $Feed

    function New-TestEvent([string[]] $Indicator) {
        $e = [B64Hunt.Model.CommandEvent]::new()
        $e.CommandLine = 'echo ... | base64 -d | sh'
        $e.DecodedCommand = 'curl ...'
        foreach ($pair in $Indicator) {
            $type, $value = $pair -split '=', 2
            $ioc = [B64Hunt.Model.Ioc]::new()
            $ioc.Type = $type; $ioc.Value = $value; $ioc.Normalized = $value
            $e.Iocs.Add($ioc)
        }
        $e
    }
}

AfterAll {
    foreach ($pair in $Saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
}

Describe 'Invoke-B64TiLookup with a local feed (offline)' {
    It 'looks up only the Ioc records piped in and the hunt is scored with them' {
        $sampleFeed = Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/ti-feed.csv'
        $events = Get-B64Command -Sample -ErrorAction SilentlyContinue | Find-B64Ioc
        $before = ($events | Measure-B64Score | Measure-Object SevScore -Sum).Sum
        $picked = $events | Find-B64Ioc -Expand | Where-Object { $_.Type -eq 'ipv4' -and -not $_.IsPrivate }
        $out = $picked | Invoke-B64TiLookup -LocalFeed $sampleFeed
        # The events the Iocs came from, once each; only ipv4 verdicts were attached.
        $out.Count | Should -Be @($picked.Event | Sort-Object -Unique { [System.Runtime.CompilerServices.RuntimeHelpers]::GetHashCode($_) }).Count
        @($events.TiResults | Where-Object IocType -ne 'ipv4') | Should -HaveCount 0
        $after = ($events | Measure-B64Score | Measure-Object SevScore -Sum).Sum
        $before | Should -Be 0
        $after | Should -BeGreaterThan 0
    }

    It 'attaches the feed verdicts and keeps the input order' {
        $events = @(
            New-TestEvent 'ipv4=45.33.32.156', 'dns=evil-domain.com'
            New-TestEvent 'ipv4=8.8.8.8'
            New-TestEvent 'url=http://drop.bad-actor.net/x.sh'
        )
        $out = $events | Invoke-B64TiLookup -LocalFeed $Feed
        $out | Should -HaveCount 3
        [object]::ReferenceEquals($out[0], $events[0]) | Should -BeTrue
        $r = $out[0].TiResults | Where-Object Ioc -eq '45.33.32.156'
        $r.Provider | Should -Be 'LocalFeed'
        $r.Severity | Should -Be ([B64Hunt.Model.TiSeverity]::High)
        $r.Reference | Should -Be 'https://feeds.example.org/c2'
        ($out[0].TiResults | Where-Object Ioc -eq 'evil-domain.com').Severity | Should -Be 'Medium'
        $out[1].TiResults[0].Status | Should -Be 'NotFound'
        $out[2].TiResults[0].Severity | Should -Be 'High'
        $out[2].TiResults[0].Details | Should -Be 'Dropper'
    }

    It 'looks at private addresses locally because nothing is sent' {
        $private = Join-Path $TestDrive 'private.txt'
        "10.1.2.3`n# internal jump host`n" | Set-Content $private
        $out = New-TestEvent 'ipv4=10.1.2.3' | Invoke-B64TiLookup -LocalFeed $private
        $out.TiResults[0].Status | Should -Be 'Ok'
        $out.TiResults[0].Severity | Should -Be 'High'
    }

    It 'filters by indicator type' {
        $out = New-TestEvent 'ipv4=45.33.32.156', 'dns=evil-domain.com' | Invoke-B64TiLookup -LocalFeed $Feed -IocType dns
        $out.TiResults | Should -HaveCount 1
        $out.TiResults[0].IocType | Should -Be 'dns'
    }

    It 'says how much it did with -Verbose' {
        $verbose = New-TestEvent 'ipv4=45.33.32.156', 'ipv4=45.33.32.156' | Invoke-B64TiLookup -LocalFeed $Feed -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match '1 events, 1 unique indicators, 1 providers \(LocalFeed\); 0 requests made'
    }

    It 'passes events through with a warning when no provider is usable' {
        $e = New-TestEvent 'ipv4=45.33.32.156'
        $out = $e | Invoke-B64TiLookup -WarningVariable warn 3>$null
        $out | Should -HaveCount 1
        $out.TiResults | Should -HaveCount 0
        $warn | Should -Match 'No threat-intelligence provider is usable'
    }

    It 'reports a missing feed file and passes events on' {
        $out = New-TestEvent 'ipv4=45.33.32.156' | Invoke-B64TiLookup -LocalFeed (Join-Path $TestDrive 'nope.csv') -WarningVariable warn 3>$null
        $out | Should -HaveCount 1
        $warn -join ' ' | Should -Match 'LocalFeed is not usable'
    }

    It 'stops with InvalidConfigFile, naming file and line, for a bad -ConfigPath' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        "TIProviders:`n  OTX:`n    RequestsPerMinute: lots`n" | Set-Content $bad
        { New-TestEvent 'ipv4=45.33.32.156' | Invoke-B64TiLookup -ConfigPath $bad -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConfigFile,B64Hunt.Commands.InvokeB64TiLookupCommand' -ExpectedMessage '*bad.yaml:3:*RequestsPerMinute*'
    }

    It 'takes the local feed from the configuration file' {
        $config = Join-Path $TestDrive 'config.yaml'
        "TIProviders:`n  LocalFeed:`n    Args:`n      Path: feed.csv`n" | Set-Content $config
        $out = New-TestEvent 'dns=evil-domain.com' | Invoke-B64TiLookup -ConfigPath $config
        $out.TiResults[0].Provider | Should -Be 'LocalFeed'
        $out.TiResults[0].Severity | Should -Be 'Medium'
    }

    It 'offers the provider names and has help with examples' {
        (Get-Command Invoke-B64TiLookup).Parameters['Provider'].Attributes.ValidValues | Should -Be @('OTX', 'VirusTotal', 'XForce', 'LocalFeed', 'GreyNoise', 'AbuseIPDB', 'SentinelTI')
        $help = Get-Help Invoke-B64TiLookup -Full
        $help.Synopsis | Should -Match 'threat intelligence'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        ($help.Description.Text -join ' ') | Should -Match 'two or more malicious engines are high'
    }
}

Describe 'Get-B64TiProvider' {
    It 'lists the seven providers and what is usable' {
        $p = Get-B64TiProvider -LocalFeed $Feed
        $p.Name | Should -Be @('OTX', 'VirusTotal', 'XForce', 'LocalFeed', 'GreyNoise', 'AbuseIPDB', 'SentinelTI')
        ($p | Where-Object Name -eq 'SentinelTI').Usable | Should -BeFalse
        # GreyNoise answers without a key, but is not used unless chosen or configured.
        ($p | Where-Object Name -eq 'GreyNoise').Primary | Should -BeFalse
        ($p | Where-Object Name -eq 'AbuseIPDB').Notes | Should -Match 'B64HUNT_ABUSEIPDB_KEY'
        ($p | Where-Object Name -eq 'LocalFeed').Usable | Should -BeTrue
        ($p | Where-Object Name -eq 'LocalFeed').KeySource | Should -Be 'Parameter'
        ($p | Where-Object Name -eq 'VirusTotal').Usable | Should -BeFalse
        ($p | Where-Object Name -eq 'VirusTotal').Pacing | Should -Be '4/min, 500/day'
        ($p | Where-Object Name -eq 'VirusTotal').Notes | Should -Match 'B64HUNT_VT_KEY'
    }

    It 'reports the key source, never the key' {
        $key = ConvertTo-SecureString 'vt-pester-key-1234' -AsPlainText -Force
        $env:B64HUNT_OTX_KEY = 'otx-pester-key-5678'
        try {
            $p = Get-B64TiProvider -ApiKey @{ VirusTotal = $key } -Usable
            $p.Name | Should -Be @('OTX', 'VirusTotal', 'GreyNoise')
            ($p | Where-Object Name -eq 'OTX').KeySource | Should -Be 'Environment'
            ($p | Where-Object Name -eq 'VirusTotal').KeySource | Should -Be 'Parameter'
            $text = ($p | ConvertTo-Json -Depth 5) + ($p | Format-List * | Out-String)
            $text | Should -Not -Match 'vt-pester-key-1234'
            $text | Should -Not -Match 'otx-pester-key-5678'
        } finally {
            $env:B64HUNT_OTX_KEY = $null
        }
    }

    It 'reads msticpyconfig.yaml with EnvironmentVar references' {
        $mp = Join-Path $TestDrive 'msticpyconfig.yaml'
        @'
TIProviders:
  XForce:
    Args:
      ApiID:
        EnvironmentVar: "PESTER_XF_ID"
      AuthKey:
        EnvironmentVar: "PESTER_XF_KEY"
    Primary: False
    Provider: "XForce"
  TorExitNodes:
    Primary: True
    Provider: "Tor"
'@ | Set-Content $mp
        $env:MSTICPYCONFIG = $mp
        $env:PESTER_XF_ID = 'xf-id'
        $env:PESTER_XF_KEY = 'xf-key'
        try {
            $p = Get-B64TiProvider
            $xf = $p | Where-Object Name -eq 'XForce'
            $xf.Usable | Should -BeTrue
            $xf.Primary | Should -BeFalse
            $xf.KeySource | Should -Be 'MsticpyConfig'
            ($p | Where-Object Name -eq 'TorExitNodes').Notes | Should -Match 'not implemented'
        } finally {
            $env:MSTICPYCONFIG = $null; $env:PESTER_XF_ID = $null; $env:PESTER_XF_KEY = $null
        }
    }

    It 'filters by name with wildcards' {
        (Get-B64TiProvider -Name 'V*', 'local*').Name | Should -Be @('VirusTotal', 'LocalFeed')
    }
}
