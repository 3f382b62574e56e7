using System;

namespace Landscape.Experiments.CommandLine;

/// <summary>A command line that cannot be carried out as given; the message says why (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }

    public UsageException() : base("Invalid command line.") { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
