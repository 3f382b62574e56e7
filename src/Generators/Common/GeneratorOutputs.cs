using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Landscape.Generators.Common;

/// <summary>The two output steps every Landscape generator registers: report a spec's diagnostics, and add its source safely.</summary>
internal static class GeneratorOutputs
{
    /// <summary>Reports the equatable diagnostics of one declaration.</summary>
    public static void ReportDiagnostics(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo item in diagnostics) context.ReportDiagnostic(item.ToDiagnostic());
    }

    /// <summary>
    /// Adds the source produced by <paramref name="emit"/> under <paramref name="hintName"/>. An exception escaping a generator
    /// becomes CS8785 and drops all generated source, so an unexpected failure is reported as LSG0999 naming
    /// <paramref name="declarationName"/> instead.
    /// </summary>
    public static void AddSource(SourceProductionContext context, string hintName, string declarationName, Func<SourceText> emit)
    {
        SourceText text;
        try
        {
            text = emit();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, declarationName, exception.GetType().Name + ": " + exception.Message).ToDiagnostic());
            return;
        }
        context.AddSource(hintName, text);
    }
}
