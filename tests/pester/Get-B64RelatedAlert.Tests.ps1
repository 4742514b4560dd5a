BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force

    $script:Token = 'tok-PESTER-SECRET-7c1d2e3f'
    $script:WorkspaceId = '11111111-2222-3333-4444-555555555555'

    # A fake Log Analytics query API on 127.0.0.1.
    . (Join-Path $PSScriptRoot 'FakeHttpService.ps1')

    $script:AlertColumns = @(
        @{ name = 'TimeGenerated'; type = 'datetime' }, @{ name = 'AlertName'; type = 'string' }, @{ name = 'AlertSeverity'; type = 'string' },
        @{ name = 'Description'; type = 'string' }, @{ name = 'CompromisedEntity'; type = 'string' }, @{ name = 'Entities'; type = 'string' },
        @{ name = 'ExtendedProperties'; type = 'string' }, @{ name = 'SystemAlertId'; type = 'string' }, @{ name = 'ProviderName'; type = 'string' },
        @{ name = 'Tactics'; type = 'string' }, @{ name = 'Techniques'; type = 'string' }, @{ name = 'StartTime'; type = 'datetime' },
        @{ name = 'EndTime'; type = 'datetime' })

    $script:Csv = Join-Path $TestDrive 'SecurityAlert.csv'
    @'
TimeGenerated [UTC],AlertName,AlertSeverity,Description,CompromisedEntity,Entities,ExtendedProperties,SystemAlertId,ProviderName,Tactics,Techniques,StartTime [UTC],EndTime [UTC]
2024-05-02T10:00:00.000Z,Base64 payload executed,High,"Decoded, then run",web1.contoso.com,"[{""HostName"":""web1"",""DnsDomain"":""contoso.com"",""Type"":""host""}]",,a-1,ASI Scheduled Alerts,Execution,T1059,2024-05-02T09:55:00.000Z,2024-05-02T09:58:00.000Z
2024-05-03T11:00:00.000Z,Crypto miner,Medium,Mining,web10,"[{""HostName"":""web10"",""Type"":""host""}]",,a-2,ASI Scheduled Alerts,Impact,T1496,2024-05-03T10:00:00.000Z,2024-05-03T10:30:00.000Z
2024-05-04T12:00:00.000Z,Reverse shell,High,Outbound shell,,,"{""Compromised Host"":""WEB1""}",a-3,Azure Security Center,CommandAndControl,T1071,2024-05-04T11:59:00.000Z,2024-05-04T12:00:00.000Z
'@ | Set-Content -Path $Csv -Encoding utf8NoBOM
}

Describe 'Get-B64RelatedAlert -Path (exported SecurityAlert rows)' {
    It 'matches piped hosts by short and full name, and never web10 for web1' {
        $events = @([pscustomobject]@{ Computer = 'web1' }, [pscustomobject]@{ Computer = 'web1' })
        $alerts = $events | Get-B64RelatedAlert -Path $Csv
        $alerts | Should -HaveCount 2
        $alerts.SystemAlertId | Should -Be @('a-1', 'a-3')
        $alerts.HuntedHost | Should -Be @('web1', 'web1')
        # Computer stays the alert's own host: it is never rewritten to the hunted name.
        $alerts.Computer | Should -Be @('web1.contoso.com', 'WEB1')
        $alerts[0] | Should -BeOfType ([B64Hunt.Model.RelatedAlert])
        $alerts[0].TimeGenerated | Should -Be ([datetime]::new(2024, 5, 2, 10, 0, 0, [DateTimeKind]::Utc))
        $alerts[0].Severity | Should -Be 'High'
    }

    It 'reads the same rows from JSON, and without -Computer attributes every alert to its own host' {
        $json = Join-Path $TestDrive 'alerts.json'
        Import-Csv $Csv | ForEach-Object {
            $row = [ordered]@{}
            foreach ($p in $_.PSObject.Properties) { $row[$p.Name] = $p.Value }
            [pscustomobject]$row
        } | ConvertTo-Json -Depth 4 | Set-Content $json
        $alerts = Get-B64RelatedAlert -Path $json
        $alerts.Computer | Should -Be @('web1.contoso.com', 'web10', 'WEB1')
    }

    It 'reads the bundled sample hunt''s alerts with -Sample, matched to the hunted hosts' {
        $alerts = Get-B64RelatedAlert -Sample
        $alerts.Count | Should -Be 39
        $web03 = Get-B64RelatedAlert -Sample -Computer web-03
        $web03 | Should -HaveCount 6
        $web03.HuntedHost | Sort-Object -Unique | Should -Be 'web-03'
        # web-03 must not pick up web-030-like names or other hosts' alerts
        (Get-B64RelatedAlert -Sample -Computer k8s-node-7).HuntedHost | Sort-Object -Unique | Should -Be 'k8s-node-7'
    }

    It 'reports an unreadable export with a stable error id' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content $bad '[{"AlertName": '
        Get-B64RelatedAlert -Path $bad -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeExactly 'SecurityAlertFileUnreadable,B64Hunt.Commands.GetB64RelatedAlertCommand'
    }
}

Describe 'Get-B64RelatedAlert -WorkspaceId (fake Log Analytics on 127.0.0.1)' {
    It 'sends the token, widens the hunt window, attributes alerts, and the token appears in no stream' {
        $rows = @(
            , @('2024-05-10T01:00:00Z', 'Base64 payload executed', 'High', 'd', $null,
                '[{"HostName":"web1","DnsDomain":"contoso.com","Type":"host"}]', $null, 'a-1', 'ASI', 'Execution', 'T1059',
                '2024-05-10T00:55:00Z', '2024-05-10T01:00:00Z'))
        $body = @{ tables = @(@{ name = 'PrimaryResult'; columns = $AlertColumns; rows = $rows }) } | ConvertTo-Json -Depth 6
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $body })
        try {
            $all = [pscustomobject]@{ Computer = 'web1.contoso.com' } |
                Get-B64RelatedAlert -WorkspaceId $WorkspaceId -Endpoint $server.Endpoint -AccessToken $Token `
                    -Start '2024-05-10T00:00:00Z' -End '2024-05-11T00:00:00Z' -Verbose *>&1
            $alerts = @($all | Where-Object { $_ -is [B64Hunt.Model.RelatedAlert] })
            $alerts | Should -HaveCount 1
            $alerts[0].HuntedHost | Should -Be 'web1.contoso.com'
            $alerts[0].SystemAlertId | Should -Be 'a-1'

            $server.Log | Should -HaveCount 1
            $server.Log[0].Authorization | Should -BeExactly "Bearer $Token"
            $server.Log[0].Path | Should -Be "/v1/workspaces/$WorkspaceId/query"
            $sent = $server.Log[0].Body | ConvertFrom-Json
            $sent.timespan | Should -Be '2024-05-05T00:00:00.0000000Z/2024-05-12T00:00:00.0000000Z'
            $sent.query | Should -Match 'has_any \("web1\.contoso\.com", "web1"\)'

            ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -Not -BeNullOrEmpty
            ($all | Out-String -Width 500) | Should -Not -Match $Token
            ($all | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue) | Should -Not -Match $Token
        } finally { Stop-FakeHttpService $server }
    }

    It 'turns a 403 into LogAnalyticsForbidden naming Log Analytics Reader, without leaking an echoed token' {
        $body = '{"error":{"message":"Insufficient access. Header: {AUTH}","code":"InsufficientAccessError"}}'
        $server = Start-FakeHttpService -Responses @(@{ Status = 403; Body = $body })
        try {
            $secure = ConvertTo-SecureString $Token -AsPlainText -Force
            $all = Get-B64RelatedAlert -WorkspaceId $WorkspaceId -Computer web1 -Endpoint $server.Endpoint -AccessToken $secure `
                -Last ([timespan]::FromDays(1)) -Verbose -ErrorVariable err -ErrorAction SilentlyContinue *>&1
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'LogAnalyticsForbidden,B64Hunt.Commands.GetB64RelatedAlertCommand'
            $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err[0].ToString() | Should -Match 'Log Analytics Reader'
            $server.Log[0].Authorization | Should -BeExactly "Bearer $Token"
            ($all | Out-String -Width 500) | Should -Not -Match $Token
            ($err | Format-List * -Force | Out-String -Width 500) | Should -Not -Match $Token
            $err[0].Exception.ToString() | Should -Not -Match $Token
        } finally { Stop-FakeHttpService $server }
    }

    It 'turns a 400 syntax error into LogAnalyticsSyntaxError with the position' {
        $body = '{"error":{"message":"The request had some invalid properties","code":"BadArgumentError","innererror":{"code":"SyntaxError","message":"A recognition error occurred in the query.","innererror":{"code":"SYN0002","message":"Query could not be parsed at ''<EOF>'' on line [2,299]","line":2,"pos":299,"token":"<EOF>"}}}}'
        $server = Start-FakeHttpService -Responses @(@{ Status = 400; Body = $body })
        try {
            Get-B64RelatedAlert -WorkspaceId $WorkspaceId -Computer web1 -Endpoint $server.Endpoint -AccessToken $Token `
                -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'LogAnalyticsSyntaxError,B64Hunt.Commands.GetB64RelatedAlertCommand'
            $err[0].ToString() | Should -Match 'line 2, position 299'
        } finally { Stop-FakeHttpService $server }
    }

    It 'has help with examples for every parameter' {
        $help = Get-Help Get-B64RelatedAlert -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
