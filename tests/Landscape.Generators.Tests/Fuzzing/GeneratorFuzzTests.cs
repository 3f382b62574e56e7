using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Landscape.Generators.Tests.Fuzzing;

/// <summary>
/// Generator fuzzing: seeded mutations of valid [Network] (dense, LeNet- and ResNet-like), [Objective] and [Experiment]
/// declarations (see <see cref="Mutator"/>), each compiled with the generators. For every variant: no generator exception
/// (no CS8785, no LSG0999); every error of the final compilation is accounted for by an LSG error or a compiler error in
/// the variant itself (generated code never fails on its own), hence every valid variant compiles; and on every network
/// variant that compiles and that <see cref="NetworkOracle"/> can judge, the network generator agrees with the oracle: an
/// LSG error, including the one the oracle expects, exactly when the oracle finds the declaration invalid. The counts are
/// written to the test output.
/// </summary>
/// <remarks>
/// LANDSCAPE_FUZZ_SEED and LANDSCAPE_FUZZ_VARIANTS override the seed (default 20261127) and the number of variants
/// (default 3,200) to explore further; a failure message names the seed, the variant index and the operators, so any
/// failing variant can be reproduced alone.
/// </remarks>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261127;
    private const int DefaultVariants = 3200;

    [Fact]
    public void Seeds_AreValid()
    {
        foreach (FuzzSeed seed in FuzzCorpus.Seeds)
        {
            FuzzOutcome outcome = FuzzHarness.Run(seed.Source);
            Assert.True(outcome.Crash is null && outcome.Valid && !outcome.GeneratedErrors && outcome.GeneratedFiles == 1,
                $"Seed '{seed.Name}' must be valid and generate one file; got {outcome}:\n{outcome.Errors}");
            // The oracle knows every network seed, and calls it valid.
            Assert.Equal(seed.Kind == "network" ? NetworkOracle.Valid : null, outcome.Expected);
        }
    }

    [Fact]
    public void Variants_NeverCrashTheGenerators_AndEveryErrorIsDiagnosed()
    {
        int seed = EnvironmentInt("LANDSCAPE_FUZZ_SEED", DefaultSeed);
        int variants = EnvironmentInt("LANDSCAPE_FUZZ_VARIANTS", DefaultVariants);
        IReadOnlyList<FuzzSeed> corpus = FuzzCorpus.Seeds;
        FuzzHarness.Run(corpus[0].Source); // load the references once before timing
        var clock = Stopwatch.StartNew();

        var sources = new string[variants];
        var operators = new string[variants][];
        var outcomes = new FuzzOutcome[variants];
        Parallel.For(0, variants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            // Each variant's mutations depend only on (seed, i): reproducible alone and for any thread count.
            var random = new Random(unchecked(seed * 31 + i));
            (sources[i], operators[i]) = Mutator.Mutate(corpus[i % corpus.Count].Source, random);
            outcomes[i] = FuzzHarness.Run(sources[i]);
        });
        clock.Stop();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"generator fuzzing: seed {seed}, {variants} variants in {clock.Elapsed.TotalSeconds:F1} s ({Environment.ProcessorCount} threads)");
        foreach (IGrouping<string, int> kind in Enumerable.Range(0, variants).GroupBy(i => corpus[i % corpus.Count].Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int valid = kind.Count(i => outcomes[i].Valid);
            int lsg = kind.Count(i => outcomes[i].GeneratorErrors);
            int compiler = kind.Count(i => outcomes[i].UserErrors && !outcomes[i].GeneratorErrors);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"  {kind.Key}: {kind.Count()} variants, {valid} valid (all compile), {kind.Count() - valid} invalid = {lsg} with an LSG error + {compiler} with only compiler errors");
        }
        foreach (IGrouping<string, int> op in Enumerable.Range(0, variants).SelectMany(i => operators[i].Distinct().Select(o => (o, i))).GroupBy(p => p.o, p => p.i).OrderBy(g => g.Key, StringComparer.Ordinal))
            report.AppendLine(CultureInfo.InvariantCulture, $"    {op.Key}: {op.Count()} variants, {op.Count(i => outcomes[i].Valid)} valid");
        int[] judged = Enumerable.Range(0, variants).Where(i => outcomes[i].Expected is not null).ToArray();
        string verdicts = string.Join(", ", judged.GroupBy(i => outcomes[i].Expected!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        report.AppendLine(CultureInfo.InvariantCulture, $"  oracle: {judged.Length} network variants judged: {verdicts}");
        output.WriteLine(report.ToString());

        int[] failures = Enumerable.Range(0, variants).Where(i => !outcomes[i].KeepsContract).ToArray();
        var message = new StringBuilder();
        message.AppendLine(CultureInfo.InvariantCulture, $"{failures.Length} of {variants} variants broke the contract (seed {seed}).");
        foreach (int i in failures.Take(5))
        {
            FuzzOutcome o = outcomes[i];
            string what = o.Crash is not null ? "the generator crashed: " + o.Crash
                : !o.AgreesWithOracle ? $"the oracle expected {o.Expected}, the generators reported [{o.Reported}]"
                : "errors only in generated code";
            message.AppendLine(CultureInfo.InvariantCulture, $"--- variant {i} (seed '{corpus[i % corpus.Count].Name}', operators {string.Join(", ", operators[i])}): {what}");
            message.AppendLine(sources[i]);
            message.AppendLine(o.Errors);
        }
        Assert.True(failures.Length == 0, message.ToString() + "\n" + report);

        // The run must exercise both outcomes for every generator, and the oracle both verdicts on many network rules, or it
        // proves little.
        foreach (string kind in corpus.Select(s => s.Kind).Distinct())
        {
            int[] ofKind = Enumerable.Range(0, variants).Where(i => corpus[i % corpus.Count].Kind == kind).ToArray();
            Assert.True(ofKind.Count(i => outcomes[i].Valid) >= ofKind.Length / 20, $"Too few valid {kind} variants.\n{report}");
            Assert.True(ofKind.Count(i => outcomes[i].GeneratorErrors) >= ofKind.Length / 20, $"Too few {kind} variants with an LSG error.\n{report}");
        }
        Assert.True(judged.Count(i => outcomes[i].Expected == NetworkOracle.Valid) >= judged.Length / 10, $"Too few variants the oracle calls valid.\n{report}");
        Assert.True(judged.Select(i => outcomes[i].Expected).Where(e => e != NetworkOracle.Valid).Distinct().Count() >= 10, $"The oracle expected too few different errors.\n{report}");
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
