<#
.SYNOPSIS
    Benchmarks B64Hunt on generated AUOMS syslog files beside grep, a plain C# line scan and the notebook's logic in
    pandas, and writes out/bench/results.md.
.DESCRIPTION
    Called by `build.ps1 bench` after the module is staged. Each row is a file: a number of lines, a number of distinct
    payload command lines (or all distinct) and a payload density, generated once by tests/B64Hunt.Benchmarks
    (`realistic`: a 400-host fleet whose droppers embed host ids and miners wallets, twice as many lines mentioning
    base64 without a payload as lines carrying one) and cached by its parameters and the generator's source. The
    "flattering" row is the older generator (`generate`: about 40 payload commands at 2% of lines, which the decode
    memo and every stage's cache answer almost entirely).

    For each row, each in a fresh pwsh:
      - Get-B64Command -Path alone, and the whole hunt Get | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc |
        Measure-B64Score: FIRST RUN (Import-Module, then the command once) and WARM (best of -Runs more runs in the
        same process), with GC pause share ([GC]::GetTotalPauseDuration() delta / wall time), allocated bytes and
        peak memory (VmHWM); the hunt process then times each prefix of the hunt, so a stage's seconds are the
        difference of successive prefixes;
      - baselines on the same file: `LC_ALL=C grep -c base64` and `B64Hunt.Benchmarks scan` (split lines, search
        "base64"), best of -Runs;
      - tests/bench/notebook_pandas.py when -Python has pandas: the whole python process (first run) and its
        in-process logic (warm: everything after `import pandas`), best of -Runs (at most 3).
.EXAMPLE
    dotnet pwsh ./build.ps1 bench -Matrix Quick
.EXAMPLE
    dotnet pwsh tests/bench.ps1 -ModulePath out/B64Hunt -WorkDirectory out/bench -Lines 1000000 -Distinct 3000,all -Density 0.08
#>
[CmdletBinding(DefaultParameterSetName = 'Run')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Run')]
    [Parameter(Mandatory, ParameterSetName = 'Measure')]
    [Parameter(Mandatory, ParameterSetName = 'Import')]
    [string] $ModulePath,

    [Parameter(Mandatory, ParameterSetName = 'Run')]
    [string] $WorkDirectory,

    # A preset list of rows: Quick (100k lines, 8%, 3,000 distinct) or Realistic (issue 16's rows and the flattering
    # one); Custom takes the cross product of -Lines, -Distinct and -Density.
    [Parameter(ParameterSetName = 'Run')]
    [ValidateSet('Quick', 'Realistic', 'Custom')]
    [string] $Matrix = 'Custom',

    [Parameter(ParameterSetName = 'Run')]
    [ValidateRange(1000L, 50000000L)]
    [long[]] $Lines = @(100000),

    # Distinct payload command lines per file: a count, or 'all' (every payload line different).
    [Parameter(ParameterSetName = 'Run')]
    [string[]] $Distinct = @('3000'),

    # Share of lines that carry a payload (at most 1/3: each comes with two lines that only mention base64).
    [Parameter(ParameterSetName = 'Run')]
    [double[]] $Density = @(0.08),

    # Also measure the flattering file (the older generator: about 40 payload commands at 2%) at each -Lines.
    [Parameter(ParameterSetName = 'Run')]
    [switch] $Flattering,

    # Warm runs per measurement (the best is kept; the first run after Import-Module is reported apart).
    [Parameter(ParameterSetName = 'Run')]
    [Parameter(Mandatory, ParameterSetName = 'Measure')]
    [ValidateRange(1, 20)]
    [int] $Runs = 5,

    # A python with pandas for the notebook column ('' skips it, with a note in the results).
    [Parameter(ParameterSetName = 'Run')]
    [string] $Python = '',

    # The pandas column is skipped above this many lines (it keeps the whole file in memory: 1.4 GB at 1M lines).
    [Parameter(ParameterSetName = 'Run')]
    [long] $PandasMaxLines = 1000000,

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
    [int] $Stages,

    # Internal: also time each shorter prefix of the hunt (for per-stage seconds).
    [Parameter(ParameterSetName = 'Measure')]
    [switch] $Prefixes,

    # Internal: read with Get-B64Command -Summarize (one event per command line, host and account).
    [Parameter(ParameterSetName = 'Measure')]
    [switch] $Summarize,

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

function Get-PeakMemoryMB {
    # VmHWM is the peak resident set of this process (kB in /proc/self/status).
    if (Test-Path /proc/self/status) {
        foreach ($line in [IO.File]::ReadAllLines('/proc/self/status')) {
            if ($line -match '^VmHWM:\s+(\d+) kB') { return [double]$Matches[1] / 1024 }
        }
    }
    return [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
}

function New-HuntPipeline([int] $Count, [switch] $Summarize) {
    # Measure-Object counts what comes out without keeping it; -ErrorAction Ignore keeps skipped lines out of $Error.
    $text = '(Get-B64Command -Path $args[0] -ErrorAction Ignore' + $(if ($Summarize) { ' -Summarize' } else { '' })
    for ($i = 1; $i -lt $Count; $i++) { $text += " | $($StageNames[$i])" }
    $text += ' | Measure-Object).Count'
    return [scriptblock]::Create($text)
}

function Measure-Pass([scriptblock] $Pipeline, [string] $File) {
    # One run: wall seconds, output count, GC pause and allocation deltas over it.
    $pause = [GC]::GetTotalPauseDuration()
    $allocated = [GC]::GetTotalAllocatedBytes($false)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $count = & $Pipeline $File
    $watch.Stop()
    return [pscustomobject]@{
        Seconds = $watch.Elapsed.TotalSeconds
        Count = [long]$count
        PauseSeconds = ([GC]::GetTotalPauseDuration() - $pause).TotalSeconds
        AllocatedMB = ([GC]::GetTotalAllocatedBytes($false) - $allocated) / 1MB
    }
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
    # FIRST RUN: this pwsh has loaded nothing of B64Hunt; Import-Module and one run are timed apart and together.
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Import-Module $ModulePath
    $importSeconds = $watch.Elapsed.TotalSeconds
    $pipelines = @(1..$Stages | ForEach-Object { New-HuntPipeline $_ -Summarize:$Summarize })
    $first = Measure-Pass $pipelines[-1] $MeasureFile
    # The runtime compiles hot methods again in the background (tier 1): let it finish before the warm runs.
    Start-Sleep -Milliseconds 1000
    # WARM: the same pipeline over the same file, -Runs times; the best run is kept, GC figures are over all of them.
    $warm = @(for ($r = 0; $r -lt $Runs; $r++) { Measure-Pass $pipelines[-1] $MeasureFile })
    $best = $warm | Sort-Object Seconds | Select-Object -First 1
    $wall = ($warm | Measure-Object Seconds -Sum).Sum
    $result = [ordered]@{
        Stages = $Stages
        ImportSeconds = $importSeconds
        FirstSeconds = $first.Seconds
        FirstGcShare = $first.PauseSeconds / [Math]::Max($first.Seconds, 1e-9)
        FirstAllocatedMB = $first.AllocatedMB
        WarmSeconds = $best.Seconds
        WarmRuns = @($warm | ForEach-Object Seconds)
        GcShare = ($warm | Measure-Object PauseSeconds -Sum).Sum / [Math]::Max($wall, 1e-9)
        AllocatedMB = ($warm | Measure-Object AllocatedMB -Average).Average
        Out = $best.Count
        PeakMB = Get-PeakMemoryMB
        ServerGC = [Runtime.GCSettings]::IsServerGC
        PrefixSeconds = @()
        PrefixOut = @()
    }
    if ($Prefixes -and $Stages -gt 1) {
        # Shorter prefixes after the whole hunt (so the peak above is the hunt's), each warmed once, then best of -Runs.
        $seconds = @(); $counts = @()
        for ($k = 0; $k -lt $Stages - 1; $k++) {
            $null = Measure-Pass $pipelines[$k] $MeasureFile
            $runsK = @(for ($r = 0; $r -lt $Runs; $r++) { Measure-Pass $pipelines[$k] $MeasureFile })
            $seconds += ($runsK | Measure-Object Seconds -Minimum).Minimum
            $counts += $runsK[0].Count
        }
        $result.PrefixSeconds = @($seconds + $best.Seconds)
        $result.PrefixOut = @($counts + $best.Count)
    }
    if ($Stages -eq 1) {
        # Not timed: what the file holds, as Get-B64Command sees it.
        $seenLines = [Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
        $decoded = [Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
        $hosts = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        Get-B64Command -Path $MeasureFile -ErrorAction Ignore | ForEach-Object {
            [void]$seenLines.Add($_.CommandLine); [void]$decoded.Add($_.DecodedCommand); [void]$hosts.Add($_.Computer)
        }
        $result.DistinctCommandLines = $seenLines.Count
        $result.DistinctDecoded = $decoded.Count
        $result.Hosts = $hosts.Count
    }
    $result | ConvertTo-Json -Depth 3 | Set-Content -LiteralPath $ResultFile
    return
}

# ---------------------------------------------------------------- the run

$Root = Split-Path $PSScriptRoot -Parent
$ModulePath = (Resolve-Path $ModulePath).Path
$null = New-Item -ItemType Directory -Path $WorkDirectory -Force
$WorkDirectory = (Resolve-Path $WorkDirectory).Path
$generator = Join-Path $PSScriptRoot 'B64Hunt.Benchmarks/B64Hunt.Benchmarks.csproj'
$generatorDll = Join-Path $PSScriptRoot 'B64Hunt.Benchmarks/bin/Release/net10.0/B64Hunt.Benchmarks.dll'
$pandasScript = Join-Path $PSScriptRoot 'bench/notebook_pandas.py'
$self = $PSCommandPath
$inv = [Globalization.CultureInfo]::InvariantCulture

# A child pwsh like this one: `dotnet pwsh` runs pwsh.dll under the dotnet host.
$pwshHost = [Environment]::ProcessPath
$pwshPrefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($pwshHost) -eq 'dotnet') { $pwshPrefix = @(Join-Path $PSHOME 'pwsh.dll') }

function Invoke-ChildPwsh([string[]] $Arguments) {
    & $pwshHost @pwshPrefix -NoProfile -NonInteractive -File $self @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "The measuring pwsh failed (exit $LASTEXITCODE): $($Arguments -join ' ')" }
}

function Format-Number([double] $Value, [string] $Format = 'N0') { $Value.ToString($Format, $inv) }
function Format-Ratio([double] $Value) { if ([double]::IsNaN($Value) -or [double]::IsInfinity($Value)) { 'n/a' } else { $Value.ToString('N1', $inv) + 'x' } }
function Get-LoadAverage { if (Test-Path /proc/loadavg) { ((Get-Content -Raw /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' } }
function Format-Mark([bool] $Ok) { if ($Ok) { 'pass' } else { '**FAIL**' } }

# ---- the rows

function New-Row([long] $Count, [string] $DistinctText, [double] $Share, [switch] $Flatter) {
    $d = if ($Flatter) { 'flattering' } elseif ($DistinctText -eq 'all') { 'all' } else { [string][long]$DistinctText }
    $share = if ($Flatter) { 0.02 } else { $Share }
    $label = if ($Flatter) { "$(Format-Number $Count) lines, flattering (older generator: ~40 payload commands, 2%)" }
             else { "$(Format-Number $Count) lines, $(if ($d -eq 'all') { 'all' } else { Format-Number ([long]$d) }) distinct, $(Format-Number ($share * 100) 'G3')%" }
    [pscustomobject]@{ Lines = $Count; Distinct = $d; Density = $share; Label = $label; Flattering = [bool]$Flatter }
}

$rows = [Collections.Generic.List[object]]::new()
switch ($Matrix) {
    'Quick' { $rows.Add((New-Row 100000 '3000' 0.08)) }
    'Realistic' {
        $rows.Add((New-Row 1000000 '3000' 0.08))                                  # the issue's headline file
        foreach ($n in 100000, 5000000) { $rows.Add((New-Row $n '3000' 0.08)) }  # scaling in lines
        foreach ($d in '40', '30000', 'all') { $rows.Add((New-Row 1000000 $d 0.08)) }   # scaling in distinct payloads
        foreach ($s in 0.005, 0.02, 0.20) { $rows.Add((New-Row 1000000 '3000' $s)) }   # scaling in density
        $rows.Add((New-Row 1000000 '' 0 -Flatter))
    }
    'Custom' {
        foreach ($n in $Lines) {
            foreach ($d in $Distinct) {
                if ($d -ne 'all' -and $d -notmatch '^\d+$') { throw "-Distinct takes counts or 'all', not '$d'." }
                foreach ($s in $Density) { $rows.Add((New-Row $n $d $s)) }
            }
            if ($Flattering) { $rows.Add((New-Row $n '' 0 -Flatter)) }
        }
    }
}

Write-Host "Building the generator ($generator)"
& dotnet build $generator -c Release --nologo -v quiet
if ($LASTEXITCODE -ne 0) { throw 'Building tests/B64Hunt.Benchmarks failed.' }

# The files are cached by their parameters and the generator's source: regenerated only when one of them changes.
$sourceKey = (Get-ChildItem (Join-Path $PSScriptRoot 'B64Hunt.Benchmarks/SampleGenerator') -Filter *.cs | Sort-Object Name |
    ForEach-Object { (Get-FileHash $_.FullName -Algorithm SHA256).Hash }) -join ''

function Get-BenchFile($Row) {
    $name = if ($Row.Flattering) { "flattering-$($Row.Lines).log" } else { "realistic-$($Row.Lines)-$($Row.Distinct)-$($Row.Density.ToString('0.###', $inv)).log" }
    $file = Join-Path $WorkDirectory $name
    $key = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes("$sourceKey|$name"))).Substring(0, 16)
    $stamp = "$file.key"
    if ((Test-Path $file) -and (Test-Path $stamp) -and (Get-Content -Raw $stamp).Trim() -eq $key) {
        Write-Host "Using cached $file"
        return $file
    }
    # About 1 KB a line: refuse to fill the disk.
    $free = [IO.DriveInfo]::new($WorkDirectory).AvailableFreeSpace
    if ($free -lt $Row.Lines * 1100 + 2GB) { throw "Not enough free disk for $($Row.Lines) lines in $WorkDirectory ($([Math]::Round($free / 1GB, 1)) GB free)." }
    Write-Host "Generating $($Row.Label) into $file"
    if ($Row.Flattering) {
        & dotnet $generatorDll generate --lines $Row.Lines --out $file --payload-ratio 0.02 | Out-Host
    } else {
        & dotnet $generatorDll realistic --lines $Row.Lines --distinct $Row.Distinct --density $Row.Density.ToString($inv) --out $file | Out-Host
    }
    if ($LASTEXITCODE -ne 0) { throw "Generating $file failed." }
    Set-Content -LiteralPath $stamp -Value $key
    return $file
}

function Measure-Native([string] $Command, [string[]] $Arguments, [hashtable] $Environment = @{}) {
    # Best wall time of -Runs runs of a native command (after one unmeasured run that brings the file into the page cache).
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $output = & $Command @Arguments
        $best = [double]::MaxValue
        for ($r = 0; $r -lt $Runs; $r++) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $output = & $Command @Arguments
            $watch.Stop()
            $best = [Math]::Min($best, $watch.Elapsed.TotalSeconds)
        }
        return [pscustomobject]@{ Seconds = $best; Output = ($output -join "`n") }
    } finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

function Measure-Pandas([string] $File) {
    # First run: the whole python process (interpreter, import pandas, the logic); warm: the logic alone.
    # Python compiles nothing at run time: three runs are enough for its best.
    $best = [double]::MaxValue; $logic = [double]::MaxValue; $peak = 0.0; $report = $null
    for ($r = 0; $r -lt [Math]::Min($Runs, 3); $r++) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $json = & $Python $pandasScript $File
        $watch.Stop()
        if ($LASTEXITCODE -ne 0) { throw "notebook_pandas.py failed on $File (exit $LASTEXITCODE)." }
        $report = $json | ConvertFrom-Json
        $best = [Math]::Min($best, $watch.Elapsed.TotalSeconds)
        $logic = [Math]::Min($logic, [double]$report.logic_seconds)
        $peak = [Math]::Max($peak, [double]$report.peak_mb)
    }
    return [pscustomobject]@{ ProcessSeconds = $best; LogicSeconds = $logic; PeakMB = $peak; Events = [long]$report.events; Report = $report }
}

$pandasNote = $null
if (-not $Python) { $pandasNote = 'no python with pandas was given (build.ps1 bench looks for one and installs pandas when it can): the pandas column is skipped.' }
elseif (-not (Get-Command $Python -ErrorAction Ignore)) { $pandasNote = "python '$Python' not found: the pandas column is skipped."; $Python = '' }
else {
    & $Python -c 'import pandas' 2>$null
    if ($LASTEXITCODE -ne 0) { $pandasNote = "'$Python' has no pandas: the pandas column is skipped."; $Python = '' }
}
if ($pandasNote) { Write-Warning $pandasNote }

$loadBefore = Get-LoadAverage
$uptimeBefore = (& uptime 2>$null) -join ' '

foreach ($row in $rows) { $row | Add-Member -NotePropertyName File -NotePropertyValue (Get-BenchFile $row) }

# Import-Module in a cold pwsh: the time inside the process, median of the runs.
$importMs = @()
for ($i = 0; $i -lt $ImportRuns; $i++) {
    $out = Join-Path $WorkDirectory "import-$i.json"
    Invoke-ChildPwsh @('-ModulePath', $ModulePath, '-ImportOnly', '-ResultFile', $out)
    $importMs += (Get-Content -Raw $out | ConvertFrom-Json).ImportMs
}
$importSorted = @($importMs | Sort-Object)
$importMedian = $importSorted[[int][Math]::Floor($importSorted.Count / 2)]

foreach ($row in $rows) {
    $file = $row.File
    $tag = [IO.Path]::GetFileNameWithoutExtension($file)
    $row | Add-Member -NotePropertyName SizeMB -NotePropertyValue ((Get-Item $file).Length / 1MB)
    $summaryFile = "$file.summary.json"
    $row | Add-Member -NotePropertyName Summary -NotePropertyValue $(if (Test-Path $summaryFile) { Get-Content -Raw $summaryFile | ConvertFrom-Json } else { $null })

    Write-Host "[$($row.Label)] grep and the C# line scan"
    $grep = Measure-Native 'grep' @('-c', 'base64', $file) @{ LC_ALL = 'C' }
    $scan = (& dotnet $generatorDll scan --file $file --runs $Runs) | ConvertFrom-Json
    $row | Add-Member -NotePropertyName Grep -NotePropertyValue ([pscustomobject]@{ Seconds = $grep.Seconds; Matches = [long]$grep.Output.Trim() })
    $row | Add-Member -NotePropertyName Scan -NotePropertyValue $scan

    Write-Host "[$($row.Label)] Get-B64Command alone"
    $aloneFile = Join-Path $WorkDirectory "measure-$tag-get.json"
    Invoke-ChildPwsh @('-ModulePath', $ModulePath, '-MeasureFile', $file, '-Stages', '1', '-Runs', "$Runs", '-ResultFile', $aloneFile)
    $row | Add-Member -NotePropertyName Get -NotePropertyValue (Get-Content -Raw $aloneFile | ConvertFrom-Json)

    Write-Host "[$($row.Label)] the whole hunt and its prefixes"
    $huntFile = Join-Path $WorkDirectory "measure-$tag-hunt.json"
    Invoke-ChildPwsh @('-ModulePath', $ModulePath, '-MeasureFile', $file, '-Stages', "$($StageNames.Count)", '-Runs', "$Runs", '-Prefixes', '-ResultFile', $huntFile)
    $row | Add-Member -NotePropertyName Hunt -NotePropertyValue (Get-Content -Raw $huntFile | ConvertFrom-Json)

    Write-Host "[$($row.Label)] the whole hunt read with Get-B64Command -Summarize"
    $summarizedFile = Join-Path $WorkDirectory "measure-$tag-summarized.json"
    Invoke-ChildPwsh @('-ModulePath', $ModulePath, '-MeasureFile', $file, '-Stages', "$($StageNames.Count)", '-Runs', "$Runs", '-Summarize', '-ResultFile', $summarizedFile)
    $row | Add-Member -NotePropertyName Summarized -NotePropertyValue (Get-Content -Raw $summarizedFile | ConvertFrom-Json)

    $pandas = $null
    if ($Python -and $row.Lines -le $PandasMaxLines) {
        Write-Host "[$($row.Label)] the notebook's logic in pandas"
        $pandas = Measure-Pandas $file
    }
    $row | Add-Member -NotePropertyName Pandas -NotePropertyValue $pandas
}

# What a distinct command costs each stage the first time (the realistic rows are dominated by it).
Write-Host 'First-sight cost of a distinct command (B64Hunt.Benchmarks first-sight)'
$firstSight = (& dotnet $generatorDll first-sight --commands 3000) | ConvertFrom-Json
if ($LASTEXITCODE -ne 0) { throw 'B64Hunt.Benchmarks first-sight failed.' }

$loadAfter = Get-LoadAverage

# ---------------------------------------------------------------- report

$cpu = (Get-Content /proc/cpuinfo -ErrorAction Ignore | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$commit = (& git -C $Root rev-parse --short HEAD 2>$null) -join ''
$md = [Collections.Generic.List[string]]::new()
$md.Add('# B64Hunt benchmark')
$md.Add('')
$md.Add("$([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $inv)) UTC; $([Environment]::ProcessorCount) cores ($cpu); PowerShell $($PSVersionTable.PSVersion); .NET $([Environment]::Version); commit $commit; module $ModulePath.")
$md.Add("Matrix: $Matrix; $Runs warm runs per measurement (best kept). Load average (1/5/15 min) before: $loadBefore; after: $loadAfter. ``uptime`` before: $($uptimeBefore.Trim()). The machine is shared: figures are noisier when it is loaded.")
$md.Add('')
$md.Add('Rows: realistic files come from `B64Hunt.Benchmarks realistic` (400 hosts, two weeks; droppers embed host ids, miners wallets, so distinct decoded commands grow with the fleet; for every payload line, two lines mention base64 without carrying one). The **flattering** row is the older `generate` file: about 40 payload commands at 2% of lines, answered almost entirely by the decode memo and the stages'' caches.')
$md.Add('')
$md.Add("**Import-Module B64Hunt** (cold pwsh, median of $ImportRuns): $(Format-Number $importMedian) ms (runs: $(($importMs | ForEach-Object { Format-Number $_ }) -join ', ') ms).")
if ($pandasNote) { $md.Add(''); $md.Add("Pandas: $pandasNote") }
elseif ($rows | Where-Object { -not $_.Pandas }) { $md.Add(''); $md.Add("Pandas: rows over $(Format-Number $PandasMaxLines) lines are not run in pandas (-PandasMaxLines; it holds the whole file in memory).") }

$md.Add('')
$md.Add('### The files')
$md.Add('')
$md.Add('| Row | File MiB | Payload lines (generator) | Distinct payload lines (generator / Get-B64Command) | Distinct decoded | Hosts with payloads | Lines with "base64" (grep) |')
$md.Add('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
foreach ($r in $rows) {
    $s = $r.Summary
    $gen = if ($s) { "$(Format-Number $s.PayloadLines)" } else { 'n/a' }
    $genDistinct = if ($s) { Format-Number $s.DistinctPayloads } else { 'n/a' }
    $md.Add("| $($r.Label) | $(Format-Number $r.SizeMB) | $gen | $genDistinct / $(Format-Number $r.Get.DistinctCommandLines) | $(Format-Number $r.Get.DistinctDecoded) | $(Format-Number $r.Get.Hosts) | $(Format-Number $r.Grep.Matches) |")
}

$md.Add('')
$md.Add('### Get-B64Command -Path alone, beside grep and a plain C# line scan')
$md.Add('')
$md.Add('| Row | Events | `LC_ALL=C grep -c base64` s | C# line scan s | First run s (Import + Get) | Warm s | µs a line | Get / grep | Get / C# scan | GC pause | Allocated MB a run | Peak MB |')
$md.Add('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
foreach ($r in $rows) {
    $g = $r.Get
    $firstTotal = [double]$g.ImportSeconds + [double]$g.FirstSeconds
    $md.Add("| $($r.Label) | $(Format-Number $g.Out) | $(Format-Number $r.Grep.Seconds 'N3') | $(Format-Number $r.Scan.BestSeconds 'N3') | $(Format-Number $firstTotal 'N2') ($(Format-Number $g.ImportSeconds 'N2') + $(Format-Number $g.FirstSeconds 'N2')) | $(Format-Number $g.WarmSeconds 'N2') | $(Format-Number ($g.WarmSeconds * 1e6 / $r.Lines) 'N2') | $(Format-Ratio ($g.WarmSeconds / $r.Grep.Seconds)) | $(Format-Ratio ($g.WarmSeconds / $r.Scan.BestSeconds)) | $(Format-Number ($g.GcShare * 100) 'N1')% | $(Format-Number $g.AllocatedMB) | $(Format-Number $g.PeakMB) |")
}

$md.Add('')
$md.Add("### The whole hunt: $($StageNames -join ' | ')")
$md.Add('')
$header = '| Row | First run s (Import + hunt) | Warm s |'
$rule = '| --- | ---: | ---: |'
foreach ($name in $StageNames) { $header += " $name s |"; $rule += ' ---: |' }
$header += ' µs an event | Scores out | GC pause (first / warm) | Allocated MB a run | Peak MB |'
$rule += ' ---: | ---: | ---: | ---: | ---: |'
$md.Add($header)
$md.Add($rule)
foreach ($r in $rows) {
    $h = $r.Hunt
    $firstTotal = [double]$h.ImportSeconds + [double]$h.FirstSeconds
    $line = "| $($r.Label) | $(Format-Number $firstTotal 'N2') ($(Format-Number $h.ImportSeconds 'N2') + $(Format-Number $h.FirstSeconds 'N2')) | $(Format-Number $h.WarmSeconds 'N2') |"
    $previous = 0.0
    foreach ($s in @($h.PrefixSeconds)) { $line += " $(Format-Number ([Math]::Max(0.0, [double]$s - $previous)) 'N2') |"; $previous = [double]$s }
    $events = [Math]::Max([double]$r.Get.Out, 1)
    $line += " $(Format-Number ($h.WarmSeconds * 1e6 / $events) 'N1') | $(Format-Number $h.Out) | $(Format-Number ($h.FirstGcShare * 100) 'N1')% / $(Format-Number ($h.GcShare * 100) 'N1')% | $(Format-Number $h.AllocatedMB) | $(Format-Number $h.PeakMB) |"
    $md.Add($line)
}
$md.Add('')
$md.Add('First run: a new pwsh, `Import-Module`, then the hunt once over the file (nothing warmed). Warm: the best of the next runs in the same pwsh. Stage seconds are differences of the warm best times of successive prefixes (each prefix runs over the whole file), so a stage''s figure includes the pipeline overhead it adds. µs an event: warm hunt seconds over Get-B64Command''s events. GC pause: `[GC]::GetTotalPauseDuration()` over the runs / their wall time. Peak: VmHWM of the measuring pwsh.')

$md.Add('')
$md.Add('### The whole hunt read with Get-B64Command -Summarize')
$md.Add('')
$md.Add('| Row | First run s (Import + hunt) | Warm s | against the plain read (warm) | Scores out | GC pause (first / warm) | Allocated MB a run | Peak MB |')
$md.Add('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
foreach ($r in $rows) {
    $h = $r.Summarized
    $firstTotal = [double]$h.ImportSeconds + [double]$h.FirstSeconds
    $same = if ($h.Out -eq $r.Hunt.Out) { '' } else { ' (**differs**)' }
    $md.Add("| $($r.Label) | $(Format-Number $firstTotal 'N2') ($(Format-Number $h.ImportSeconds 'N2') + $(Format-Number $h.FirstSeconds 'N2')) | $(Format-Number $h.WarmSeconds 'N2') | $(Format-Ratio ($r.Hunt.WarmSeconds / [Math]::Max([double]$h.WarmSeconds, 1e-9))) faster | $(Format-Number $h.Out)$same | $(Format-Number ($h.FirstGcShare * 100) 'N1')% / $(Format-Number ($h.GcShare * 100) 'N1')% | $(Format-Number $h.AllocatedMB) | $(Format-Number $h.PeakMB) |")
}
$md.Add('')
$md.Add('-Summarize gives one event per command line, host and account with every run''s time (the same scores, ranks and timeline as the plain read: tests/pester/Summarize.Tests.ps1); Scores out must equal the plain hunt''s.')

$md.Add('')
$md.Add('### The notebook''s logic in pandas (tests/bench/notebook_pandas.py)')
$md.Add('')
$md.Add('| Row | pandas events (Get-B64Command events) | Whole process s (first run) | Logic s (warm) | Peak MB | pandas logic / B64Hunt first run (goal 15x) | pandas logic / B64Hunt warm (goal 30x) | process / process-equivalent |')
$md.Add('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
foreach ($r in $rows) {
    $p = $r.Pandas
    if (-not $p) { $md.Add("| $($r.Label) | not run | | | | | | |"); continue }
    $h = $r.Hunt
    $firstTotal = [double]$h.ImportSeconds + [double]$h.FirstSeconds
    $same = if ($p.Events -eq [long]$r.Get.Out) { 'same' } else { '**differs**' }
    $firstRatio = $p.LogicSeconds / $firstTotal
    $warmRatio = $p.LogicSeconds / [double]$h.WarmSeconds
    $md.Add("| $($r.Label) | $(Format-Number $p.Events) ($(Format-Number $r.Get.Out), $same) | $(Format-Number $p.ProcessSeconds 'N2') | $(Format-Number $p.LogicSeconds 'N2') | $(Format-Number $p.PeakMB) | $(Format-Ratio $firstRatio) $(Format-Mark ($firstRatio -ge 15)) | $(Format-Ratio $warmRatio) $(Format-Mark ($warmRatio -ge 30)) | $(Format-Ratio ($p.ProcessSeconds / $firstTotal)) |")
}
$md.Add('')
$md.Add('The goals compare the pandas logic (everything after `import pandas`, the file read included) with B64Hunt''s in-process hunt, as issue 16 states them; "process / process-equivalent" divides the whole python process by B64Hunt''s Import-Module + first hunt (pwsh''s own start-up, about as long as python''s, is in neither).')

$md.Add('')
$md.Add("Pandas decodes base64 only (the notebook's regex and ``b64decode``): on the flattering file, whose payloads include gzip, hex, url-safe and nested forms, it finds fewer events than Get-B64Command; the realistic files hold only forms both decode.")

$md.Add('')
$md.Add('### First sight: what one distinct command costs (µs, engine alone, no PowerShell)')
$md.Add('')
$md.Add("``B64Hunt.Benchmarks first-sight --commands $($firstSight.Commands)``: $(Format-Number $firstSight.Commands) different realistic payloads, each seen once by a fresh decoder, classifier, tagger and IoC scan (after a warm-up on 2,000 others), so no memo or cache answers.")
$md.Add('')
$md.Add('| Decode the command line | Classify (Add-B64Category) | Tag (Add-GtfoBinsTag) | IoC scan (Find-B64Ioc) |')
$md.Add('| ---: | ---: | ---: | ---: |')
$md.Add("| $(Format-Number $firstSight.DecodeMicros 'N1') | $(Format-Number $firstSight.ClassifyMicros 'N1') | $(Format-Number $firstSight.TagMicros 'N1') | $(Format-Number $firstSight.IocMicros 'N1') |")

# ---- goals (issue 16), each on the rows it speaks of
$md.Add('')
$md.Add('### Goals (issue 16)')
$md.Add('')
$realistic = @($rows | Where-Object { -not $_.Flattering })
$headline = $realistic | Where-Object { $_.Lines -eq 1000000 -and $_.Distinct -eq '3000' -and $_.Density -eq 0.08 } | Select-Object -First 1
$basis = if ($headline) { $headline } else { $realistic | Sort-Object Lines -Descending | Select-Object -First 1 }
if ($basis) {
    $note = if ($headline) { '' } else { " (measured on $($basis.Label); the goal is stated for 1,000,000 lines, 3,000 distinct, 8%)" }
    $h = $basis.Hunt
    $firstTotal = [double]$h.ImportSeconds + [double]$h.FirstSeconds
    if ($basis.Pandas) {
        $ratio = $basis.Pandas.LogicSeconds / $firstTotal
        $md.Add("- Whole hunt at least 15x faster than the pandas notebook logic on its first run after Import-Module: $(Format-Ratio $ratio) ($(Format-Number $basis.Pandas.LogicSeconds 'N2') s / $(Format-Number $firstTotal 'N2') s), $(Format-Mark ($ratio -ge 15))$note")
        $ratio = $basis.Pandas.LogicSeconds / [double]$h.WarmSeconds
        $md.Add("- ... and at least 30x warm: $(Format-Ratio $ratio) ($(Format-Number $basis.Pandas.LogicSeconds 'N2') s / $(Format-Number $h.WarmSeconds 'N2') s), $(Format-Mark ($ratio -ge 30))$note")
    } else {
        $md.Add("- 15x / 30x against pandas: not measured (no pandas run on $($basis.Label)).")
    }
    $ratio = [double]$basis.Get.WarmSeconds / $basis.Grep.Seconds
    $md.Add("- Get-B64Command alone within 8x of ``LC_ALL=C grep -c base64``: $(Format-Ratio $ratio) ($(Format-Number $basis.Get.WarmSeconds 'N3') s / $(Format-Number $basis.Grep.Seconds 'N3') s; the C# line scan takes $(Format-Number $basis.Scan.BestSeconds 'N3') s), $(Format-Mark ($ratio -le 8))$note")
}
$one = $realistic | Where-Object { $_.Lines -eq 1000000 -and $_.Distinct -eq '3000' -and $_.Density -eq 0.08 } | Select-Object -First 1
$five = $realistic | Where-Object { $_.Lines -eq 5000000 -and $_.Distinct -eq '3000' -and $_.Density -eq 0.08 } | Select-Object -First 1
if ($one -and $five) {
    $ratio = [double]$five.Hunt.WarmSeconds / [double]$one.Hunt.WarmSeconds
    $md.Add("- 5M lines within 5.5x of the 1M time (warm hunt): $(Format-Ratio $ratio) ($(Format-Number $five.Hunt.WarmSeconds 'N2') s / $(Format-Number $one.Hunt.WarmSeconds 'N2') s), $(Format-Mark ($ratio -le 5.5))")
    $md.Add("- Peak memory under 400 MB at 5M lines: $(Format-Number $five.Hunt.PeakMB) MB, $(Format-Mark ([double]$five.Hunt.PeakMB -lt 400))")
} else {
    $md.Add('- 5M within 5.5x of 1M, and peak under 400 MB at 5M: not measured (needs the 1M and 5M rows at 3,000 distinct, 8%: -Matrix Realistic).')
}
$many = $realistic | Where-Object { $_.Lines -eq 1000000 -and $_.Distinct -ne 'all' -and [long]$_.Distinct -ge 28000 } | Select-Object -First 1
if ($many) {
    $md.Add("- The $(Format-Number ([long]$many.Distinct))-distinct file (1M lines) under 2.5 s warm: $(Format-Number $many.Hunt.WarmSeconds 'N2') s, $(Format-Mark ([double]$many.Hunt.WarmSeconds -lt 2.5))")
} else {
    $md.Add('- 28,000-distinct file under 2.5 s warm: not measured (needs a 1M-line row with 28,000 or more distinct payloads).')
}
$gc = @($realistic | ForEach-Object { [double]$_.Hunt.GcShare })
if ($gc.Count) {
    $worst = ($gc | Measure-Object -Maximum).Maximum
    $md.Add("- Garbage-collection pauses under 10% of the hunt (warm, every realistic row): $(($realistic | ForEach-Object { Format-Number ($_.Hunt.GcShare * 100) 'N1' }) -join ' / ')%, $(Format-Mark ($worst -lt 0.10))")
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
# Machine-readable too, for whoever compares two runs.
[pscustomobject]@{ Rows = @($rows | Select-Object Label, Lines, Distinct, Density, Flattering, SizeMB, Summary, Grep, Scan, Get, Hunt, Pandas); FirstSight = $firstSight; ImportMs = $importMs } |
    ConvertTo-Json -Depth 6 | Set-Content -LiteralPath (Join-Path $WorkDirectory 'results.json') -Encoding utf8NoBOM
Write-Host ''
$md | ForEach-Object { Write-Host $_ }
Write-Host ''
Write-Host "Results: $resultsFile"
