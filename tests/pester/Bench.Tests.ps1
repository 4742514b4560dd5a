# The benchmark's instruments (issue 16): the realistic generator gives the file it is asked for, as Get-B64Command
# reads it, and the notebook's logic in pandas finds the same payload events on it.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $PSScriptRoot 'RealisticLog.ps1')
    $script:Dll = Get-BenchmarksDll $Root
    $script:File = New-RealisticLog $Dll (Join-Path $TestDrive 'realistic-10000-300-0.08.log') -Lines 10000 -Distinct 300 -Density 0.08
    $script:Summary = Get-Content -Raw "$File.summary.json" | ConvertFrom-Json
    $script:Events = @(Get-B64Command -Path $File)

    # A python with pandas: build.ps1 bench's venv, else python3 or Debian's python3 when they have it.
    $script:PandasPython = $null
    foreach ($candidate in (Join-Path $Root 'out/bench/venv/bin/python'), 'python3', '/usr/bin/python3') {
        if (-not (Get-Command $candidate -ErrorAction Ignore)) { continue }
        & $candidate -c 'import pandas' 2>$null
        if ($LASTEXITCODE -eq 0) { $script:PandasPython = $candidate; break }
    }
}

Describe 'The realistic benchmark file' {
    It 'carries exactly 8% payload lines with exactly 300 distinct command lines, as Get-B64Command finds them' {
        $Events.Count | Should -Be 800
        @($Events | Where-Object Depth -eq 0).Count | Should -Be 800
        @($Events.CommandLine | Sort-Object -Unique).Count | Should -Be 300
        @($Events.DecodedCommand | Sort-Object -Unique).Count | Should -Be 300
        $Summary.PayloadLines | Should -Be 800
        $Summary.DistinctPayloads | Should -Be 300
    }

    It 'has twice as many lines mentioning base64 without a payload as lines with one, over about 400 hosts' {
        $mentioning = @([IO.File]::ReadLines($File) | Where-Object { $_.Contains('base64') }).Count
        $mentioning | Should -Be 2400
        $Summary.MentionLines | Should -Be 1600
        $hosts = @([IO.File]::ReadLines($File) | ForEach-Object { $_.Substring(16, $_.IndexOf(' ', 16) - 16) } | Sort-Object -Unique).Count
        $hosts | Should -BeGreaterOrEqual 390
        @($Events.Computer | Sort-Object -Unique).Count | Should -Be $Summary.HostsWithPayloads
    }

    It 'is the same file for the same arguments' {
        $again = New-RealisticLog $Dll (Join-Path $TestDrive 'again.log') -Lines 10000 -Distinct 300 -Density 0.08
        (Get-FileHash $again).Hash | Should -Be (Get-FileHash $File).Hash
    }
}

Describe 'The baselines beside Get-B64Command' {
    It 'the C# line scan counts the lines that LC_ALL=C grep -c base64 counts' {
        $scan = & dotnet $Dll scan --file $File --runs 1 | ConvertFrom-Json
        $scan.Matches | Should -Be 2400
        $scan.BestSeconds | Should -BeGreaterThan 0
        if (Get-Command grep -ErrorAction Ignore) {
            $env:LC_ALL = 'C'
            try { [long](& grep -c base64 $File) | Should -Be 2400 } finally { Remove-Item Env:LC_ALL }
        }
    }

    It 'first-sight measures every stage over as many distinct commands as asked' {
        $env:B64HUNT_DATA = Join-Path $Root 'module/data'
        try { $report = & dotnet $Dll first-sight --commands 40 | ConvertFrom-Json } finally { Remove-Item Env:B64HUNT_DATA }
        $LASTEXITCODE | Should -Be 0
        $report.Commands | Should -Be 40
        foreach ($name in 'DecodeMicros', 'ClassifyMicros', 'TagMicros', 'IocMicros') { $report.$name | Should -BeGreaterThan 0 }
        & dotnet $Dll first-sight --commands 0 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 2
    }
}

Describe 'The notebook logic in pandas (tests/bench/notebook_pandas.py)' {
    It 'finds the same payload events and distinct commands as Get-B64Command on the realistic file' {
        if (-not $PandasPython) {
            Set-ItResult -Skipped -Because 'no python with pandas here (build.ps1 bench installs it into out/bench/venv, or apt-get install python3-pandas)'
            return
        }
        $report = & $PandasPython (Join-Path $Root 'tests/bench/notebook_pandas.py') $File | ConvertFrom-Json
        $LASTEXITCODE | Should -Be 0
        $report.events | Should -Be $Events.Count
        $report.distinct_commands | Should -Be @($Events.DecodedCommand | Sort-Object -Unique).Count
        $report.distinct_command_lines | Should -Be @($Events.CommandLine | Sort-Object -Unique).Count
        $report.hosts | Should -Be @($Events.Computer | Sort-Object -Unique).Count
        $report.logic_seconds | Should -BeGreaterThan 0
    }
}
