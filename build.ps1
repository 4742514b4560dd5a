<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the B64Hunt module.
.DESCRIPTION
    Tasks:
      build  publish the projects and stage a loadable module at out/B64Hunt (with offline help)
      test   build, run the xunit suite, then Pester 5 against the staged module in a new pwsh
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

    # bench: line counts of the generated AUOMS files (from a shell: -BenchLines 100000,1000000).
    [string[]] $BenchLines = @('100000', '1000000', '5000000'),

    # bench: also run the BenchmarkDotNet benchmarks of the engine's hot paths.
    [switch] $Bdn,

    # test: run only the Pester files whose names match (e.g. 'Get-B64Command').
    [string] $PesterFilter = '*',

    # test: pass a dotnet test --filter to xunit (e.g. 'FullyQualifiedName~Scoring'); 'none' skips xunit.
    [string] $XunitFilter = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
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
    return $props.Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1
}

function Invoke-BuildTask {
    $publish = Join-Path $Out 'publish'
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/B64Hunt.Commands/B64Hunt.Commands.csproj'),
        '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')

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
    foreach ($name in $rootAssemblies + 'B64Hunt.Engine') {
        if (-not (Get-ChildItem $ModuleOut -Recurse -Filter "$name.dll")) { throw "Build output lacks $name.dll" }
    }

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

    # 1. xunit: the engine and the cmdlets hosted in-process.
    $trx = 'xunit.trx'
    $xunitExit = 0
    if ($XunitFilter -ne 'none') {
        $filter = if ($XunitFilter) { @('--filter', $XunitFilter) } else { @() }
        & dotnet test (Join-Path $Root 'tests/B64Hunt.Engine.Tests/B64Hunt.Engine.Tests.csproj') -c $Configuration --nologo `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $results @filter
        $xunitExit = $LASTEXITCODE
    }
    $xPassed = 0; $xFailed = 0
    $trxFile = Join-Path $results $trx
    if (Test-Path $trxFile) {
        $counters = ([xml](Get-Content -Raw $trxFile)).TestRun.ResultSummary.Counters
        $xPassed = [int]$counters.passed; $xFailed = [int]$counters.failed + [int]$counters.error
    } elseif ($xunitExit -ne 0) { $xFailed = 1 }

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

function Invoke-BenchTask {
    Invoke-BuildTask
    # A shell passes "100000,1000000" as one string; split it so each count stays a number.
    $lines = ($BenchLines -split ',' | ForEach-Object { [long]$_.Trim() }) -join ','
    $code = Invoke-ChildPwsh "& '$Root/tests/bench.ps1' -ModulePath '$ModuleOut' -WorkDirectory '$Out/bench' -Lines $lines$(if ($Bdn) { ' -Bdn' })"
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
