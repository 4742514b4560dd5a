# A fake HTTP service on 127.0.0.1 for the Pester suites (Log Analytics, Graph runHuntingQuery, Data Explorer):
# the listener starts here, so it is up before the cmdlet calls, and a background runspace answers the given
# responses in order (Status, Body with {AUTH} replaced by the request's Authorization header, optional Headers),
# logging what it saw (Path, Authorization, Body).
function Start-FakeHttpService {
    param([object[]] $Responses)
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $prefix = "http://127.0.0.1:$port/"
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add($prefix)
    $listener.Start()
    $log = [System.Collections.ArrayList]::Synchronized([System.Collections.ArrayList]::new())
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
        param($Listener, $Responses, $Log)
        foreach ($r in $Responses) {
            $ctx = $Listener.GetContext()
            $reader = [System.IO.StreamReader]::new($ctx.Request.InputStream)
            $null = $Log.Add([pscustomobject]@{
                Path = $ctx.Request.Url.AbsolutePath
                Authorization = $ctx.Request.Headers['Authorization']
                Body = $reader.ReadToEnd()
            })
            $bytes = [System.Text.Encoding]::UTF8.GetBytes($r.Body.Replace('{AUTH}', [string]$ctx.Request.Headers['Authorization']))
            $ctx.Response.StatusCode = $r.Status
            if ($r.Headers) { foreach ($k in $r.Headers.Keys) { $ctx.Response.Headers[$k] = $r.Headers[$k] } }
            $ctx.Response.ContentType = 'application/json'
            $ctx.Response.ContentLength64 = $bytes.Length
            $ctx.Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $ctx.Response.Close()
        }
    }).AddArgument($listener).AddArgument($Responses).AddArgument($log)
    $handle = $ps.BeginInvoke()
    [pscustomobject]@{ Endpoint = [uri]$prefix; Log = $log; Listener = $listener; PowerShell = $ps; Handle = $handle }
}

function Stop-FakeHttpService {
    param($Server)
    $Server.Listener.Stop()
    $Server.Listener.Close()
    $Server.PowerShell.Dispose()
}
