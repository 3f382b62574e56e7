using System;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

/// <summary>Resolution of the studies' profile-dependent integer settings.</summary>
internal static class StudySettings
{
    /// <summary>
    /// A count whose 0 means "the profile's default": <paramref name="value"/> when positive, else
    /// <paramref name="profileDefault"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is negative (the message and parameter name it).</exception>
    public static int Positive(int value, int profileDefault, string name)
    {
        if (value < 0) throw new ArgumentException(Invariant($"{name} must be positive (or 0 for the profile default); got {value}."), name);
        return value == 0 ? profileDefault : value;
    }
}
