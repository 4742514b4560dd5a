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
    It 'lists each tag once and points LicenseUri at a file of the repository that ProjectUri names' {
        $tags = $Manifest.PrivateData.PSData.Tags
        @($tags | Sort-Object -Unique).Count | Should -Be $tags.Count -Because 'the gallery shows each tag once (Sort-Object -Unique ignores case)'
        $psData = $Manifest.PrivateData.PSData
        $psData.LicenseUri | Should -BeLike "$($psData.ProjectUri)/blob/main/*"
        $licensePath = $psData.LicenseUri.Substring("$($psData.ProjectUri)/blob/main/".Length)
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        Join-Path $root $licensePath | Should -Exist
        Join-Path $ModulePath $licensePath | Should -Exist -Because 'the licence ships with the module too'
    }
    It 'exports every cmdlet the manifest lists and no other' {
        $exported = (Get-Command -Module B64Hunt -CommandType Cmdlet).Name | Sort-Object
        $exported | Should -Be ($Manifest.CmdletsToExport | Sort-Object)
    }
    It 'names every exported cmdlet in the manifest and declares what each emits' {
        foreach ($command in Get-Command -Module B64Hunt -CommandType Cmdlet) {
            $Manifest.CmdletsToExport | Should -Contain $command.Name
            $command.OutputType | Should -Not -BeNullOrEmpty -Because "$($command.Name) needs [OutputType]"
            foreach ($type in $command.OutputType) { $type.Type | Should -Not -BeNullOrEmpty -Because "$($command.Name)'s output type $($type.Name) must resolve" }
        }
    }
    It 'emits from the info cmdlets types that resolve at the prompt by their B64Hunt.Model names' {
        # The engine loads in the module's own context, where a type name typed at the prompt cannot reach it.
        ([type]'B64Hunt.Model.GtfoBinsFunction').Assembly.GetName().Name | Should -Be 'B64Hunt.Model'
        ([type]'B64Hunt.Model.TiProviderInfo').Assembly.GetName().Name | Should -Be 'B64Hunt.Model'
        Get-B64CategoryRule | Select-Object -First 1 | Should -BeOfType ([B64Hunt.Model.CategoryRule])
        Get-GtfoBinsFunction -Name shell | Should -BeOfType ([B64Hunt.Model.GtfoBinsFunction])
        Get-B64TiProvider | Select-Object -First 1 | Should -BeOfType ([B64Hunt.Model.TiProviderInfo])
        (Get-B64TiProvider | Select-Object -First 1).KeySource | Should -BeOfType ([B64Hunt.Model.TiKeySource])
    }
}

Describe 'The staged module folder' {
    It 'holds only the manifest, the views, the type data, the licence, the three root assemblies, en-US, data and dependencies' {
        $expected = 'B64Hunt.psd1', 'B64Hunt.Format.ps1xml', 'B64Hunt.Types.ps1xml', 'LICENSE',
            'B64Hunt.Loader.dll', 'B64Hunt.Loader.pdb', 'B64Hunt.Commands.dll', 'B64Hunt.Commands.pdb', 'B64Hunt.Model.dll', 'B64Hunt.Model.pdb',
            'en-US', 'data', 'dependencies'
        (Get-ChildItem $ModulePath -Force).Name | Sort-Object | Should -Be ($expected | Sort-Object)
    }
    It 'keeps only help in en-US and only assemblies in dependencies' {
        (Get-ChildItem (Join-Path $ModulePath 'en-US') -Force).Name | Sort-Object |
            Should -Be ('B64Hunt.Commands.dll-Help.xml', 'about_B64Hunt.help.txt' | Sort-Object)
        $dependencies = Get-ChildItem (Join-Path $ModulePath 'dependencies') -Force
        $dependencies.Name | Should -Contain 'B64Hunt.Engine.dll'
        $dependencies | Where-Object { $_.PSIsContainer -or $_.Extension -notin '.dll', '.pdb' } | Should -BeNullOrEmpty
        $dependencies.Name | Where-Object { $_ -like 'System.Management.Automation*' -or $_ -like 'B64Hunt.Model.*' -or $_ -like 'B64Hunt.Commands.*' } |
            Should -BeNullOrEmpty -Because 'PowerShell and the root assemblies must load once, in the default context'
    }
    It 'ships exactly the DLLs src/shipped-assemblies.txt lists' {
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        & (Join-Path $root 'src/Test-ShippedAssemblies.ps1') -ModulePath $ModulePath -ListPath (Join-Path $root 'src/shipped-assemblies.txt') |
            Should -BeNullOrEmpty
    }
    It 'names each listed DLL the staged module lacks and each staged DLL the list lacks' {
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $module = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'staged/dependencies') -Force
        'A.dll', 'dependencies/B.dll', 'dependencies/Stray.dll' | ForEach-Object { Set-Content (Join-Path $TestDrive "staged/$_") '' }
        $list = Join-Path $TestDrive 'list.txt'
        '# comment', 'A.dll', '', 'dependencies/B.dll  # trailing comment', 'dependencies/Gone.dll' | Set-Content $list
        $differences = @(& (Join-Path $root 'src/Test-ShippedAssemblies.ps1') -ModulePath $module.Parent.FullName -ListPath $list)
        $differences | Should -HaveCount 2
        $differences[0] | Should -BeLike 'missing: dependencies/Gone.dll is listed in*'
        $differences[1] | Should -BeLike 'unlisted: the staged module ships dependencies/Stray.dll, which*'
    }
}
