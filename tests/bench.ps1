<#
.SYNOPSIS
    Benchmarks the local hunt over generated AUOMS syslog files and writes out/bench/results.md.
.DESCRIPTION
    Called by `build.ps1 bench` after the module is staged. For each size it generates (once, cached) an AUOMS syslog
    file with tests/B64Hunt.Benchmarks, then measures in fresh pwsh processes that are warm (module imported and the
    pipeline run once on a small file first):
      - Get-B64Command -Path alone: seconds, lines per second, events, peak memory (VmHWM) and GC figures;
      - the longest available prefix of Get-B64Command | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc | Measure-B64Score,
        timing each successive prefix so each stage's own seconds are the difference;
    and Import-Module time in a cold pwsh (median of 5). -Bdn also runs the BenchmarkDotNet hot-path benchmarks.
.EXAMPLE
    dotnet pwsh ./build.ps1 bench
.EXAMPLE
    dotnet pwsh tests/bench.ps1 -ModulePath out/B64Hunt -WorkDirectory out/bench -Lines 100000 -Bdn
#>
[CmdletBinding(DefaultParameterSetName = 'Run')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Run')]
    [Parameter(Mandatory, ParameterSetName = 'Measure')]
    [Parameter(Mandatory, ParameterSetName = 'Import')]
    [string] $ModulePath,

    [Parameter(Mandatory, ParameterSetName = 'Run')]
    [string] $WorkDirectory,

    [Parameter(ParameterSetName = 'Run')]
    [ValidateRange(1000L, 50000000L)]
    [long[]] $Lines = @(100000, 1000000, 5000000),

    # Share of generated lines that carry an encoded command.
    [Parameter(ParameterSetName = 'Run')]
    [double] $PayloadRatio = 0.02,

    # Also run the BenchmarkDotNet benchmarks (filter: part of a class or method name; no wildcards, pwsh would expand them).
    [Parameter(ParameterSetName = 'Run')]
    [switch] $Bdn,

    [Parameter(ParameterSetName = 'Run')]
    [string] $BdnFilter = 'Benchmarks',

    [Parameter(ParameterSetName = 'Run')]
    [int] $ImportRuns = 5,

    # Internal: one measuring process.
    [Parameter(Mandatory, ParameterSetName = 'Measure')]
    [string] $MeasureFile,

    [Parameter(Mandatory, ParameterSetName = 'Measure')]
    [string] $WarmupFile,

    [Parameter(Mandatory, ParameterSetName = 'Measure')]
    [int] $Stages,

    # Internal: measure only the whole pipeline of -Stages stages, not each prefix (for its peak memory).
    [Parameter(ParameterSetName = 'Measure')]
    [switch] $LongestOnly,

    [Parameter(Mandatory, ParameterSetName = 'Measure')]
    [Parameter(Mandatory, ParameterSetName = 'Import')]
    [string] $ResultFile,

    # Internal: one cold Import-Module.
    [Parameter(Mandatory, ParameterSetName = 'Import')]
    [switch] $ImportOnly
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# The local hunt, in pipeline order. Each stage streams except Measure-B64Score, which aggregates.
$StageNames = @('Get-B64Command', 'Add-B64Category', 'Add-GtfoBinsTag', 'Find-B64Ioc', 'Measure-B64Score')

function Get-ProcessMemory {
    # VmHWM is the peak resident set of this process; VmRSS the current one (kB in /proc/self/status).
    $status = @{}
    if (Test-Path /proc/self/status) {
        foreach ($line in [IO.File]::ReadAllLines('/proc/self/status')) {
            if ($line -match '^(VmHWM|VmRSS):\s+(\d+) kB') { $status[$Matches[1]] = [double]$Matches[2] / 1024 }
        }
    } else {
        $p = [Diagnostics.Process]::GetCurrentProcess()
        $status['VmHWM'] = $p.PeakWorkingSet64 / 1MB
        $status['VmRSS'] = $p.WorkingSet64 / 1MB
    }
    return $status
}

function Get-AvailableStageCount {
    # The longest prefix of the hunt whose cmdlets the module exports (the others arrive as branches merge).
    $count = 0
    foreach ($name in $StageNames) {
        if (-not (Get-Command -Name $name -Module B64Hunt -ErrorAction Ignore)) { break }
        $count++
    }
    return $count
}

function New-HuntPipeline([int] $Count) {
    # Measure-Object counts what comes out without keeping it; -ErrorAction Ignore keeps skipped lines out of $Error.
    $text = '(Get-B64Command -Path $args[0] -ErrorAction Ignore'
    for ($i = 1; $i -lt $Count; $i++) { $text += " | $($StageNames[$i])" }
    $text += ' | Measure-Object).Count'
    return [scriptblock]::Create($text)
}

# ---------------------------------------------------------------- internal modes (run in a child pwsh)

if ($PSCmdlet.ParameterSetName -eq 'Import') {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Import-Module $ModulePath
    $watch.Stop()
    @{ ImportMs = $watch.Elapsed.TotalMilliseconds } | ConvertTo-Json | Set-Content -LiteralPath $ResultFile
    return
}

if ($PSCmdlet.ParameterSetName -eq 'Measure') {
    Import-Module $ModulePath
    $available = Get-AvailableStageCount
    $count = [Math]::Min($Stages, $available)
    $result = [ordered]@{ Stages = $count; Seconds = @(); Events = @(); FirstSeconds = 0.0; Repeats = 0 }
    if ($count -ge 1) {
        $pipelines = @(if ($LongestOnly) { New-HuntPipeline $count } else { 1..$count | ForEach-Object { New-HuntPipeline $_ } })
        # Warm: JIT, module data (rules, GTFOBins index) and caches, on a small file (three times: PowerShell compiles
        # script blocks it has run before), then a pause so the runtime's background tier-1 compilation finishes.
        $passes = [Math]::Max(3, [int][Math]::Ceiling(12 / $pipelines.Count))
        for ($i = 0; $i -lt $passes; $i++) { foreach ($pipeline in $pipelines) { $null = & $pipeline $WarmupFile } }
        Start-Sleep -Milliseconds 1000
        # Each prefix runs several times and the best run is kept (a shared 2-core machine is noisy). The first pass
        # runs the longest prefix first, so its time is the hunt's first run in this pwsh (reported as well); later
        # passes go round the prefixes so that none of them is favoured by running later.
        $small = (Get-Item $MeasureFile).Length -lt 2GB
        $repeats = if ($pipelines.Count -eq 1) { if ($small) { 5 } else { 3 } } else { if ($small) { 3 } else { 2 } }
        $best = @(foreach ($p in $pipelines) { [double]::MaxValue })
        $counts = @(foreach ($p in $pipelines) { 0L })
        $first = 0.0
        for ($r = 0; $r -lt $repeats; $r++) {
            $order = if ($r -eq 0) { @(($pipelines.Count - 1)..0) } else { @(0..($pipelines.Count - 1)) }
            foreach ($k in $order) {
                [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $events = & $pipelines[$k] $MeasureFile
                $watch.Stop()
                if ($r -eq 0 -and $k -eq $pipelines.Count - 1) { $first = $watch.Elapsed.TotalSeconds }
                $best[$k] = [Math]::Min($best[$k], $watch.Elapsed.TotalSeconds)
                $counts[$k] = [long]$events
            }
        }
        $result.Seconds = $best
        $result.Events = $counts
        $result.FirstSeconds = $first
        $result.Repeats = $repeats
    }
    $memory = Get-ProcessMemory
    $gcInfo = [GC]::GetGCMemoryInfo()
    $result.PeakMB = $memory['VmHWM']
    $result.RssMB = $memory['VmRSS']
    $result.Gen0 = [GC]::CollectionCount(0)
    $result.Gen1 = [GC]::CollectionCount(1)
    $result.Gen2 = [GC]::CollectionCount(2)
    $result.AllocatedMB = [GC]::GetTotalAllocatedBytes($false) / 1MB
    $result.HeapMB = $gcInfo.HeapSizeBytes / 1MB
    $result.PauseMs = [GC]::GetTotalPauseDuration().TotalMilliseconds
    $result.ServerGC = [Runtime.GCSettings]::IsServerGC
    $result | ConvertTo-Json -Depth 3 | Set-Content -LiteralPath $ResultFile
    return
}

# ---------------------------------------------------------------- the run

$Root = Split-Path $PSScriptRoot -Parent
$ModulePath = (Resolve-Path $ModulePath).Path
$null = New-Item -ItemType Directory -Path $WorkDirectory -Force
$WorkDirectory = (Resolve-Path $WorkDirectory).Path
$generator = Join-Path $PSScriptRoot 'B64Hunt.Benchmarks/B64Hunt.Benchmarks.csproj'
$self = $PSCommandPath

# A child pwsh like this one: `dotnet pwsh` runs pwsh.dll under the dotnet host.
$pwshHost = [Environment]::ProcessPath
$pwshPrefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($pwshHost) -eq 'dotnet') { $pwshPrefix = @(Join-Path $PSHOME 'pwsh.dll') }

function Invoke-ChildPwsh([string[]] $Arguments) {
    & $pwshHost @pwshPrefix -NoProfile -NonInteractive -File $self @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "The measuring pwsh failed (exit $LASTEXITCODE): $($Arguments -join ' ')" }
}

function Format-Number([double] $Value, [string] $Format = 'N0') { $Value.ToString($Format, [Globalization.CultureInfo]::InvariantCulture) }

Write-Host "Building the generator ($generator)"
& dotnet build $generator -c Release --nologo -v quiet
if ($LASTEXITCODE -ne 0) { throw 'Building tests/B64Hunt.Benchmarks failed.' }

# The files are cached by size, ratio and generator source: regenerated only when one of them changes.
$sourceKey = (Get-ChildItem (Join-Path $PSScriptRoot 'B64Hunt.Benchmarks/SampleGenerator') -Filter *.cs | Sort-Object Name |
    ForEach-Object { (Get-FileHash $_.FullName -Algorithm SHA256).Hash }) -join ''
$sourceKey = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes("$sourceKey|$PayloadRatio"))).Substring(0, 16)

function Get-BenchFile([long] $Count) {
    $file = Join-Path $WorkDirectory "auoms-$Count.log"
    $stamp = "$file.key"
    if ((Test-Path $file) -and (Test-Path $stamp) -and (Get-Content -Raw $stamp).Trim() -eq $sourceKey) {
        Write-Host "Using cached $file"
        return $file
    }
    # About 1 KB a line: refuse to fill the disk.
    $free = [IO.DriveInfo]::new($WorkDirectory).AvailableFreeSpace
    if ($free -lt $Count * 1100 + 2GB) { throw "Not enough free disk for $Count lines in $WorkDirectory ($([Math]::Round($free / 1GB, 1)) GB free)." }
    Write-Host "Generating $Count lines into $file"
    & dotnet run --project $generator -c Release --no-build -- generate --lines $Count --out $file `
        --payload-ratio $PayloadRatio.ToString([Globalization.CultureInfo]::InvariantCulture) | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Generating $file failed." }
    Set-Content -LiteralPath $stamp -Value $sourceKey
    return $file
}

function Get-LoadAverage { if (Test-Path /proc/loadavg) { ((Get-Content -Raw /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' } }
$loadBefore = Get-LoadAverage

$warmup = Get-BenchFile 20000
$files = [ordered]@{}
foreach ($count in $Lines) { $files[$count] = Get-BenchFile $count }

# Import-Module in a cold pwsh: the time inside the process, median of the runs.
$importMs = @()
for ($i = 0; $i -lt $ImportRuns; $i++) {
    $out = Join-Path $WorkDirectory "import-$i.json"
    Invoke-ChildPwsh @('-ModulePath', $ModulePath, '-ImportOnly', '-ResultFile', $out)
    $importMs += (Get-Content -Raw $out | ConvertFrom-Json).ImportMs
}
$importSorted = @($importMs | Sort-Object)
$importMedian = $importSorted[[int][Math]::Floor($importSorted.Count / 2)]

# Which stages exist, from a module loaded here (this process measures nothing).
Import-Module $ModulePath
$available = Get-AvailableStageCount
$missing = @($StageNames | Select-Object -Skip $available)

$rows = @()
if ($available -ge 1) {
    foreach ($count in $files.Keys) {
        $file = $files[$count]
        $sizeMB = (Get-Item $file).Length / 1MB
        Write-Host "Measuring $count lines: Get-B64Command alone"
        $alone = Join-Path $WorkDirectory "measure-$count-1.json"
        Invoke-ChildPwsh @('-ModulePath', $ModulePath, '-MeasureFile', $file, '-WarmupFile', $warmup, '-Stages', '1', '-ResultFile', $alone)
        $a = Get-Content -Raw $alone | ConvertFrom-Json
        $st = $null
        if ($available -ge 4) {
            # The streaming stages only (Measure-B64Score keeps every event by design): their peak must not grow with the file.
            Write-Host "Measuring $count lines: the streaming stages (4)"
            $streaming = Join-Path $WorkDirectory "measure-$count-4-streaming.json"
            Invoke-ChildPwsh @('-ModulePath', $ModulePath, '-MeasureFile', $file, '-WarmupFile', $warmup, '-Stages', '4', '-LongestOnly', '-ResultFile', $streaming)
            $st = Get-Content -Raw $streaming | ConvertFrom-Json
        }
        $h = $null
        if ($available -gt 1) {
            Write-Host "Measuring $count lines: the hunt, $available stages"
            $hunt = Join-Path $WorkDirectory "measure-$count-$available.json"
            Invoke-ChildPwsh @('-ModulePath', $ModulePath, '-MeasureFile', $file, '-WarmupFile', $warmup, '-Stages', "$available", '-ResultFile', $hunt)
            $h = Get-Content -Raw $hunt | ConvertFrom-Json
        }
        $rows += [pscustomobject]@{ Lines = $count; SizeMB = $sizeMB; Alone = $a; Streaming = $st; Hunt = $h }
    }
}

# ---------------------------------------------------------------- report

$loadAfter = Get-LoadAverage

$cpu = (Get-Content /proc/cpuinfo -ErrorAction Ignore | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$md = [Collections.Generic.List[string]]::new()
$md.Add('# B64Hunt benchmark')
$md.Add('')
$md.Add("$([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', [Globalization.CultureInfo]::InvariantCulture)) UTC; $([Environment]::ProcessorCount) cores ($cpu); PowerShell $($PSVersionTable.PSVersion); .NET $([Environment]::Version); module $ModulePath.")
$command = if ($Bdn) { "dotnet pwsh ./build.ps1 build; dotnet pwsh tests/bench.ps1 -ModulePath out/B64Hunt -WorkDirectory out/bench -Lines $($Lines -join ',') -Bdn" } else { "dotnet pwsh ./build.ps1 bench -BenchLines $($Lines -join ',')" }
$md.Add("Command: ``$command``. Files: generated AUOMS syslog (tests/B64Hunt.Benchmarks ``generate``, about 1 KB a line), $(Format-Number ($PayloadRatio * 100) 'N1')% of lines carry an encoded command. Each measurement runs in a fresh pwsh, warmed on a 20,000-line file first (at least 12 pipeline runs, then a 1 s pause for background JIT); Get-B64Command alone is run 5 times (3 over 2 GB), the hunt's prefixes 3 times (2 over 2 GB), and the best run is kept.")
$md.Add("Load average (1/5/15 min) before measuring: $loadBefore; after: $loadAfter (the machine is shared; figures are noisier when it is loaded).")
$md.Add('')
$md.Add("**Import-Module B64Hunt** (cold pwsh, median of $ImportRuns): $(Format-Number $importMedian 'N0') ms (runs: $(($importMs | ForEach-Object { Format-Number $_ 'N0' }) -join ', ') ms; target < 300 ms).")
$md.Add('')
if ($available -eq 0) {
    $md.Add('**Get-B64Command is not in this build of the module: nothing to measure.**')
} else {
    if ($missing.Count -gt 0) { $md.Add("Stages not in this build (not measured): $($missing -join ', ').") ; $md.Add('') }
    $md.Add('### Get-B64Command -Path')
    $md.Add('')
    $md.Add('| Lines | File MiB | Events | Seconds | Lines/s | First run s | Peak MB (VmHWM) | GC gen0/1/2 | Allocated MB | GC pause ms |')
    $md.Add('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    foreach ($r in $rows) {
        $a = $r.Alone
        $s = [double]$a.Seconds[0]
        $md.Add("| $(Format-Number $r.Lines) | $(Format-Number $r.SizeMB) | $(Format-Number $a.Events[0]) | $(Format-Number $s 'N2') | $(Format-Number ($r.Lines / [Math]::Max($s, 1e-9))) | $(Format-Number ([double]$a.FirstSeconds) 'N2') | $(Format-Number $a.PeakMB) | $($a.Gen0)/$($a.Gen1)/$($a.Gen2) | $(Format-Number $a.AllocatedMB) | $(Format-Number $a.PauseMs) |")
    }
    if ($available -gt 1) {
        $md.Add('')
        $md.Add("### The local hunt: $(($StageNames | Select-Object -First $available) -join ' | ')")
        $md.Add('')
        $header = '| Lines |'
        $rule = '| ---: |'
        foreach ($name in ($StageNames | Select-Object -First $available)) { $header += " $name s |"; $rule += ' ---: |' }
        $header += ' Total s | Lines/s | First run s | Out | Peak MB (VmHWM) | GC gen0/1/2 | Allocated MB |'
        $rule += ' ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
        $md.Add($header)
        $md.Add($rule)
        foreach ($r in $rows) {
            $h = $r.Hunt
            $line = "| $(Format-Number $r.Lines) |"
            $previous = 0.0
            foreach ($s in $h.Seconds) { $line += " $(Format-Number ([Math]::Max(0.0, [double]$s - $previous)) 'N2') |"; $previous = [double]$s }
            $total = [double]$h.Seconds[-1]
            $line += " $(Format-Number $total 'N2') | $(Format-Number ($r.Lines / [Math]::Max($total, 1e-9))) | $(Format-Number ([double]$h.FirstSeconds) 'N2') | $(Format-Number $h.Events[-1]) | $(Format-Number $h.PeakMB) | $($h.Gen0)/$($h.Gen1)/$($h.Gen2) | $(Format-Number $h.AllocatedMB) |"
            $md.Add($line)
        }
        $md.Add('')
        $md.Add('Stage seconds are differences of the best times of successive prefixes (each prefix is run over the whole file), so a stage''s figure includes the pipeline overhead it adds; Total is the best time of the whole hunt. First run is the whole hunt''s first run over the file in that pwsh (after the warm-up), before the runtime has tuned the code on this file''s volume.')
    }

    $md.Add('')
    $md.Add('### Peak memory (VmHWM of the measuring pwsh, MB)')
    $md.Add('')
    $md.Add('| Lines | Get-B64Command alone | Streaming stages (Get-B64Command to Find-B64Ioc) | Streaming s | Whole hunt (Measure-B64Score keeps every event) |')
    $md.Add('| ---: | ---: | ---: | ---: | ---: |')
    foreach ($r in $rows) {
        $streamPeak = if ($r.Streaming) { Format-Number $r.Streaming.PeakMB } else { 'n/a' }
        $streamSeconds = if ($r.Streaming) { Format-Number ([double]$r.Streaming.Seconds[-1]) 'N2' } else { 'n/a' }
        $huntPeak = if ($r.Hunt) { Format-Number $r.Hunt.PeakMB } else { 'n/a' }
        $md.Add("| $(Format-Number $r.Lines) | $(Format-Number $r.Alone.PeakMB) | $streamPeak | $streamSeconds | $huntPeak |")
    }

    # Targets (issue 2 and issue 8), read off the 1,000,000-line row when there is one.
    $md.Add('')
    $md.Add('### Targets')
    $md.Add('')
    $million = $rows | Where-Object Lines -eq 1000000 | Select-Object -First 1
    if (-not $million) { $million = $rows | Sort-Object Lines | Select-Object -Last 1 }
    $mark = { param([bool] $ok) if ($ok) { 'met' } else { '**missed**' } }
    $aloneRate = $million.Lines / [Math]::Max([double]$million.Alone.Seconds[0], 1e-9)
    $md.Add("- Get-B64Command at least 500,000 lines/s ($(Format-Number $million.Lines) lines): $(Format-Number $aloneRate) lines/s, $(& $mark ($aloneRate -ge 500000))")
    $peaks = @($rows | ForEach-Object { [double]$_.Alone.PeakMB })
    $md.Add("- Get-B64Command peak memory under 250 MB and flat in file size: $(($peaks | ForEach-Object { Format-Number $_ }) -join ' / ') MB, $(& $mark ((($peaks | Measure-Object -Maximum).Maximum -lt 250) -and (($peaks | Measure-Object -Maximum).Maximum - ($peaks | Measure-Object -Minimum).Minimum -lt 50)))")
    if ($available -gt 1) {
        $total = [double]$million.Hunt.Seconds[-1]
        $md.Add("- Local hunt ($available of 5 stages) on $(Format-Number $million.Lines) lines under 2 s: $(Format-Number $total 'N2') s, $(& $mark ($total -lt 2))")
        $first = [double]$million.Hunt.FirstSeconds
        $md.Add("- The same, first run after the warm-up: $(Format-Number $first 'N2') s, $(& $mark ($first -lt 2))")
        if ($available -ge 3) {
            $enrichment = [Math]::Max(0.0, [double]$million.Hunt.Seconds[2] - [double]$million.Hunt.Seconds[0])
            $md.Add("- Add-B64Category + Add-GtfoBinsTag add under 0.5 s to the $(Format-Number $million.Lines)-line run: $(Format-Number $enrichment 'N2') s, $(& $mark ($enrichment -lt 0.5))")
        }
        $huntPeaks = @($rows | ForEach-Object { [double]$_.Hunt.PeakMB })
        $md.Add("- Hunt peak memory under 400 MB: $(($huntPeaks | ForEach-Object { Format-Number $_ }) -join ' / ') MB, $(& $mark (($huntPeaks | Measure-Object -Maximum).Maximum -lt 400))")
    }
    if ($available -ge 4) {
        $streamPeaks = @($rows | ForEach-Object { [double]$_.Streaming.PeakMB })
        $md.Add("- Streaming stages' peak memory under 400 MB and flat in file size: $(($streamPeaks | ForEach-Object { Format-Number $_ }) -join ' / ') MB, $(& $mark ((($streamPeaks | Measure-Object -Maximum).Maximum -lt 400) -and (($streamPeaks | Measure-Object -Maximum).Maximum - ($streamPeaks | Measure-Object -Minimum).Minimum -lt 50)))")
    }
    $md.Add("- Import-Module under 300 ms: $(Format-Number $importMedian) ms, $(& $mark ($importMedian -lt 300))")
}

if ($Bdn) {
    Write-Host "Running BenchmarkDotNet ($BdnFilter)"
    $artifacts = Join-Path $WorkDirectory 'bdn'
    # A short job (3 warm-up and 3 measured iterations) in this process's toolchain: enough for the README's
    # orders of magnitude in a few minutes; run `bdn <filter>` without --job for publication-grade figures.
    if (Test-Path $artifacts) { Remove-Item -Recurse -Force $artifacts }
    $env:B64HUNT_DATA = Join-Path $Root 'module/data'
    & dotnet run --project $generator -c Release --no-build -- bdn $BdnFilter --job short --inProcess --artifacts $artifacts | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'BenchmarkDotNet failed.' }
    if (-not (Get-ChildItem (Join-Path $artifacts 'results') -Filter '*-report-github.md' -ErrorAction Ignore)) { throw "BenchmarkDotNet ran no benchmark matching '$BdnFilter'." }
    $md.Add('')
    $md.Add('## BenchmarkDotNet (engine hot paths)')
    $md.Add('')
    $md.Add("``dotnet run -c Release --project tests/B64Hunt.Benchmarks -- bdn $BdnFilter --job short --inProcess`` (ShortRun: 3 warm-up and 3 measured iterations; load average after: $(Get-LoadAverage)). Per-event and per-command rows are per operation.")
    foreach ($report in Get-ChildItem (Join-Path $artifacts 'results') -Filter '*-report-github.md' -ErrorAction Ignore | Sort-Object Name) {
        $md.Add('')
        $md.Add("### $($report.BaseName -replace '-report-github$', '')")
        $md.Add('')
        foreach ($line in Get-Content $report.FullName) { $md.Add($line) }
    }
}

$resultsFile = Join-Path $WorkDirectory 'results.md'
$md | Set-Content -LiteralPath $resultsFile -Encoding utf8NoBOM
Write-Host ''
$md | ForEach-Object { Write-Host $_ }
Write-Host ''
Write-Host "Results: $resultsFile"
if ($available -eq 0) {
    Write-Error 'Get-B64Command is not exported by the module; the benchmark measured only Import-Module.' -ErrorAction Continue
    exit 1
}
