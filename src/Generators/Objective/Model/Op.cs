namespace Landscape.Generators.Objective.Model;

/// <summary>The operation of an <see cref="ExprNode"/>. Values are double unless the summary says bool.</summary>
internal enum Op : byte
{
    /// <summary>A double constant; the payload holds its IEEE bits.</summary>
    Constant,

    /// <summary>A bool constant (payload 0 or 1).</summary>
    BoolConstant,

    /// <summary>Coordinate θ[payload].</summary>
    Coordinate,

    /// <summary>A member of the type (or a static member) read at run time; the payload indexes <see cref="ObjectiveSpec.Members"/>.</summary>
    Member,

    /// <summary>−a.</summary>
    Negate,

    /// <summary>a + b.</summary>
    Add,

    /// <summary>a − b.</summary>
    Subtract,

    /// <summary>a · b.</summary>
    Multiply,

    /// <summary>a / b.</summary>
    Divide,

    /// <summary>eᵃ.</summary>
    Exp,

    /// <summary>ln a.</summary>
    Log,

    /// <summary>log₁₀ a.</summary>
    Log10,

    /// <summary>log₂ a.</summary>
    Log2,

    /// <summary>√a.</summary>
    Sqrt,

    /// <summary>∛a.</summary>
    Cbrt,

    /// <summary>tanh a.</summary>
    Tanh,

    /// <summary>sinh a.</summary>
    Sinh,

    /// <summary>cosh a.</summary>
    Cosh,

    /// <summary>sin a.</summary>
    Sin,

    /// <summary>cos a.</summary>
    Cos,

    /// <summary>tan a.</summary>
    Tan,

    /// <summary>arctan a.</summary>
    Atan,

    /// <summary>arsinh a.</summary>
    Asinh,

    /// <summary>|a|.</summary>
    Abs,

    /// <summary>sign(a) ∈ {−1, 0, 1} (a itself at ±0 and NaN); appears only in derivatives of <see cref="Abs"/>.</summary>
    Sign,

    /// <summary>aᵇ.</summary>
    Pow,

    /// <summary>max(a, b) with Math.Max semantics.</summary>
    Max,

    /// <summary>min(a, b) with Math.Min semantics.</summary>
    Min,

    /// <summary>a ? b : c, where a is bool.</summary>
    Conditional,

    /// <summary>bool: a &lt; b.</summary>
    Less,

    /// <summary>bool: a ≤ b.</summary>
    LessOrEqual,

    /// <summary>bool: a &gt; b.</summary>
    Greater,

    /// <summary>bool: a ≥ b.</summary>
    GreaterOrEqual,

    /// <summary>bool: a == b.</summary>
    Equal,

    /// <summary>bool: a != b.</summary>
    NotEqual,

    /// <summary>bool: a &amp;&amp; b.</summary>
    And,

    /// <summary>bool: a || b.</summary>
    Or,

    /// <summary>bool: !a.</summary>
    Not,
}
