using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Landscape.Reporting;

/// <summary>The software and hardware facts recorded in every manifest.</summary>
public static class MachineFacts
{
    /// <summary>Landscape's informational version (the assembly's <c>AssemblyInformationalVersion</c>).</summary>
    public static string LandscapeVersion =>
        typeof(MachineFacts).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(MachineFacts).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The CPU model: the first <c>model name</c> line of <c>/proc/cpuinfo</c>, else the architecture.</summary>
    public static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        try
        {
            if (File.Exists(cpuinfo))
            {
                foreach (var line in File.ReadLines(cpuinfo))
                {
                    if (!line.StartsWith("model name", StringComparison.Ordinal)) continue;
                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon >= 0) return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>The facts of this process and machine.</summary>
    public static ManifestVersions Current() => new(
        LandscapeVersion,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        CpuModel(),
        Environment.ProcessorCount,
        Vector256.IsHardwareAccelerated,
        Vector512.IsHardwareAccelerated,
        Avx512F.IsSupported);
}
