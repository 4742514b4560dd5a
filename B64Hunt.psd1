@{
    RootModule             = 'B64Hunt.Commands.dll'
    # Imported first: isolates the engine's dependencies before the cmdlets load (see src/B64Hunt.Loader).
    NestedModules          = @('B64Hunt.Loader.dll')
    RequiredAssemblies     = @('B64Hunt.Model.dll')
    ModuleVersion          = '{{ModuleVersion}}'
    GUID                   = '5b7f3c1e-2d0a-4c1b-9a57-b64b64b64001'
    Author                 = 'B64Hunt contributors'
    CompanyName            = 'B64Hunt'
    Copyright              = '(c) B64Hunt contributors. MIT licence.'
    Description            = 'Hunt base64-encoded Linux commands: decode every common form from AUOMS, auditd, Syslog and Defender data or Log Analytics, categorise them, tag GTFOBins, extract indicators, look them up in threat intelligence, score and rank them, and render a timeline.'
    CompatiblePSEditions   = @('Core')
    PowerShellVersion      = '7.4'
    FormatsToProcess       = @('B64Hunt.Format.ps1xml')
    TypesToProcess         = @('B64Hunt.Types.ps1xml')
    CmdletsToExport        = @(
        'Get-B64Command'
        'Add-B64Category'
        'Get-B64CategoryRule'
        'Add-GtfoBinsTag'
        'Get-GtfoBinsFunction'
        'Find-B64Ioc'
        'Get-B64RelatedAlert'
        'Invoke-B64TiLookup'
        'Get-B64TiProvider'
        'Measure-B64Score'
        'Show-B64Timeline'
        'Export-B64Csv'
        'Connect-B64Hunt'
        'Disconnect-B64Hunt'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Security', 'ThreatHunting', 'Sentinel', 'LogAnalytics', 'Linux', 'Base64', 'GTFOBins', 'auditd', 'DFIR', 'PSEdition_Core', 'Windows', 'MacOS')
            LicenseUri   = 'https://github.com/b64hunt/B64Hunt/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/b64hunt/B64Hunt'
            ReleaseNotes = 'See README.md.'
        }
    }
}
