<#
.SYNOPSIS
    Runs a full B64Hunt hunt on the module's bundled sample and prints what an analyst would look at.
.DESCRIPTION
    Called by `build.ps1 demo` after the module is staged. Decodes the sample's AUOMS syslog (Get-B64Command -Sample),
    prints the decoded commands, then runs every later stage the module has: categories, GTFOBins, indicators, threat
    intelligence from the sample's local feed, related alerts from the sample's SecurityAlert export, the ranking and
    the timeline (console and an HTML report). A stage whose cmdlet is not in the module is reported and skipped;
    without Get-B64Command the demo fails.
.EXAMPLE
    dotnet pwsh ./build.ps1 demo
.EXAMPLE
    dotnet pwsh tests/demo.ps1 -ModulePath out/B64Hunt -OutDirectory out
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [Parameter(Mandatory)]
    [string] $OutDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Width = 220
$null = New-Item -ItemType Directory -Path $OutDirectory -Force
$ReportFile = Join-Path (Resolve-Path $OutDirectory).Path 'b64hunt-report.html'

function Write-Section([string] $Title) {
    Write-Host ''
    Write-Host "== $Title ==" -ForegroundColor Cyan
}

function Write-Skip([string] $Stage, [string] $Why) {
    Write-Host "  [skipped] $Stage - $Why" -ForegroundColor Yellow
    $script:Skipped += $Stage
}

function Test-Cmdlet([string] $Name) { [bool](Get-Command -Name $Name -Module B64Hunt -ErrorAction Ignore) }

function Test-Parameter([string] $Name, [string] $Parameter) { (Get-Command -Name $Name -Module B64Hunt).Parameters.ContainsKey($Parameter) }

function Show-Table($InputObject) {
    $text = ($InputObject | Format-Table -AutoSize -Wrap | Out-String -Width $Width).Trim("`r", "`n")
    if ($text) { Write-Host $text }
}

function Show-Default($InputObject) {
    # The module's own default view (B64Hunt.Format.ps1xml), trimmed of Out-String's blank lines.
    $text = ($InputObject | Out-String -Width $Width).Trim("`r", "`n")
    if ($text) { Write-Host $text }
}

function Format-Safe([string] $Text, [int] $Max = 110) {
    # Decoded commands are attacker-controlled: control characters (newlines, ANSI escapes) are shown escaped, never sent raw.
    if ($null -eq $Text) { return '' }
    $escaped = [regex]::Replace($Text, '[\x00-\x1f\x7f]', {
            param($m)
            switch ([int][char]$m.Value) { 10 { '\n' } 13 { '\r' } 9 { '\t' } default { '\x{0:x2}' -f [int][char]$m.Value } }
        })
    if ($escaped.Length -gt $Max) { $escaped = $escaped.Substring(0, $Max - 3) + '...' }
    return $escaped
}

function Write-Problems([object[]] $Problems, [string] $Stage) {
    if (-not $Problems -or $Problems.Count -eq 0) { return }
    Write-Host "  $($Problems.Count) problem(s) reported by $Stage (non-terminating; the stream went on):"
    $Problems | Group-Object { $_.FullyQualifiedErrorId } | ForEach-Object {
        Write-Host "    $($_.Count) x $($_.Name): $(Format-Safe $_.Group[0].Exception.Message 140)"
    }
}

$Skipped = @()
$Ran = @()
$total = [Diagnostics.Stopwatch]::StartNew()
try {
    Import-Module $ModulePath -Force
    $module = Get-Module B64Hunt
    $sampleDir = Join-Path $module.ModuleBase 'data/sample'
    $sampleLog = Join-Path $sampleDir 'auoms-syslog.log'
    $alertsCsv = Join-Path $sampleDir 'alerts.csv'
    $tiFeed = Join-Path $sampleDir 'ti-feed.csv'
    Write-Host "B64Hunt $($module.Version) demo: the bundled sample hunt ($sampleDir)"

    if (-not (Test-Cmdlet 'Get-B64Command')) {
        throw "Get-B64Command is not exported by the module at $ModulePath; the demo needs it to read the sample."
    }

    # ---- 1. Decode ----------------------------------------------------------------------------------------------
    Write-Section 'Get-B64Command -Sample: the decoded commands'
    $getArgs = if (Test-Parameter 'Get-B64Command' 'Sample') { @{ Sample = $true } } else { @{ Path = $sampleLog } }
    $problems = @()
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $events = @(Get-B64Command @getArgs -ErrorAction SilentlyContinue -ErrorVariable +problems)
    $watch.Stop()
    $Ran += 'Get-B64Command'
    $lines = @([IO.File]::ReadLines($sampleLog)).Count
    Write-Host ("  {0:N0} lines read, {1:N0} encoded commands decoded in {2:N2} s" -f $lines, $events.Count, $watch.Elapsed.TotalSeconds)
    Write-Problems $problems 'Get-B64Command'
    if ($events.Count -eq 0) { throw 'Get-B64Command found no encoded command in the sample.' }

    $decoded = $events | Group-Object DecodedCommand -CaseSensitive | ForEach-Object {
        $first = $_.Group[0]
        $hosts = @($_.Group | ForEach-Object Computer | Sort-Object -Unique)
        [pscustomobject]@{
            Count          = $_.Count
            Hosts          = $hosts.Count
            HostNames      = Format-Safe (($hosts | Select-Object -First 3) -join ', ') 40
            Chain          = ($first.DecodeChain -join ' > ')
            DecodedCommand = Format-Safe $_.Name
        }
    } | Sort-Object @{ Expression = 'Hosts' }, @{ Expression = 'Count' }, @{ Expression = 'DecodedCommand' }
    Write-Host "  $(@($decoded).Count) unique decoded commands (rarest first):"
    Show-Table $decoded

    # ---- 2. Enrichment --------------------------------------------------------------------------------------------
    Write-Section 'Add-B64Category: what the commands do'
    if (Test-Cmdlet 'Add-B64Category') {
        $problems = @()
        $events = @($events | Add-B64Category -ErrorAction SilentlyContinue -ErrorVariable +problems)
        $Ran += 'Add-B64Category'
        Write-Problems $problems 'Add-B64Category'
        Show-Table ($events | ForEach-Object { foreach ($c in $_.Categories) { $c } } | Group-Object -NoElement | Sort-Object Count -Descending |
                Select-Object @{ n = 'Category'; e = 'Name' }, @{ n = 'Events'; e = 'Count' })
    } else { Write-Skip 'Add-B64Category' 'not in this build of the module' }

    Write-Section 'Add-GtfoBinsTag: binaries that can be abused'
    if (Test-Cmdlet 'Add-GtfoBinsTag') {
        $problems = @()
        $events = @($events | Add-GtfoBinsTag -ErrorAction SilentlyContinue -ErrorVariable +problems)
        $Ran += 'Add-GtfoBinsTag'
        Write-Problems $problems 'Add-GtfoBinsTag'
        Show-Table ($events | ForEach-Object { foreach ($g in $_.GtfoBins) { $g.Name } } | Group-Object -NoElement | Sort-Object Count -Descending |
                Select-Object -First 15 @{ n = 'Binary'; e = 'Name' }, @{ n = 'Events'; e = 'Count' })
    } else { Write-Skip 'Add-GtfoBinsTag' 'not in this build of the module' }

    Write-Section 'Find-B64Ioc: indicators in the decoded commands'
    if (Test-Cmdlet 'Find-B64Ioc') {
        $problems = @()
        $events = @($events | Find-B64Ioc -ErrorAction SilentlyContinue -ErrorVariable +problems)
        $Ran += 'Find-B64Ioc'
        Write-Problems $problems 'Find-B64Ioc'
        Show-Table ($events | ForEach-Object { foreach ($i in $_.Iocs) { $i } } | Group-Object Type, Value | Sort-Object Count -Descending |
                Select-Object -First 20 @{ n = 'Type'; e = { $_.Group[0].Type } }, @{ n = 'Indicator'; e = { Format-Safe $_.Group[0].Value 80 } },
                @{ n = 'Private'; e = { $_.Group[0].IsPrivate } }, @{ n = 'Events'; e = 'Count' })
    } else { Write-Skip 'Find-B64Ioc' 'not in this build of the module' }

    Write-Section 'Invoke-B64TiLookup -Provider LocalFeed: threat intelligence from the sample feed'
    if ((Test-Cmdlet 'Invoke-B64TiLookup') -and (Test-Parameter 'Invoke-B64TiLookup' 'Provider') -and (Test-Parameter 'Invoke-B64TiLookup' 'LocalFeed')) {
        $problems = @()
        $events = @($events | Invoke-B64TiLookup -Provider LocalFeed -LocalFeed $tiFeed -ErrorAction SilentlyContinue -ErrorVariable +problems)
        $Ran += 'Invoke-B64TiLookup'
        Write-Problems $problems 'Invoke-B64TiLookup'
        $hits = @($events | ForEach-Object { foreach ($t in $_.TiResults) { $t } } | Where-Object { "$($_.Severity)" -notin 'Unknown', 'Information', 'None' } |
                Group-Object Provider, Ioc | ForEach-Object { $_.Group[0] })
        Write-Host "  $($hits.Count) indicator(s) known to the feed"
        Show-Table ($hits | Sort-Object Severity -Descending | Select-Object Provider, IocType, @{ n = 'Ioc'; e = { Format-Safe $_.Ioc 80 } }, Severity, @{ n = 'Details'; e = { Format-Safe $_.Details 70 } })
    } elseif (Test-Cmdlet 'Invoke-B64TiLookup') {
        Write-Skip 'Invoke-B64TiLookup' 'this build has no -Provider/-LocalFeed parameters'
    } else { Write-Skip 'Invoke-B64TiLookup' 'not in this build of the module' }

    # ---- 3. Alerts ------------------------------------------------------------------------------------------------
    Write-Section 'Get-B64RelatedAlert -Path: alerts on the same hosts (sample SecurityAlert export)'
    $alerts = @()
    if ((Test-Cmdlet 'Get-B64RelatedAlert') -and (Test-Parameter 'Get-B64RelatedAlert' 'Path')) {
        $alertArgs = @{ Path = $alertsCsv }
        if (Test-Parameter 'Get-B64RelatedAlert' 'Computer') { $alertArgs.Computer = @($events | ForEach-Object Computer | Where-Object { $_ } | Sort-Object -Unique) }
        $problems = @()
        $alerts = @(Get-B64RelatedAlert @alertArgs -ErrorAction SilentlyContinue -ErrorVariable +problems)
        $Ran += 'Get-B64RelatedAlert'
        Write-Problems $problems 'Get-B64RelatedAlert'
        Write-Host "  $($alerts.Count) related alert(s)"
        Show-Table ($alerts | Group-Object Computer, AlertName, Severity | Sort-Object { $_.Group[0].Computer } |
                Select-Object @{ n = 'Computer'; e = { $_.Group[0].Computer } }, @{ n = 'AlertName'; e = { $_.Group[0].AlertName } },
                @{ n = 'Severity'; e = { $_.Group[0].Severity } }, @{ n = 'Count'; e = 'Count' })
    } else { Write-Skip 'Get-B64RelatedAlert' 'not in this build of the module' }

    # ---- 4. Score -------------------------------------------------------------------------------------------------
    Write-Section 'Measure-B64Score: the ranking (top 10)'
    $scores = @()
    if (Test-Cmdlet 'Measure-B64Score') {
        $scoreArgs = @{}
        if ($alerts.Count -gt 0 -and (Test-Parameter 'Measure-B64Score' 'Alert')) { $scoreArgs.Alert = $alerts }
        $problems = @()
        $scores = @($events | Measure-B64Score @scoreArgs -ErrorAction SilentlyContinue -ErrorVariable +problems)
        $Ran += 'Measure-B64Score'
        Write-Problems $problems 'Measure-B64Score'
        Write-Host "  $($scores.Count) unique commands ranked"
        # The module's default view (B64Hunt.Format.ps1xml) renders CommandScore.
        Show-Default ($scores | Select-Object -First 10)
        if (Test-Parameter 'Measure-B64Score' 'Model') {
            Write-Section 'Why they rank there (ScoreReasons of the default model, top 10)'
            foreach ($s in ($scores | Select-Object -First 10)) {
                Write-Host ("  #{0,-2} {1}" -f $s.Rank, (Format-Safe $s.DecodedCommand 100))
                foreach ($r in $s.ScoreReasons) { Write-Host ("        {0}" -f (Format-Safe $r 150)) }
            }
            Write-Section 'The default ranking beside the notebook''s (-Model Notebook), top 10'
            $problems = @()
            $notebook = @($events | Measure-B64Score @scoreArgs -Model Notebook -ErrorAction SilentlyContinue -ErrorVariable +problems)
            Write-Problems $problems 'Measure-B64Score -Model Notebook'
            Write-Host ("  {0,-4} {1,7}  {2,-70} {3,7}  {4}" -f 'Rank', 'Default', 'command', 'Notebook', 'command')
            for ($i = 0; $i -lt 10 -and $i -lt $scores.Count; $i++) {
                $d = $scores[$i]; $n = if ($i -lt $notebook.Count) { $notebook[$i] } else { $null }
                Write-Host ("  {0,-4} {1,7:N2}  {2,-70} {3,7:N2}  {4}" -f ($i + 1), $d.TotalScore, (Format-Safe $d.DecodedCommand 70),
                    $(if ($n) { $n.TotalScore } else { 0 }), $(if ($n) { Format-Safe $n.DecodedCommand 70 } else { '' }))
            }
        }
    } else { Write-Skip 'Measure-B64Score' 'not in this build of the module' }

    Write-Section 'Measure-B64Score -Model Notebook -AlertWindow 01:00:00: the notebook with alerts close in time to the command (top 10)'
    $windowed = @()
    if ((Test-Cmdlet 'Measure-B64Score') -and (Test-Parameter 'Measure-B64Score' 'AlertWindow')) {
        Write-Host '  An alert now counts for a command only if it fired within an hour of that command running on the same host,'
        Write-Host '  so routine commands run on many hosts (or every few hours) no longer collect every alert those hosts ever had.'
        $windowArgs = @{ AlertWindow = [timespan]'01:00:00' }
        # The default model always uses a window; this section shows what a window does to the notebook's scores.
        if (Test-Parameter 'Measure-B64Score' 'Model') { $windowArgs.Model = 'Notebook' }
        if ($alerts.Count -gt 0) { $windowArgs.Alert = $alerts }
        $problems = @()
        $windowed = @($events | Measure-B64Score @windowArgs -ErrorAction SilentlyContinue -ErrorVariable +problems)
        Write-Problems $problems 'Measure-B64Score -AlertWindow'
        Show-Default ($windowed | Select-Object -First 10)
    } elseif (Test-Cmdlet 'Measure-B64Score') {
        Write-Skip 'Measure-B64Score -AlertWindow' 'this build has no -AlertWindow parameter'
    }

    # ---- 5. Timeline and report -----------------------------------------------------------------------------------
    Write-Section 'Show-B64Timeline: commands by host over the hunt window'
    if (Test-Cmdlet 'Show-B64Timeline') {
        # The report shows the windowed ranking when there is one: it is the one an analyst should act on.
        $timelineInput = if ($windowed.Count -gt 0) { $windowed } elseif ($scores.Count -gt 0) { $scores } else { $events }
        Show-Default ($timelineInput | Show-B64Timeline)
        if (Test-Parameter 'Show-B64Timeline' 'OutFile') {
            $null = $timelineInput | Show-B64Timeline -OutFile $ReportFile -Force
            if (-not (Test-Path $ReportFile)) { throw "Show-B64Timeline -OutFile did not write $ReportFile." }
            Write-Host ("  HTML report: {0} ({1:N0} KB)" -f $ReportFile, ((Get-Item $ReportFile).Length / 1KB))
        } else { Write-Skip 'Show-B64Timeline -OutFile' 'this build has no -OutFile parameter' }
        $Ran += 'Show-B64Timeline'
    } else { Write-Skip 'Show-B64Timeline' 'not in this build of the module' }

    $total.Stop()
    Write-Section 'Summary'
    Write-Host "  Stages run: $($Ran -join ' | ')"
    if ($Skipped.Count -gt 0) { Write-Host "  Stages skipped (cmdlet not in this build): $($Skipped -join ', ')" -ForegroundColor Yellow }
    Write-Host ("  Demo finished in {0:N1} s" -f $total.Elapsed.TotalSeconds)
    exit 0
} catch {
    Write-Host ''
    Write-Host "Demo failed: $($_.Exception.Message)" -ForegroundColor Red
    if ($_.InvocationInfo) { Write-Host $_.InvocationInfo.PositionMessage -ForegroundColor Red }
    exit 1
}
