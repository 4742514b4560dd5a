<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the B64Hunt module.
.DESCRIPTION
    Tasks:
      build  publish the projects and stage a loadable module at out/B64Hunt (with offline help)
      test   build, run the xunit projects (engine, cmdlets), then Pester 5 against the staged module in a new pwsh
      demo   build, then run a full hunt on the module's bundled sample data
      bench  build, then run the benchmark harness (see README for the figures it prints)
      clean  remove out/ and every bin/ and obj/
    Needs only the .NET SDK: PowerShell comes from the repository's dotnet tool manifest and
    Pester from NuGet.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'demo', 'bench', 'clean')]
    [string] $Task = 'build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # bench: a preset of rows: Quick (100k lines, 3,000 distinct, 8%; a few minutes), Realistic (issue 16's rows and
    # the flattering one; 15 minutes with -Runs 2 on a 2-core machine), or Custom (the -BenchLines x -Distinct x -Density rows).
    [ValidateSet('Quick', 'Realistic', 'Custom')]
    [string] $Matrix = 'Quick',

    # bench, Custom: line counts of the generated AUOMS files (from a shell: -BenchLines 100000,1000000).
    [Alias('Lines')]
    [string[]] $BenchLines = @('100000'),

    # bench, Custom: distinct payload command lines per file, counts or 'all' (from a shell: -Distinct 40,3000,all).
    [string[]] $Distinct = @('3000'),

    # bench, Custom: shares of lines carrying a payload (from a shell: -Density 0.02,0.08).
    [string[]] $Density = @('0.08'),

    # bench, Custom: also measure the flattering file (the older generator, ~40 payload commands at 2%).
    [switch] $Flattering,

    # bench: warm runs per measurement (the best is kept).
    [int] $Runs = 5,

    # bench: also run the BenchmarkDotNet benchmarks of the engine's hot paths.
    [switch] $Bdn,

    # test: run only the Pester files whose names match (e.g. 'Get-B64Command').
    [string] $PesterFilter = '*',

    # test: pass a dotnet test --filter to xunit (e.g. 'FullyQualifiedName~Scoring'); 'none' skips xunit.
    [string] $XunitFilter = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$BoundParameters = $PSBoundParameters
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'B64Hunt'

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-ChildPwsh {
    # A new pwsh for anything that loads the module: a loaded DLL cannot be unloaded or reloaded.
    param([string] $Script)
    Push-Location $Root
    try {
        # Out-Host: the child's output goes to the console, so only the exit code is returned.
        & dotnet pwsh -NoProfile -NonInteractive -Command $Script | Out-Host
        return $LASTEXITCODE
    } finally { Pop-Location }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    # XPath: the file has more than one PropertyGroup, and strict mode stops at one lacking ModuleVersion.
    return $props.SelectSingleNode('/Project/PropertyGroup/ModuleVersion').InnerText
}

function Invoke-BuildTask {
    $publish = Join-Path $Out 'publish'
    if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
    $project = Join-Path $Root 'src/B64Hunt.Commands/B64Hunt.Commands.csproj'
    $common = @('publish', $project, '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')
    # ReadyToRun: the DLLs carry native code for this machine's platform beside their IL, so a hunt's first run after
    # Import-Module does not wait for the JIT. The code is compiled for the SDK's own runtime, the one `dotnet pwsh` runs
    # on (Directory.Build.targets; tests/pester/ReadyToRun.Tests.ps1 checks the runtime takes it). Elsewhere, a .NET 8
    # host or another platform, the runtime ignores that code and compiles the IL as before, so the module still runs.
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $readyToRun = $rid -in 'linux-x64', 'linux-arm64', 'win-x64', 'win-arm64', 'osx-x64', 'osx-arm64'
    if ($readyToRun) {
        # Its restore keeps its own lock file under obj/ (Directory.Build.props, B64HuntReadyToRunRid).
        & dotnet @common '-r' $rid '--self-contained' 'false' '-p:PublishReadyToRun=true' "-p:B64HuntReadyToRunRid=$rid"
        if ($LASTEXITCODE -ne 0) {
            Write-Warning "build: the ReadyToRun publish for $rid failed (exit code $LASTEXITCODE); staging plain IL instead."
            $readyToRun = $false
        }
    }
    if (-not $readyToRun) { Invoke-Native dotnet $common }

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $ModuleOut | Out-Null

    # The cmdlets and the model load in PowerShell's default context; the engine and every third-party
    # library go to dependencies/, loaded by the module's own AssemblyLoadContext (ModuleInitializer.cs).
    $rootAssemblies = 'B64Hunt.Loader', 'B64Hunt.Commands', 'B64Hunt.Model'
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'dependencies')
    Get-ChildItem $publish -File | Where-Object {
        $_.Extension -in '.dll', '.pdb' -and $_.BaseName -notlike 'System.Management.Automation*'
    } | ForEach-Object {
        $target = if ($_.BaseName -in $rootAssemblies) { $ModuleOut } else { $dependencies }
        Copy-Item $_.FullName -Destination $target
    }
    # The DLLs staged must be exactly those listed: a dependency that appears or vanishes is a reviewed change.
    $differences = @(& (Join-Path $Root 'src/Test-ShippedAssemblies.ps1') -ModulePath $ModuleOut `
        -ListPath (Join-Path $Root 'src/shipped-assemblies.txt'))
    if ($differences) { throw "The staged module's DLLs differ from src/shipped-assemblies.txt:`n  $($differences -join "`n  ")" }

    $version = Get-ModuleVersion
    (Get-Content -Raw (Join-Path $Root 'B64Hunt.psd1')).Replace('{{ModuleVersion}}', $version) |
        Set-Content -Path (Join-Path $ModuleOut 'B64Hunt.psd1') -Encoding utf8NoBOM
    Copy-Item (Join-Path $Root 'module/B64Hunt.Format.ps1xml'), (Join-Path $Root 'LICENSE') $ModuleOut
    Copy-Item (Join-Path $Root 'module/B64Hunt.Types.ps1xml') $ModuleOut
    if (Test-Path (Join-Path $Root 'module/data')) { Copy-Item (Join-Path $Root 'module/data') $ModuleOut -Recurse }
    $enUS = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'en-US') -Force
    Get-ChildItem (Join-Path $Root 'module/help') -Filter 'about_*.help.txt' | Copy-Item -Destination $enUS

    # Offline help: MAML compiled from module/help/*.md and the cmdlets' own parameter metadata.
    $code = Invoke-ChildPwsh ". '$Root/module/help/ConvertTo-MamlHelp.ps1' -ModulePath '$ModuleOut' -HelpSource '$Root/module/help'"
    if ($code -ne 0) { throw 'Help generation failed.' }
    Write-Host "Staged module at $ModuleOut (version $version)"
}

function Get-PesterModulePath {
    $proj = Join-Path $Root 'tests/pester/Pester.Restore.csproj'
    Invoke-Native dotnet @('restore', $proj, '--nologo', '-v', 'quiet')
    $version = ([xml](Get-Content -Raw $proj)).Project.PropertyGroup.PesterVersion
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $packages.Trim() "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $version was restored but $manifest is missing." }
    return $manifest
}

function Invoke-TestTask {
    Invoke-BuildTask
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results | Out-Null

    # 1. xunit: the engine without PowerShell, then the cmdlets hosted in-process; one trx per project, the counts
    #    summed, and either project failing fails the task.
    $xunitExit = 0
    $xPassed = 0; $xFailed = 0
    if ($XunitFilter -ne 'none') {
        $filter = if ($XunitFilter) { @('--filter', $XunitFilter) } else { @() }
        foreach ($project in 'B64Hunt.Engine.Tests', 'B64Hunt.Commands.Tests') {
            $trx = "$project.trx"
            & dotnet test (Join-Path $Root "tests/$project/$project.csproj") -c $Configuration --nologo `
                --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $results @filter
            $exit = $LASTEXITCODE
            if ($exit -ne 0) { $xunitExit = $exit }
            $trxFile = Join-Path $results $trx
            if (Test-Path $trxFile) {
                $counters = ([xml](Get-Content -Raw $trxFile)).TestRun.ResultSummary.Counters
                $xPassed += [int]$counters.passed; $xFailed += [int]$counters.failed + [int]$counters.error
                Write-Host "${project}: $([int]$counters.passed) passed, $([int]$counters.failed + [int]$counters.error) failed"
            } elseif ($exit -ne 0) { $xFailed += 1 }
        }
    }

    # 2. Pester against the staged module, in a new pwsh.
    $pester = Get-PesterModulePath
    $summary = Join-Path $results 'pester-summary.json'
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$env:B64HUNT_MODULE = '$ModuleOut'
`$config = New-PesterConfiguration
`$config.Run.Path = @(Get-ChildItem '$Root/tests/pester' -Filter '$PesterFilter.Tests.ps1' | ForEach-Object FullName)
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$results/pester.xml'
`$r = Invoke-Pester -Configuration `$config
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount } |
    ConvertTo-Json | Set-Content '$summary'
"@
    $null = Invoke-ChildPwsh $script
    $pPassed = 0; $pFailed = 1; $pSkipped = 0
    if (Test-Path $summary) {
        $p = Get-Content -Raw $summary | ConvertFrom-Json
        $pPassed = $p.Passed; $pFailed = $p.Failed; $pSkipped = $p.Skipped
    }

    Write-Host ''
    Write-Host "xunit: $xPassed passed, $xFailed failed"
    Write-Host "pester: $pPassed passed, $pFailed failed, $pSkipped skipped"
    # The one closing line CI reads.
    Write-Host "Tests: $($xPassed + $pPassed) passed, $($xFailed + $pFailed) failed"
    if ($xunitExit -ne 0 -or $xFailed -gt 0 -or $pFailed -gt 0) { exit 1 }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    $code = Invoke-ChildPwsh "& '$Root/tests/demo.ps1' -ModulePath '$ModuleOut' -OutDirectory '$Out'"
    if ($code -ne 0) { exit $code }
}

function Get-PandasPython {
    # The notebook column needs pandas: a venv under out/bench with pip's pandas, else a python3 that has it, else
    # Debian's python3-pandas when apt-get can install it; $null (and a warning) when none of them works.
    $venv = Join-Path $Out 'bench/venv'
    $venvPython = Join-Path $venv 'bin/python'
    $hasPandas = { param($exe) if (-not (Get-Command $exe -ErrorAction Ignore)) { return $false }; & $exe -c 'import pandas' 2>$null; $LASTEXITCODE -eq 0 }
    foreach ($candidate in $venvPython, 'python3', '/usr/bin/python3') { if (& $hasPandas $candidate) { return $candidate } }
    $python3 = Get-Command python3 -ErrorAction Ignore
    if ($python3) {
        if (-not (Test-Path $venvPython)) { & $python3.Source -m venv $venv 2>&1 | Out-Host }
        if (Test-Path $venvPython) {
            Write-Host 'bench: installing pandas into out/bench/venv with pip'
            & $venvPython -m pip install --quiet pandas 2>&1 | Select-Object -Last 2 | Out-Host
            if (& $hasPandas $venvPython) { return $venvPython }
            Write-Warning 'bench: pip could not install pandas into out/bench/venv.'
        }
    }
    if ((Get-Command apt-get -ErrorAction Ignore) -and (& id -u) -eq '0') {
        Write-Host "bench: installing Debian's python3-pandas with apt-get"
        & apt-get -o DPkg::Lock::Timeout=300 install -y -qq python3-pandas 2>&1 | Select-Object -Last 2 | Out-Host
        if (& $hasPandas '/usr/bin/python3') { return '/usr/bin/python3' }
    }
    Write-Warning 'bench: no python with pandas (pip and apt-get both failed): the pandas column is skipped.'
    return $null
}

function Invoke-BenchTask {
    Invoke-BuildTask
    $python = Get-PandasPython
    # A shell passes "100000,1000000" as one string; split each list so numbers stay numbers.
    $split = { param($values) @($values -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ }) }
    $lines = (& $split $BenchLines | ForEach-Object { [long]$_ }) -join ','
    $distinctList = (& $split $Distinct | ForEach-Object { "'$_'" }) -join ','
    $densityList = (& $split $Density | ForEach-Object { [double]::Parse($_, [Globalization.CultureInfo]::InvariantCulture).ToString([Globalization.CultureInfo]::InvariantCulture) }) -join ','
    # Rows given without -Matrix mean a custom matrix.
    $matrix = $Matrix
    if (-not $BoundParameters.ContainsKey('Matrix') -and @($BoundParameters.Keys | Where-Object { $_ -in 'BenchLines', 'Distinct', 'Density', 'Flattering' }).Count) { $matrix = 'Custom' }
    $arguments = "-ModulePath '$ModuleOut' -WorkDirectory '$Out/bench' -Matrix $matrix -Lines $lines -Distinct $distinctList -Density $densityList -Runs $Runs"
    if ($python) { $arguments += " -Python '$python'" }
    if ($Flattering) { $arguments += ' -Flattering' }
    if ($Bdn) { $arguments += ' -Bdn' }
    $code = Invoke-ChildPwsh "& '$Root/tests/bench.ps1' $arguments"
    if ($code -ne 0) { exit $code }
}

function Invoke-CleanTask {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include 'bin', 'obj', 'TestResults', 'BenchmarkDotNet.Artifacts' |
        Where-Object FullName -notlike '*/.git/*' | Remove-Item -Recurse -Force
    Write-Host 'Cleaned.'
}

switch ($Task) {
    'build' { Invoke-BuildTask }
    'test' { Invoke-TestTask }
    'demo' { Invoke-DemoTask }
    'bench' { Invoke-BenchTask }
    'clean' { Invoke-CleanTask }
}
