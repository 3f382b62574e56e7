using System;
using System.Globalization;

namespace Landscape.Experiments.Studies;

/// <summary>Culture-independent text for the studies' messages.</summary>
internal static class StudyText
{
    /// <summary>Formats an interpolated string with the invariant culture (numbers read the same on every machine).</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
