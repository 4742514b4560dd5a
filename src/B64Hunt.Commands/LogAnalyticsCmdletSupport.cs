using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using B64Hunt.LogAnalytics;

namespace B64Hunt.Commands
{
    /// <summary>
    /// The sign-in and cloud parameters (LogAnalyticsCmdlet's and Connect-B64Hunt's properties store their values
    /// here; Invoke-B64TiLookup fills one for SentinelTI), turned into the engine's <see cref="LogAnalyticsConnection"/>.
    /// </summary>
    internal sealed class LogAnalyticsParameterBag
    {
        public bool UseManagedIdentity { get; set; }
        public string? ClientId { get; set; }
        public string? TenantId { get; set; }
        public object? AccessToken { get; set; }
        public bool DeviceCode { get; set; }
        public bool Interactive { get; set; }
        public string Environment { get; set; } = nameof(LogAnalyticsEnvironment.AzureCloud);
        public Uri? Endpoint { get; set; }
        public int? ServerTimeoutSeconds { get; set; }

        /// <exception cref="ArgumentException">Conflicting or unusable sign-in parameters.</exception>
        public LogAnalyticsConnection ToConnection(Action<string> deviceCodeMessage)
        {
            var chosen = (UseManagedIdentity ? 1 : 0) + (AccessToken != null ? 1 : 0) + (DeviceCode ? 1 : 0) + (Interactive ? 1 : 0);
            if (chosen > 1)
            {
                throw new ArgumentException("Choose one sign-in: -UseManagedIdentity, -AccessToken, -DeviceCode or -Interactive.");
            }
            var connection = new LogAnalyticsConnection
            {
                Environment = (LogAnalyticsEnvironment)Enum.Parse(typeof(LogAnalyticsEnvironment), Environment, ignoreCase: true),
                Endpoint = Endpoint,
                UseManagedIdentity = UseManagedIdentity,
                ClientId = string.IsNullOrWhiteSpace(ClientId) ? null : ClientId,
                TenantId = string.IsNullOrWhiteSpace(TenantId) ? null : TenantId,
                UseDeviceCode = DeviceCode,
                UseInteractiveBrowser = Interactive,
                DeviceCodeMessage = deviceCodeMessage,
            };
            if (ServerTimeoutSeconds.HasValue) connection.ServerTimeout = TimeSpan.FromSeconds(ServerTimeoutSeconds.Value);
            if (AccessToken != null) connection.SetAccessToken(ReadAccessToken(AccessToken));
            return connection;
        }

        /// <summary>
        /// PowerShell keeps bound values in InvocationInfo.BoundParameters, which every error, warning and verbose
        /// record carries (and ConvertTo-Json/Export-Clixml show); a token given as a string would leak through them.
        /// The shared dictionary is masked once the token is read, so no record can carry it.
        /// </summary>
        internal static void HideBoundToken(InvocationInfo invocation)
        {
            if (invocation.BoundParameters.ContainsKey("AccessToken")) invocation.BoundParameters["AccessToken"] = "***";
        }

        /// <summary>A token from a string, a SecureString, or Get-AzAccessToken's object (its Token property, string or SecureString).</summary>
        internal static string ReadAccessToken(object value)
        {
            var direct = TryReadToken(value);
            if (direct != null) return direct;
            var token = TryReadToken((value as PSObject ?? PSObject.AsPSObject(value)).Properties["Token"]?.Value);
            if (token != null) return token;
            throw new ArgumentException("-AccessToken takes a string, a SecureString or the object Get-AzAccessToken returns.");
        }

        private static string? TryReadToken(object? value) => (value is PSObject ps ? ps.BaseObject : value) switch
        {
            string text => text,
            SecureString secure => FromSecureString(secure),
            _ => null,
        };

        private static string FromSecureString(SecureString secure)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }

    /// <summary>
    /// Runs engine work on a worker and brings its callbacks back to the pipeline thread, where Write* is allowed:
    /// the worker posts items (objects to yield) and actions (verbose text, warnings, errors); the pipeline thread
    /// drains them as they come, so rows stream and a device-code prompt shows while the sign-in waits.
    /// </summary>
    internal sealed class PipelinePump<T> : IDisposable where T : class
    {
        private readonly BlockingCollection<object> _queue = new BlockingCollection<object>();
        private CancellationTokenSource? _work;

        /// <summary>From any thread: an item for <see cref="Run"/> to yield.</summary>
        public void Yield(T item) => Add(item);

        /// <summary>From any thread: an action to run on the pipeline thread.</summary>
        public void Post(Action action) => Add(action);

        private void Add(object entry)
        {
            try
            {
                _queue.Add(entry);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ObjectDisposedException)
            {
                // Completed or disposed: the consumer is gone (the pipeline stopped, or Select-Object -First had enough).
            }
        }

        /// <summary>
        /// Starts the work (with a token that Ctrl+C or an early stop of the consumer cancels) and yields its items on
        /// the calling (pipeline) thread; rethrows its failure.
        /// </summary>
        public IEnumerable<T> Run(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
        {
            _work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var token = _work.Token;
            var task = Task.Run(() => work(token), token);
            task.ContinueWith(_ => CompleteAdding(), TaskScheduler.Default);
            foreach (var entry in _queue.GetConsumingEnumerable())
            {
                if (entry is Action action) action();
                else yield return (T)entry;
            }
            if (task.IsCanceled || (task.IsFaulted && task.Exception?.GetBaseException() is OperationCanceledException))
            {
                // Ctrl+C: PowerShell is already stopping the pipeline.
                yield break;
            }
            task.GetAwaiter().GetResult();
        }

        private void CompleteAdding()
        {
            try
            {
                _queue.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
                // The consumer left first.
            }
        }

        public void Dispose()
        {
            // A consumer that stops early leaves the work running: cancel it, it posts to nobody.
            _work?.Cancel();
            _work?.Dispose();
            _queue.Dispose();
        }
    }
}
