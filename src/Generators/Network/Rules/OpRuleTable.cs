using System;
using System.Collections.Generic;
using Landscape.Generators.Network.Graph;

namespace Landscape.Generators.Network.Rules;

/// <summary>The rules of every op kind, indexed by <see cref="OpKind"/>: the one place a new layer kind is registered.</summary>
internal static class OpRuleTable
{
    /// <summary>One rules object per kind, indexed by the enum value.</summary>
    private static readonly IReadOnlyList<OpRules> s_rules = Build();

    /// <summary>The rules of <paramref name="kind"/>.</summary>
    public static OpRules For(OpKind kind) => s_rules[(int)kind];

    /// <summary>The rules of <paramref name="node"/>'s kind.</summary>
    public static OpRules For(OpNode node) => For(node.Kind);

    /// <summary>The table, checked to follow the enum (like Objective/Derivatives' primitive table).</summary>
    private static OpRules[] Build()
    {
        (OpKind Kind, OpRules Rules)[] rows =
        [
            (OpKind.Input, new InputRules()),
            (OpKind.Dense, new DenseRules()),
            (OpKind.Convolution, new ConvolutionRules()),
            (OpKind.MaxPool, new PoolingRules(OpKind.MaxPool)),
            (OpKind.AvgPool, new PoolingRules(OpKind.AvgPool)),
            (OpKind.GlobalAvgPool, new PoolingRules(OpKind.GlobalAvgPool)),
            (OpKind.Residual, new ResidualRules()),
            (OpKind.Loss, new LossRules()),
        ];
        var table = new OpRules[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            if ((int)rows[i].Kind != i) throw new InvalidOperationException($"Op rule table row {i} is {rows[i].Kind}; rows must follow the OpKind enum.");
            table[i] = rows[i].Rules;
        }
        return table;
    }
}
