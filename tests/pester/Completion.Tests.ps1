# Tab completion at the prompt, through the same TabExpansion2 the console calls on Tab.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    function script:Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

Describe 'Tab completion' {
    It 'completes threat-intelligence provider names for Invoke-B64TiLookup -Provider' {
        # ValidateSet completes in sorted order.
        (Complete 'Invoke-B64TiLookup -Provider ').CompletionText | Should -Be 'AbuseIPDB', 'GreyNoise', 'LocalFeed', 'OTX', 'SentinelTI', 'VirusTotal', 'XForce'
        (Complete 'Invoke-B64TiLookup -Provider vi').CompletionText | Should -Be 'VirusTotal'
    }
    It 'completes provider names for Get-B64TiProvider -Name' {
        (Complete 'Get-B64TiProvider -Name ').CompletionText | Should -Be 'OTX', 'VirusTotal', 'XForce', 'LocalFeed', 'GreyNoise', 'AbuseIPDB', 'SentinelTI'
        (Complete 'Get-B64TiProvider x').CompletionText | Should -Be 'XForce'
        (Complete 'Get-B64TiProvider -Name LocalFeed, o').CompletionText | Should -Be 'OTX'
    }
    It 'completes the loaded category names for Get-B64CategoryRule -Category, quoted' {
        $categories = Get-B64CategoryRule | ForEach-Object Category | Select-Object -Unique
        $matches = Complete 'Get-B64CategoryRule -Category '
        $matches.ListItemText | Should -Be $categories
        $matches.CompletionText | Should -Contain "'Network connections/Downloading'"
        $matches.ToolTip | Should -Contain "Network connections/Downloading ($(@(Get-B64CategoryRule -Category 'Network connections/Downloading').Count) rules)"
        (Complete "Get-B64CategoryRule -Category 'network c").CompletionText | Should -Be "'Network connections/Downloading'"
    }
    It 'completes the categories of a -RulePath file typed earlier on the line' {
        $rules = Join-Path $TestDrive 'my-rules.yaml'
        @'
version: 1
rules:
  - id: deploy-tool
    category: Zz In-house deployment
    techniques: [T1072]
    description: The in-house deployment tool.
    commands: [deployctl]
'@ | Set-Content $rules
        (Complete "Get-B64CategoryRule -RulePath '$rules' -Category zz").CompletionText | Should -Be "'Zz In-house deployment'"
        (Complete "Get-B64CategoryRule -RulePath '$rules' -Id deploy-").CompletionText | Should -Be 'deploy-tool'
        (Complete 'Get-B64CategoryRule -Category zz').CompletionText | Should -BeNullOrEmpty
    }
    It 'completes rule ids for Get-B64CategoryRule -Id, with the category and description as tool tip' {
        $match = Complete 'Get-B64CategoryRule -Id net-download-t'
        $match.CompletionText | Should -Be 'net-download-tools'
        $match.ToolTip | Should -Be 'Network connections/Downloading: Programs that fetch or send files over the network.'
        @(Complete 'Get-B64CategoryRule ').Count | Should -Be @(Get-B64CategoryRule).Count
    }
    It 'completes GTFOBins function names for Get-GtfoBinsFunction -Name' {
        (Complete 'Get-GtfoBinsFunction -Name ').CompletionText | Should -Be (Get-GtfoBinsFunction).Name
        (Complete 'Get-GtfoBinsFunction rev').CompletionText | Should -Be 'reverse-shell'
    }
    It 'completes indicator types for Find-B64Ioc -IocType and Invoke-B64TiLookup -IocType' {
        (Complete 'Find-B64Ioc -IocType ').CompletionText |
            Should -Be 'dns', 'email', 'ipv4', 'ipv6', 'linux_path', 'md5_hash', 'sha1_hash', 'sha256_hash', 'url', 'windows_path'
        (Complete 'Find-B64Ioc -IocType sha').CompletionText | Should -Be 'sha1_hash', 'sha256_hash'
        (Complete 'Invoke-B64TiLookup -IocType ').CompletionText | Should -Be (Complete 'Find-B64Ioc -IocType ').CompletionText
        (Complete 'Invoke-B64TiLookup -IocType ip').CompletionText | Should -Be 'ipv4', 'ipv6'
    }
    It 'completes tables for Get-B64Command -Table' {
        (Complete 'Get-B64Command -WorkspaceId $ws -Table ').CompletionText | Should -Be 'Auditd', 'Auoms', 'DeviceProcessEvents', 'ProcessEvent'
        (Complete 'Get-B64Command -Table dev').CompletionText | Should -Be 'DeviceProcessEvents'
    }
}
