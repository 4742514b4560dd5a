# The benchmark tool for the Pester suites (B64Hunt.Benchmarks): built once per suite, then asked for realistic files.
function Get-BenchmarksDll([string]$Root) {
    $project = Join-Path $Root 'tests/B64Hunt.Benchmarks/B64Hunt.Benchmarks.csproj'
    & dotnet build $project -c Release --nologo -v quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "Building $project failed." }
    Join-Path $Root 'tests/B64Hunt.Benchmarks/bin/Release/net10.0/B64Hunt.Benchmarks.dll'
}

# A generated AUOMS fleet file (see README "Benchmark"); its summary is beside it as <file>.summary.json.
function New-RealisticLog([string]$Dll, [string]$Path, [int]$Lines, [int]$Distinct, [double]$Density) {
    & dotnet $Dll realistic --lines $Lines --distinct $Distinct --density $Density.ToString([cultureinfo]::InvariantCulture) --out $Path | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'The realistic generator failed.' }
    $Path
}
