# Issue #12 items 12 and 13: spreadsheet-safe CSV export, and output files that never follow a planted link.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:T0 = [datetime]::new(2026, 10, 1, 8, 30, 15, 250, [DateTimeKind]::Utc)
    $script:Hostile = @(
        [B64Hunt.Model.CommandEvent]@{ DecodedCommand = '=HYPERLINK("http://203.0.113.9/x","open")'; CommandLine = '+cmd|'' /C calc''!A0'; Computer = '@web1'; TimeGenerated = $T0 }
        [B64Hunt.Model.CommandEvent]@{ DecodedCommand = '-2+3'; CommandLine = "`tsum(1)"; Computer = 'web2'; TimeGenerated = $T0.AddMinutes(1) }
        # Look-alikes that are not formulas stay as they are.
        [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'echo a=b; x-y @home'; CommandLine = 'bash -c "echo 1"'; Computer = 'web3'; TimeGenerated = $T0.AddMinutes(2) }
    )
    $Hostile[0].Categories.Add('Download'); $Hostile[0].Categories.Add('Execution')
}

Describe 'Export-B64Csv' {
    BeforeAll {
        $script:Csv = Join-Path $TestDrive 'events.csv'
        $script:File = $Hostile | Export-B64Csv $Csv -Property TimeGenerated, Computer, CommandLine, DecodedCommand, Categories -PassThru
        $script:Rows = @(Import-Csv $Csv)
    }
    It 'defuses every cell that starts with = + - @ or a tab' {
        $File | Should -BeOfType ([IO.FileInfo])
        $Rows[0].DecodedCommand | Should -Be "'=HYPERLINK(""http://203.0.113.9/x"",""open"")"
        $Rows[0].CommandLine | Should -Be "'+cmd|' /C calc'!A0"
        $Rows[0].Computer | Should -Be "'@web1"
        $Rows[1].DecodedCommand | Should -Be "'-2+3"
        $Rows[1].CommandLine | Should -Be "'`tsum(1)"
    }
    It 'leaves text that is no formula alone' {
        $Rows[2].DecodedCommand | Should -Be 'echo a=b; x-y @home'
        $Rows[2].CommandLine | Should -Be 'bash -c "echo 1"'
        $Rows[2].Computer | Should -Be 'web3'
    }
    It 'joins lists with "; " and writes times as ISO 8601 UTC with milliseconds' {
        $Rows[0].Categories | Should -Be 'Download; Execution'
        $Rows[2].Categories | Should -Be ''
        $Rows[0].TimeGenerated | Should -Be '2026-10-01T08:30:15.250Z'
        $Rows[1].TimeGenerated | Should -Be '2026-10-01T08:31:15.250Z'
    }
    It 'exports every property of the first object without -Property' {
        $all = Join-Path $TestDrive 'all.csv'
        $Hostile | Export-B64Csv $all
        $header = (Get-Content $all -TotalCount 1)
        foreach ($name in 'DecodedCommand', 'CommandLineRaw', 'Iocs', 'TiResults') { $header | Should -Match """$name""" }
    }
    It 'refuses to replace an existing file without -Force, and replaces it with -Force' {
        $before = Get-Content -Raw $Csv
        $Hostile | Export-B64Csv $Csv -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'OutFileExists,B64Hunt.Commands.ExportB64CsvCommand'
        Get-Content -Raw $Csv | Should -Be $before
        $Hostile[0] | Export-B64Csv $Csv -Force
        @(Import-Csv $Csv).Count | Should -Be 1
    }
    It 'never writes through a planted symbolic link' -Skip:($IsWindows) {
        $victim = Join-Path $TestDrive 'victim.txt'
        Set-Content $victim 'precious'
        $link = Join-Path $TestDrive 'planted.csv'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $victim
        $Hostile | Export-B64Csv $link -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'OutFileExists,B64Hunt.Commands.ExportB64CsvCommand'
        $Hostile | Export-B64Csv $link -Force
        Get-Content $victim | Should -Be 'precious'
        (Get-Item $link).LinkType | Should -BeNullOrEmpty
    }
    It 'supports -WhatIf' {
        $what = Join-Path $TestDrive 'whatif.csv'
        $Hostile | Export-B64Csv $what -WhatIf
        Test-Path $what | Should -BeFalse
    }
}

Describe 'Show-B64Timeline -OutFile over an existing file or link' {
    BeforeAll {
        $script:Scores = $Hostile | Measure-B64Score
    }
    It 'refuses to overwrite without -Force and writes with it' {
        $report = Join-Path $TestDrive 'report.html'
        Set-Content $report 'old'
        $out = $Scores | Show-B64Timeline -OutFile $report -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'OutFileExists,B64Hunt.Commands.ShowB64TimelineCommand'
        $out | Should -BeNullOrEmpty
        Get-Content -Raw $report | Should -Match 'old'
        $null = $Scores | Show-B64Timeline -OutFile $report -Force
        Get-Content -Raw $report | Should -Match '^<!DOCTYPE html>'
        @(Get-ChildItem $TestDrive -Filter '.report.html.*.tmp' -Force).Count | Should -Be 0
    }
    It 'replaces a planted symbolic link itself, never its target' -Skip:($IsWindows) {
        $victim = Join-Path $TestDrive 'authorized_keys'
        Set-Content $victim 'ssh-ed25519 AAAA analyst'
        $link = Join-Path $TestDrive 'linked.html'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $victim
        $null = $Scores | Show-B64Timeline -OutFile $link -ErrorAction SilentlyContinue
        Get-Content $victim | Should -Be 'ssh-ed25519 AAAA analyst'
        $null = $Scores | Show-B64Timeline -OutFile $link -Force
        Get-Content $victim | Should -Be 'ssh-ed25519 AAAA analyst'
        Get-Content -Raw $link | Should -Match '^<!DOCTYPE html>'
    }
    It 'supports -WhatIf' {
        $what = Join-Path $TestDrive 'whatif.html'
        $null = $Scores | Show-B64Timeline -OutFile $what -WhatIf
        Test-Path $what | Should -BeFalse
    }
}
