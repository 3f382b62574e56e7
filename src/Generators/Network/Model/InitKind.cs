namespace Landscape.Generators.Network.Model;

/// <summary>Mirror of <c>Landscape.Init</c> (values must match; a test checks them).</summary>
internal enum InitKind
{
    /// <summary>LeCun normal.</summary>
    Default = 0,

    /// <summary>He normal.</summary>
    He = 1,

    /// <summary>Xavier normal.</summary>
    Xavier = 2,

    /// <summary>Standard normal.</summary>
    Normal = 3,

    /// <summary>Zeros.</summary>
    Zeros = 4,
}
