using System;
using Landscape.Generators.Objective;
using Landscape.Generators.Objective.Model;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>Hash-consing and the two simplification levels of the expression graph.</summary>
public sealed class ExpressionGraphTests
{
    [Fact]
    public void StructurallyEqualNodes_AreOneNode()
    {
        var g = new ExpressionGraph(preserveValues: true);
        int x = g.Coordinate(0), y = g.Coordinate(1);
        int a = g.Multiply(g.Add(x, y), g.Function(Op.Sin, x));
        int b = g.Multiply(g.Add(x, y), g.Function(Op.Sin, x));
        Assert.Equal(a, b);
        Assert.NotEqual(g.Add(x, y), g.Add(y, x)); // no reordering: IEEE + is commutative, but the written order is kept
        Assert.NotEqual(g.Constant(0.0), g.Constant(-0.0)); // bitwise constants
        Assert.Equal(g.Constant(double.NaN), g.Constant(double.NaN));
    }

    [Fact]
    public void ValuePreservingRules_ApplyInBothModes()
    {
        foreach (bool preserve in new[] { true, false })
        {
            var g = new ExpressionGraph(preserve);
            int x = g.Coordinate(0);
            Assert.Equal(g.Constant(6), g.Multiply(g.Constant(2), g.Constant(3)));         // folding
            Assert.Equal(g.Constant(1.0 / 3), g.Divide(g.Constant(1), g.Constant(3)));
            Assert.Equal(x, g.Multiply(x, g.Constant(1)));                                  // x·1
            Assert.Equal(x, g.Multiply(g.Constant(1), x));
            Assert.Equal(x, g.Divide(x, g.Constant(1)));
            Assert.Equal(g.Negate(x), g.Multiply(x, g.Constant(-1)));
            Assert.Equal(x, g.Negate(g.Negate(x)));                                         // −(−x)
            Assert.Equal(x, g.Subtract(x, g.Constant(0.0)));                                // x − (+0)
            Assert.Equal(x, g.Add(x, g.Constant(-0.0)));                                    // x + (−0)
            Assert.Equal(x, g.Pow(x, g.Constant(1)));
            Assert.Equal(g.Constant(1), g.Pow(x, g.Constant(0)));
            Assert.Equal(x, g.Conditional(g.Compare(Op.Less, g.Constant(1), g.Constant(2)), x, g.Constant(5)));
            Assert.Equal(x, g.Conditional(g.Compare(Op.Less, x, g.Constant(2)), x, x));
            Assert.Equal(g.Function(Op.Abs, x), g.Function(Op.Abs, g.Negate(x)));
        }
    }

    [Fact]
    public void AlgebraicRules_ApplyOnlyToDerivatives()
    {
        var exact = new ExpressionGraph(preserveValues: true);
        int x = exact.Coordinate(0);
        // x + 0 is −0 + 0 = +0 at x = −0, and 0·x is NaN at x = ∞: kept as written in f.
        Assert.Equal(Op.Add, exact[exact.Add(x, exact.Constant(0))].Op);
        Assert.Equal(Op.Multiply, exact[exact.Multiply(exact.Constant(0), x)].Op);
        Assert.Equal(Op.Subtract, exact[exact.Subtract(x, x)].Op);

        var g = new ExpressionGraph(preserveValues: false);
        int y = g.Coordinate(0), z = g.Coordinate(1);
        Assert.Equal(y, g.Add(y, g.Constant(0)));
        Assert.Equal(y, g.Add(g.Constant(0), y));
        Assert.True(g.IsZero(g.Multiply(g.Constant(0), y)));
        Assert.True(g.IsZero(g.Multiply(y, g.Constant(-0.0))));
        Assert.True(g.IsZero(g.Divide(g.Constant(0), y)));
        Assert.True(g.IsZero(g.Subtract(y, y)));
        Assert.Equal(g.Negate(z), g.Subtract(g.Constant(0), z));
        Assert.Equal(g.Subtract(y, z), g.Add(y, g.Negate(z)));
        Assert.Equal(g.Subtract(z, y), g.Negate(g.Subtract(y, z)));
        Assert.Equal(g.Multiply(g.Constant(6), y), g.Multiply(g.Constant(2), g.Multiply(g.Constant(3), y)));
        Assert.Equal(g.Multiply(g.Constant(2), y), g.Multiply(y, g.Constant(2)));          // constants to the left
        Assert.Equal(g.Negate(g.Multiply(y, z)), g.Multiply(g.Negate(y), z));
        Assert.Equal(g.Multiply(y, z), g.Multiply(g.Negate(y), g.Negate(z)));
    }

    [Fact]
    public void TranscendentalFunctions_AreNeverFolded()
    {
        var g = new ExpressionGraph(preserveValues: false);
        ExprNode node = g[g.Function(Op.Exp, g.Constant(1))];
        Assert.Equal(Op.Exp, node.Op); // the host's Math.Exp must not decide the generated constant's last bit
    }

    [Fact]
    public void ForDerivatives_KeepsTheSpecsIndices()
    {
        var g = new ExpressionGraph(preserveValues: true);
        int x = g.Coordinate(0);
        int f = g.Add(g.Multiply(x, x), g.Constant(0)); // kept as written in exact mode
        ExpressionGraph copy = ExpressionGraph.ForDerivatives(g.ToEquatableArray());
        Assert.Equal(g.Count, copy.Count);
        for (int i = 0; i < g.Count; i++) Assert.Equal(g[i], copy[i]);
        Assert.Equal(Op.Add, copy[f].Op);
    }
}
