BeforeAll {
    $script:ModulePath = $env:B64HUNT_MODULE
    Import-Module $ModulePath -Force
    $script:Manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'B64Hunt.psd1')
}

Describe 'B64Hunt module manifest' {
    It 'lists its cmdlets explicitly, never with wildcards' {
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
        $Manifest.CmdletsToExport.Count | Should -BeGreaterThan 0
        $Manifest.FunctionsToExport | Should -HaveCount 0
        $Manifest.AliasesToExport | Should -HaveCount 0
    }
    It 'carries editions, a version floor, formats and gallery metadata' {
        $Manifest.CompatiblePSEditions | Should -Contain 'Core'
        [version]$Manifest.PowerShellVersion | Should -BeGreaterOrEqual ([version]'7.4')
        $Manifest.FormatsToProcess | Should -Contain 'B64Hunt.Format.ps1xml'
        $Manifest.Description | Should -Match 'base64'
        $Manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        $Manifest.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        $Manifest.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $Manifest.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
    }
    It 'exports every cmdlet the manifest lists and no other' {
        $exported = (Get-Command -Module B64Hunt -CommandType Cmdlet).Name | Sort-Object
        $exported | Should -Be ($Manifest.CmdletsToExport | Sort-Object)
    }
}
