# Issue 19: the workspace a query goes to when the call names none, and sign-ins that cannot prompt in a runbook.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    . (Join-Path $PSScriptRoot 'FakeHttpService.ps1')
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ("b64signin-" + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $Work | Out-Null
    $script:SessionWs = '11111111-2222-3333-4444-555555555555'
    $script:ConfigWs = '66666666-7777-8888-9999-aaaaaaaaaaaa'
    $script:GivenWs = 'bbbbbbbb-cccc-dddd-eeee-ffffffffffff'
    $cols = @('TimeGenerated:datetime', 'AlertName:string', 'AlertSeverity:string', 'Description:string', 'CompromisedEntity:string',
        'Entities:string', 'ExtendedProperties:string', 'SystemAlertId:string', 'ProviderName:string', 'Tactics:string',
        'Techniques:string', 'StartTime:datetime', 'EndTime:datetime') | ForEach-Object { $n, $t = $_ -split ':'; @{ name = $n; type = $t } }
    $script:EmptyAlerts = @{ tables = @(@{ name = 'PrimaryResult'; columns = $cols; rows = @() }) } | ConvertTo-Json -Depth 6
    $script:EmptyCommands = @{ tables = @(@{ name = 'PrimaryResult'; rows = @()
                columns = @(@{ name = 'TimeGenerated'; type = 'datetime' }, @{ name = 'Computer'; type = 'string' }, @{ name = 'CommandLine'; type = 'string' }) }) } |
        ConvertTo-Json -Depth 6

    # A config folder of its own: no ./msticpyconfig.yaml or ~/.msticpy/ of the machine is found.
    $script:Saved = @{ MSTICPYCONFIG = $env:MSTICPYCONFIG; HOME = $env:HOME }
    $env:HOME = $Work
    $env:MSTICPYCONFIG = $null
    Push-Location $Work
    function script:Write-Msticpy([string[]] $Lines) {
        $path = Join-Path $Work ("msticpy-" + [guid]::NewGuid() + '.yaml')
        Set-Content -LiteralPath $path -Value $Lines
        $env:MSTICPYCONFIG = $path
        $path
    }
    # The workspace of each query the fake service saw (POST /v1/workspaces/{id}/query).
    function script:Get-QueriedWorkspace($Server) { $Server.Log | ForEach-Object { ($_.Path -split '/')[3] } }
}
AfterAll {
    Pop-Location
    $env:MSTICPYCONFIG = $Saved.MSTICPYCONFIG
    $env:HOME = $Saved.HOME
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}

Describe 'The workspace when -WorkspaceId is not given' {
    AfterEach { Disconnect-B64Hunt; $env:MSTICPYCONFIG = $null }

    It 'queries the Connect-B64Hunt workspace, from Get-B64RelatedAlert and Get-B64Command' {
        $null = Connect-B64Hunt -WorkspaceId $SessionWs -AccessToken 'session-token'
        $null = Write-Msticpy 'AzureSentinel:', '  Workspaces:', '    Default:', "      WorkspaceId: $ConfigWs"
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $EmptyAlerts }, @{ Status = 200; Body = $EmptyCommands })
        try {
            $null = Get-B64RelatedAlert -Endpoint $server.Endpoint -Computer web1 -Last 1d -WarningAction SilentlyContinue
            $null = Get-B64Command -Endpoint $server.Endpoint -Query 'Syslog | take 1' -Last 1d -WarningAction SilentlyContinue
            Get-QueriedWorkspace $server | Should -Be $SessionWs, $SessionWs
        }
        finally { Stop-FakeHttpService $server }
    }

    It "reads msticpyconfig.yaml's AzureSentinel.Workspaces.Default when no session holds one, and says so with -Verbose" {
        $path = Write-Msticpy 'TIProviders:', '  OTX: {Args: {AuthKey: x}, Provider: OTX}', 'AzureSentinel:', '  Workspaces:',
            '    Default:', "      WorkspaceId: `"$ConfigWs`"", '      TenantId: "contoso.onmicrosoft.com"',
            '    Other:', "      WorkspaceId: $GivenWs"
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $EmptyAlerts })
        try {
            $verbose = Get-B64RelatedAlert -Endpoint $server.Endpoint -AccessToken 't' -Computer web1 -Last 1d -Verbose -WarningAction SilentlyContinue 4>&1
            Get-QueriedWorkspace $server | Should -Be $ConfigWs
            ($verbose | Out-String) | Should -BeLike "*Workspace $ConfigWs (AzureSentinel.Workspaces.Default of $path)*"
        }
        finally { Stop-FakeHttpService $server }
    }

    It 'lets -WorkspaceId win over the session and msticpyconfig.yaml' {
        $null = Connect-B64Hunt -WorkspaceId $SessionWs -AccessToken 'session-token'
        $null = Write-Msticpy 'AzureSentinel:', '  Workspaces:', '    Default:', "      WorkspaceId: $ConfigWs"
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $EmptyAlerts })
        try {
            $null = Get-B64RelatedAlert -WorkspaceId $GivenWs -Endpoint $server.Endpoint -Computer web1 -Last 1d -WarningAction SilentlyContinue
            Get-QueriedWorkspace $server | Should -Be $GivenWs
        }
        finally { Stop-FakeHttpService $server }
    }

    It 'stops with WorkspaceNotGiven, the fix first, when there is no workspace anywhere, before any query' {
        $server = Start-FakeHttpService -Responses @(@{ Status = 200; Body = $EmptyAlerts })
        try {
            foreach ($call in { Get-B64RelatedAlert -Endpoint $server.Endpoint -AccessToken 't' -Computer web1 -Last 1d },
                              { Get-B64Command -Endpoint $server.Endpoint -AccessToken 't' -Table Auoms -Last 1d }) {
                $err = $null
                try { & $call; throw 'not stopped' } catch { $err = $_ }
                $err.FullyQualifiedErrorId | Should -BeLike 'WorkspaceNotGiven,*'
                $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
                $err.TargetObject | Should -Be 'WorkspaceId'
                "$err" | Should -BeLike 'Give -WorkspaceId or run Connect-B64Hunt -WorkspaceId *no msticpyconfig.yaml was found*'
            }
            $server.Log | Should -HaveCount 0
            $null = Write-Msticpy 'AzureSentinel:', '  Workspaces:', '    Other:', "      WorkspaceId: $GivenWs"
            try { Get-B64RelatedAlert -Endpoint $server.Endpoint -AccessToken 't' -Computer web1; throw 'not stopped' } catch { $err = $_ }
            "$err" | Should -BeLike '*msticpy-*.yaml sets no AzureSentinel.Workspaces.Default.WorkspaceId*'
        }
        finally { Stop-FakeHttpService $server }
    }

    It 'reports a Default WorkspaceId that is not a GUID as InvalidConfigFile with its line' {
        $path = Write-Msticpy 'AzureSentinel:', '  Workspaces:', '    Default:', '      WorkspaceId: my-workspace'
        $err = $null
        try { Get-B64RelatedAlert -AccessToken 't' -Computer web1; throw 'not stopped' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidConfigFile,*'
        "$err" | Should -BeLike "${path}:4:*AzureSentinel.Workspaces.Default.WorkspaceId must be a Workspace ID (a GUID), not 'my-workspace'*"
    }

    It 'leaves the file sets alone: -Path and -Sample need no workspace' {
        @(Get-B64RelatedAlert -Sample).Count | Should -BeGreaterThan 0
        @(Get-B64Command -Sample -WarningAction SilentlyContinue).Count | Should -BeGreaterThan 0
    }
}

Describe 'Interactive sign-in in a session that cannot prompt' {
    It 'is refused under pwsh -NonInteractive on every cmdlet that signs in, fix first, before any request' {
        $calls = 'Connect-B64Hunt -Interactive',
            'Connect-B64Hunt -DeviceCode',
            "Get-B64Command -WorkspaceId $GivenWs -Last 1d -Interactive -Endpoint http://127.0.0.1:9/",
            "Get-B64Command -DefenderXdr -DeviceCode -Endpoint http://127.0.0.1:9/",
            "Get-B64RelatedAlert -WorkspaceId $GivenWs -Computer web1 -Interactive -Endpoint http://127.0.0.1:9/",
            "Get-B64RelatedAlert -Cluster https://c.kusto.windows.net -Database d -Computer web1 -DeviceCode"
        $body = ($calls | ForEach-Object { "try { $_ -ErrorAction Stop; 'ran' } catch { `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category + '|' + `$_.TargetObject + '|' + `$_.Exception.Message }" }) -join "`n"
        $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command "Import-Module '$($env:B64HUNT_MODULE)'`n$body"
        $out | Should -HaveCount $calls.Count
        foreach ($line in $out) {
            $id, $category, $target, $message = $line -split '\|'
            $id | Should -BeLike 'B64HuntInteractiveSignInRefused,*'
            $category | Should -Be 'InvalidOperation'
            $target | Should -BeIn '-Interactive', '-DeviceCode'
            $message | Should -BeLike 'Use -Identity, -AccessToken, or a service principal *cannot prompt.'
            $message | Should -Not -Match "`n"
        }
    }

    It 'takes -Identity as the managed-identity switch everywhere the sign-in is chosen' {
        foreach ($name in 'Connect-B64Hunt', 'Get-B64Command', 'Get-B64RelatedAlert', 'Invoke-B64TiLookup') {
            $p = (Get-Command $name).Parameters
            ($p.ContainsKey('Identity') -or $p.Values.Where({ $_.Aliases -contains 'Identity' }).Count -eq 1) | Should -BeTrue -Because $name
        }
    }
}
