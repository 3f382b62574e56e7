using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;

namespace Landscape.Experiments.CommandLine;

/// <summary>
/// The command-line options of one experiment's settings, built from its <see cref="SettingDescriptor"/>s. The options
/// only collect raw text: every value — given through a known option or left over as an unmatched token — is handed
/// to <see cref="ExperimentDescriptor.Create(IEnumerable{KeyValuePair{string, string}})"/>, the one place settings
/// are parsed, so unknown names and bad values get the catalog's precise messages.
/// </summary>
internal sealed class SettingOptions
{
    private readonly List<(SettingDescriptor Setting, Option Option)> _options = [];

    public SettingOptions(ExperimentDescriptor descriptor)
    {
        Descriptor = descriptor;
        foreach (var setting in descriptor.Settings)
        {
            Option option = setting.IsArray
                ? new Option<string[]>("--" + setting.Name) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true }
                : new Option<string>("--" + setting.Name) { Arity = setting.Kind == SettingKind.Boolean ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne };
            option.HelpName = setting.TypeDisplay;
            option.Description = Describe(setting);
            _options.Add((setting, option));
        }
    }

    /// <summary>The experiment.</summary>
    public ExperimentDescriptor Descriptor { get; }

    /// <summary>The options, in declaration order.</summary>
    public IEnumerable<Option> Options
    {
        get
        {
            foreach (var (_, option) in _options) yield return option;
        }
    }

    /// <summary>The help text of a setting: its description, the accepted enum names, and the default.</summary>
    public static string Describe(SettingDescriptor setting)
    {
        string text = setting.Description;
        if (setting.Kind == SettingKind.Enum && setting.EnumValues.Count > 0)
            text += $" (one of: {string.Join(", ", setting.EnumValues)})";
        if (setting.IsArray) text += " (several values: repeat, space- or comma-separate)";
        return text + $" [default: {(setting.Default.Length == 0 ? "empty" : setting.Default)}]";
    }

    /// <summary>
    /// The (setting, text) pairs of a parse: one per value of each known option (a bare boolean flag means
    /// <c>true</c>), then the tokens the parser did not recognize as <c>--name value…</c> groups, so that binding them
    /// reports an unknown setting with the catalog's message.
    /// </summary>
    /// <exception cref="UsageException">An unmatched value does not follow any <c>--name</c>.</exception>
    public List<KeyValuePair<string, string>> Pairs(ParseResult parse)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (setting, option) in _options)
        {
            if (parse.GetResult(option) is not OptionResult result) continue;
            if (result.Tokens.Count == 0 && setting.Kind == SettingKind.Boolean && !setting.IsArray) pairs.Add(new(setting.Name, "true"));
            foreach (var token in result.Tokens) pairs.Add(new(setting.Name, token.Value));
        }

        string? name = null;
        bool valueSeen = true;
        foreach (var token in parse.UnmatchedTokens)
        {
            if (token.StartsWith("--", System.StringComparison.Ordinal) && token.Length > 2)
            {
                if (name is not null && !valueSeen) pairs.Add(new(name, ""));
                name = token[2..];
                valueSeen = false;
                int equals = name.IndexOf('=', System.StringComparison.Ordinal);
                if (equals > 0)
                {
                    pairs.Add(new(name[..equals], name[(equals + 1)..]));
                    name = name[..equals];
                    valueSeen = true;
                }
                continue;
            }
            if (name is null)
                throw new UsageException($"Unexpected argument '{token}' for {Descriptor.Name}; settings are given as --name value.");
            pairs.Add(new(name, token));
            valueSeen = true;
        }
        if (name is not null && !valueSeen) pairs.Add(new(name, ""));
        return pairs;
    }
}
