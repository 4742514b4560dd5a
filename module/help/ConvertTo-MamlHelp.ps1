<#
.SYNOPSIS
    Compiles module/help/<Cmdlet>.md into the MAML file Get-Help reads (en-US/B64Hunt.Commands.dll-Help.xml).
.DESCRIPTION
    The markdown holds the prose (SYNOPSIS, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, in
    platyPS's shape); syntax, parameter types, positions and pipeline binding come from the staged module
    itself, so they can never drift from the code. Run in a child pwsh: it imports the module.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$module = Get-Module B64Hunt

$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

function ConvertFrom-HelpMarkdown([string] $text) {
    # Splits '## SECTION' blocks; within PARAMETERS, EXAMPLES, INPUTS and OUTPUTS, '### Name' blocks.
    $doc = @{ Sections = @{}; Parameters = [ordered]@{}; Examples = @(); Inputs = [ordered]@{}; Outputs = [ordered]@{} }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = {
        $body = ($buffer -join "`n").Trim()
        if ($section -and -not $sub) { $doc.Sections[$section] = $body }
        elseif ($section -eq 'PARAMETERS') { $doc.Parameters[$sub.TrimStart('-')] = $body }
        elseif ($section -eq 'INPUTS') { $doc.Inputs[$sub] = $body }
        elseif ($section -eq 'OUTPUTS') { $doc.Outputs[$sub] = $body }
        elseif ($section -eq 'EXAMPLES') {
            $m = [regex]::Match($body, '(?s)```(?:powershell)?\s*\n(.*?)\n```\s*(.*)')
            $doc.Examples += , @{ Title = $sub; Code = $m.Groups[1].Value.Trim(); Remarks = $m.Groups[2].Value.Trim() }
        }
        $buffer.Clear()
    }
    $inFence = $false
    foreach ($line in ($text -split "`r?`n")) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if (-not $inFence -and $line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if (-not $section) { continue }
        $buffer.Add($line)
    }
    & $flush
    return $doc
}

function Add-Paras([System.Xml.XmlElement] $parent, [string] $text) {
    $ns = 'http://schemas.microsoft.com/maml/2004/10'
    $paras = @(($text -split "`n\s*`n") | ForEach-Object { ($_ -replace '\s*\n\s*', ' ').Trim() } | Where-Object { $_ })
    if (-not $paras) { $paras = @('') }
    foreach ($p in $paras) {
        $el = $parent.OwnerDocument.CreateElement('maml', 'para', $ns)
        $el.InnerText = $p
        [void]$parent.AppendChild($el)
    }
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$cmdNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$devNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$xml = [System.Xml.XmlDocument]::new()
[void]$xml.AppendChild($xml.CreateXmlDeclaration('1.0', 'utf-8', $null))
$root = $xml.CreateElement('helpItems', 'http://msh')
$root.SetAttribute('schema', 'maml')
[void]$xml.AppendChild($root)

function New-El([System.Xml.XmlNode] $parent, [string] $prefix, [string] $name, [string] $text) {
    $ns = switch ($prefix) { 'maml' { $maml } 'command' { $cmdNs } 'dev' { $devNs } }
    $el = $xml.CreateElement($prefix, $name, $ns)
    if ($PSBoundParameters.ContainsKey('text')) { $el.InnerText = $text }
    [void]$parent.AppendChild($el)
    return $el
}

function Get-PipelineText($attrs) {
    $byValue = $attrs | Where-Object ValueFromPipeline
    $byName = $attrs | Where-Object ValueFromPipelineByPropertyName
    if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
}

$missing = @()
# Nullable<DateTime> shows as DateTime (not Nullable`1): an optional value is already optional on the command line.
function Get-ValueType([type] $Type) {
    $under = [Nullable]::GetUnderlyingType($Type)
    if ($under) { $under } else { $Type }
}

# A parameter's default as Get-Help shows it: the value a new cmdlet object holds (None when unset, False for a switch).
function Get-DefaultText($Instance, [string] $Name) {
    $value = $Instance.GetType().GetProperty($Name).GetValue($Instance)
    if ($value -is [System.Management.Automation.SwitchParameter]) { return [string]$value.IsPresent }
    if ($null -eq $value -or ($value -is [string] -and $value -eq '')) { return 'None' }
    if ($value -is [System.Collections.ICollection]) {
        if ($value.Count -eq 0) { return 'None' }
        return (@($value) | ForEach-Object { [System.Convert]::ToString($_, [cultureinfo]::InvariantCulture) }) -join ', '
    }
    return [System.Convert]::ToString($value, [cultureinfo]::InvariantCulture)
}

# DontShow parameters (bound from the pipeline only) stay out of the syntax, as they stay out of tab completion.
function Test-Hidden($Meta) {
    [bool]($Meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
}

foreach ($cmd in (Get-Command -Module B64Hunt -CommandType Cmdlet | Sort-Object Name)) {
    $file = Join-Path $HelpSource "$($cmd.Name).md"
    if (-not (Test-Path $file)) { $missing += $cmd.Name; continue }
    $doc = ConvertFrom-HelpMarkdown (Get-Content -Raw $file)
    # Prose the help cannot do without; a gap fails the build rather than shipping a stub.
    if (-not $doc.Sections['SYNOPSIS']) { $missing += "$($cmd.Name) SYNOPSIS" }
    if (-not $doc.Sections['DESCRIPTION']) { $missing += "$($cmd.Name) DESCRIPTION" }
    if (@($doc.Examples | Where-Object { $_.Code }).Count -lt 2) { $missing += "$($cmd.Name) EXAMPLES (at least two, each with a powershell code block)" }
    if (-not $doc.Outputs.Count) { $missing += "$($cmd.Name) OUTPUTS" }
    foreach ($documented in $doc.Parameters.Keys | Where-Object { -not $cmd.Parameters.ContainsKey($_) }) {
        $missing += "$($cmd.Name) -$documented (documented, but the cmdlet has no such parameter)"
    }

    $c = New-El $root 'command' 'command'
    $details = New-El $c 'command' 'details'
    [void](New-El $details 'command' 'name' $cmd.Name)
    Add-Paras (New-El $details 'maml' 'description') $doc.Sections['SYNOPSIS']
    [void](New-El $details 'command' 'verb' $cmd.Verb)
    [void](New-El $details 'command' 'noun' $cmd.Noun)
    Add-Paras (New-El $c 'maml' 'description') $doc.Sections['DESCRIPTION']

    $syntax = New-El $c 'command' 'syntax'
    foreach ($set in $cmd.ParameterSets) {
        $item = New-El $syntax 'command' 'syntaxItem'
        [void](New-El $item 'maml' 'name' $cmd.Name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common -and -not (Test-Hidden $cmd.Parameters[$_.Name]) }) {
            $pe = New-El $item 'command' 'parameter'
            $pe.SetAttribute('required', $p.IsMandatory.ToString().ToLowerInvariant())
            $pe.SetAttribute('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
            [void](New-El $pe 'maml' 'name' $p.Name)
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                $v = New-El $pe 'command' 'parameterValue' (Get-ValueType $p.ParameterType).Name
                $v.SetAttribute('required', 'true')
            }
        }
    }

    $params = New-El $c 'command' 'parameters'
    $instance = [System.Activator]::CreateInstance($cmd.ImplementingType)
    foreach ($name in ($cmd.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)) {
        $meta = $cmd.Parameters[$name]
        $attrs = @($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $pe = New-El $params 'command' 'parameter'
        $pe.SetAttribute('required', [string]([bool]($attrs | Where-Object Mandatory)).ToString().ToLowerInvariant())
        $pos = ($attrs | Where-Object { $_.Position -ge 0 } | Select-Object -First 1).Position
        $pe.SetAttribute('position', $(if ($null -ne $pos) { "$pos" } else { 'named' }))
        $pe.SetAttribute('pipelineInput', (Get-PipelineText $attrs))
        $pe.SetAttribute('globbing', [string][bool]($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))
        $pe.SetAttribute('aliases', $(if ($meta.Aliases.Count) { $meta.Aliases -join ', ' } else { 'none' }))
        [void](New-El $pe 'maml' 'name' $name)
        $text = $doc.Parameters[$name]
        if (-not $text) { $text = ''; $missing += "$($cmd.Name) -$name" }
        Add-Paras (New-El $pe 'maml' 'description') $text
        $v = New-El $pe 'command' 'parameterValue' (Get-ValueType $meta.ParameterType).Name
        $v.SetAttribute('required', ($meta.ParameterType -ne [System.Management.Automation.SwitchParameter]).ToString().ToLowerInvariant())
        $t = New-El $pe 'dev' 'type'
        [void](New-El $t 'maml' 'name' (Get-ValueType $meta.ParameterType).FullName)
        [void](New-El $pe 'dev' 'defaultValue' (Get-DefaultText $instance $name))
    }

    $inputs = New-El $c 'command' 'inputTypes'
    foreach ($k in $doc.Inputs.Keys) {
        $it = New-El $inputs 'command' 'inputType'
        [void](New-El (New-El $it 'dev' 'type') 'maml' 'name' $k)
        Add-Paras (New-El $it 'maml' 'description') $doc.Inputs[$k]
    }
    $outputs = New-El $c 'command' 'returnValues'
    foreach ($k in $doc.Outputs.Keys) {
        $rv = New-El $outputs 'command' 'returnValue'
        [void](New-El (New-El $rv 'dev' 'type') 'maml' 'name' $k)
        Add-Paras (New-El $rv 'maml' 'description') $doc.Outputs[$k]
    }
    if ($doc.Sections['NOTES']) {
        $alert = New-El (New-El $c 'maml' 'alertSet') 'maml' 'alert'
        Add-Paras $alert $doc.Sections['NOTES']
    }
    $examples = New-El $c 'command' 'examples'
    foreach ($e in $doc.Examples) {
        $ex = New-El $examples 'command' 'example'
        [void](New-El $ex 'maml' 'title' "-------------------------- $($e.Title) --------------------------")
        [void](New-El $ex 'dev' 'code' $e.Code)
        Add-Paras (New-El $ex 'dev' 'remarks') $e.Remarks
    }
    $links = New-El $c 'command' 'relatedLinks'
    $nav = New-El $links 'maml' 'navigationLink'
    [void](New-El $nav 'maml' 'linkText' 'about_B64Hunt')
    [void](New-El $nav 'maml' 'uri' '')
}

$target = Join-Path $ModulePath 'en-US/B64Hunt.Commands.dll-Help.xml'
$xml.Save($target)
if ($missing) {
    # The build runs this script in a child pwsh and stops on a non-zero exit code.
    [Console]::Error.WriteLine("Help text missing for: $($missing -join '; ')")
    exit 1
}
