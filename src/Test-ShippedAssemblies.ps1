<#
.SYNOPSIS
    Compares the DLLs of a staged module with the list it must ship; writes one line per difference.
.DESCRIPTION
    The list (src/shipped-assemblies.txt) holds one path under the module folder a line, '/' separated; '#' starts
    a comment. Writes nothing when the two match, so build.ps1 fails on any output.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ListPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$listed = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($line in Get-Content -LiteralPath $ListPath) {
    $entry = ($line -replace '#.*$', '').Trim()
    if ($entry) { $null = $listed.Add($entry) }
}
$root = (Resolve-Path -LiteralPath $ModulePath).Path.TrimEnd('/', '\')
$staged = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($file in Get-ChildItem -LiteralPath $root -Recurse -File -Filter '*.dll') {
    $null = $staged.Add($file.FullName.Substring($root.Length + 1).Replace('\', '/'))
}

foreach ($entry in $listed | Sort-Object) {
    if (-not $staged.Contains($entry)) { "missing: $entry is listed in $ListPath but the staged module lacks it" }
}
foreach ($entry in $staged | Sort-Object) {
    if (-not $listed.Contains($entry)) {
        "unlisted: the staged module ships $entry, which $ListPath does not list (a new dependency? add it there after review)"
    }
}
