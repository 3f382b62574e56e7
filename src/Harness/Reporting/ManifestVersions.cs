namespace Landscape.Reporting;

/// <summary>The software and machine a run used.</summary>
/// <param name="Landscape">Landscape's informational version.</param>
/// <param name="Runtime">The .NET runtime description.</param>
/// <param name="Os">The operating system description.</param>
/// <param name="Cpu">The CPU model (from <c>/proc/cpuinfo</c> where present, otherwise the architecture).</param>
/// <param name="ProcessorCount">Logical processors visible to the process.</param>
/// <param name="Vector256">Whether 256-bit vectors are hardware accelerated.</param>
/// <param name="Vector512">Whether 512-bit vectors are hardware accelerated.</param>
/// <param name="Avx512F">Whether AVX-512F is supported.</param>
public sealed record ManifestVersions(string Landscape, string Runtime, string Os, string Cpu, int ProcessorCount,
    bool Vector256, bool Vector512, bool Avx512F);
