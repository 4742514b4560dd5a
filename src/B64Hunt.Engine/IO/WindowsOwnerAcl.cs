using System;
using System.IO;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace B64Hunt.IO
{
    /// <summary>
    /// The Windows counterpart of 0700/0600: a protected ACL (nothing inherited from the parent folder) that grants the
    /// current user, SYSTEM and Administrators only; and the check that refuses a cache another account owns or may write.
    /// </summary>
    internal static class WindowsOwnerAcl
    {
        // The guard attribute lets the platform analyzer (CA1416) see callers' IsWindows checks.
        [SupportedOSPlatformGuard("windows")]
        public static bool IsWindows => OperatingSystem.IsWindows();

        /// <summary>Replaces the ACL of a folder or file with owner-only access. False when it could not be set.</summary>
        [SupportedOSPlatform("windows")]
        public static bool RestrictToOwner(string path, bool directory)
        {
            if (!IsWindows) return false;
            try
            {
                var user = WindowsIdentity.GetCurrent().User;
                if (user == null) return false;
                var inherit = directory ? InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit : InheritanceFlags.None;
                FileSystemSecurity security = directory ? new DirectorySecurity() : (FileSystemSecurity)new FileSecurity();
                security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
                foreach (var sid in Trusted(user))
                {
                    security.AddAccessRule(new FileSystemAccessRule(sid, FileSystemRights.FullControl, inherit, PropagationFlags.None, AccessControlType.Allow));
                }
                if (directory) new DirectoryInfo(path).SetAccessControl((DirectorySecurity)security);
                else new FileInfo(path).SetAccessControl((FileSecurity)security);
                return true;
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is SystemException)
            {
                return false;
            }
        }

        /// <summary>Null when trusted; else why not. Not Windows, or an ACL that cannot be read: trusted (nothing to say).</summary>
        [SupportedOSPlatform("windows")]
        public static string? Distrust(string path, bool directory, string what)
        {
            if (!IsWindows) return null;
            try
            {
                var user = WindowsIdentity.GetCurrent().User;
                if (user == null) return null;
                FileSystemSecurity security = directory
                    ? new DirectoryInfo(path).GetAccessControl()
                    : (FileSystemSecurity)new FileInfo(path).GetAccessControl();
                var owner = security.GetOwner(typeof(SecurityIdentifier)) as SecurityIdentifier;
                var trusted = Trusted(user);
                if (owner != null && Array.IndexOf(trusted, owner) < 0) return $"the cache {what} belongs to another account ({owner.Value})";
                const FileSystemRights Write = FileSystemRights.WriteData | FileSystemRights.AppendData | FileSystemRights.Delete
                    | FileSystemRights.ChangePermissions | FileSystemRights.TakeOwnership | FileSystemRights.WriteAttributes;
                foreach (FileSystemAccessRule rule in security.GetAccessRules(true, true, typeof(SecurityIdentifier)))
                {
                    if (rule.AccessControlType != AccessControlType.Allow || (rule.FileSystemRights & Write) == 0) continue;
                    if (rule.IdentityReference is SecurityIdentifier sid && Array.IndexOf(trusted, sid) < 0)
                    {
                        return $"the cache {what} can be written by another account ({sid.Value})";
                    }
                }
                return null;
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is SystemException)
            {
                return null;
            }
        }

        [SupportedOSPlatform("windows")]
        private static SecurityIdentifier[] Trusted(SecurityIdentifier user) => new[]
        {
            user,
            new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
            new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
        };
    }
}
