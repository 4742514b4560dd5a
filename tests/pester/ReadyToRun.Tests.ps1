# build.ps1 stages ReadyToRun assemblies so a hunt's first run does not wait for the JIT. The runtime silently ignores
# an image of a format it does not take (a net8.0 image compiled by .NET 8's crossgen2 is format 9, which .NET 10
# refuses), so these tests check the format and then watch the runtime use the code.
BeforeAll {
    $script:ModulePath = $env:B64HUNT_MODULE

    # The major version in a ReadyToRun header ("RTR", then major and minor as 16-bit numbers), or $null for plain IL.
    function Get-ReadyToRunMajor([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $directory = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory
            if ($directory.Size -eq 0) { return $null }
            $bytes = $pe.GetSectionData($directory.RelativeVirtualAddress).GetContent(0, 8)
            if ([BitConverter]::ToUInt32($bytes, 0) -ne 0x00525452) { return $null }
            return [int][BitConverter]::ToUInt16($bytes, 4)
        } finally { $stream.Dispose() }
    }

    $script:Engine = Join-Path $ModulePath 'dependencies/B64Hunt.Engine.dll'
    $script:EngineMajor = Get-ReadyToRunMajor $Engine
    # The runtime's own CoreLib is compiled in the format the runtime writes, the newest it reads.
    $script:RuntimeMajor = Get-ReadyToRunMajor ([object].Assembly.Location)

    $script:Probe = Join-Path $TestDrive 'probe.ps1'
    @'
param([string] $ModulePath)
$ErrorActionPreference = 'Stop'
# The runtime's CompilationDiagnostic events (keyword 0x2000000000) name each method whose precompiled code it uses.
Add-Type -TypeDefinition @"
using System; using System.Collections.Concurrent; using System.Diagnostics.Tracing;
public sealed class PrecompiledMethodListener : EventListener {
    public readonly ConcurrentQueue<string> Methods = new ConcurrentQueue<string>();
    protected override void OnEventSourceCreated(EventSource source) {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x2000000000);
    }
    protected override void OnEventWritten(EventWrittenEventArgs e) {
        if (e.EventName == null || !e.EventName.StartsWith("R2RGetEntryPoint") || e.EventName.Contains("Start")) return;
        int ns = e.PayloadNames.IndexOf("MethodNamespace");
        if (ns >= 0) Methods.Enqueue((string)e.Payload[ns]);
    }
}
"@
$listener = [PrecompiledMethodListener]::new()
Import-Module $ModulePath
$scores = @(Get-B64Command -Sample | Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc | Measure-B64Score)
$types = @($listener.Methods.ToArray() | Where-Object { $_ -like 'B64Hunt.*' })
[pscustomobject]@{
    Scores = $scores.Count
    EngineMethods = @($types | Where-Object { $_ -notlike 'B64Hunt.Commands.*' -and $_ -notlike 'B64Hunt.Model.*' }).Count
    ModelMethods = @($types | Where-Object { $_ -like 'B64Hunt.Model.*' }).Count
} | ConvertTo-Json -Compress
'@ | Set-Content $Probe
}

Describe 'The staged ReadyToRun code' {
    It 'is in the format of the runtime that runs this PowerShell, so that runtime uses it' {
        if ($null -eq $EngineMajor) { Set-ItResult -Skipped -Because 'build.ps1 staged plain IL here (no ReadyToRun publish for this platform)' }
        $EngineMajor | Should -Be $RuntimeMajor -Because 'a runtime refuses a ReadyToRun image of an older format without a word, and JIT-compiles the whole module instead'
    }

    It 'runs the engine''s and the model''s methods from precompiled code in a hunt' {
        if ($null -eq $EngineMajor) { Set-ItResult -Skipped -Because 'build.ps1 staged plain IL here (no ReadyToRun publish for this platform)' }
        $output = & dotnet pwsh -NoProfile -NonInteractive -File $Probe -ModulePath $ModulePath 2>&1
        $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $result.Scores | Should -BeGreaterThan 0 -Because ($output -join "`n")
        # Hundreds when the images are taken (563 engine and 140 model methods on the sample); 0 and 3 when refused.
        $result.EngineMethods | Should -BeGreaterThan 100 -Because ($output -join "`n")
        $result.ModelMethods | Should -BeGreaterThan 10 -Because ($output -join "`n")
    }
}
