using System.Globalization;
using Barometer.Analysis.Tables;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Barometer.Analysis.Scenarios;

// The YAML walk of ScenarioReader: one method per change kind, every problem collected with its position.
public static partial class ScenarioReader
{
    private sealed class Parser(string file, string yaml)
    {
        public List<DataError> Errors { get; } = [];

        private void Error(YamlNode node, string message) => Error(node.Start, message);
        private void Error(Mark mark, string message) => Errors.Add(new DataError(file, (int)mark.Line, (int)mark.Column, message));

        public Scenario? Run()
        {
            var stream = new YamlStream();
            var scanner = new Scanner(new StringReader(yaml));
            try
            {
                stream.Load(new YamlDotNet.Core.Parser(scanner));
            }
            catch (YamlException e)
            {
                var message = YamlMessagePrefix().Replace(e.Message, "");
                if (e.InnerException is YamlException inner && message.StartsWith("Exception during deserialization", StringComparison.Ordinal))
                {
                    message = YamlMessagePrefix().Replace(inner.Message, "");
                }

                if (!TabInIndentation(e.Start, message))
                {
                    Error(e.Start, $"malformed YAML: {message}");
                }

                return null;
            }
            catch (InvalidOperationException)
            {
                if (TabInIndentation(scanner.CurrentPosition, ""))
                {
                    return null;
                }
                // YamlDotNet's scanner fails this way on some malformed inline collections; its position is where it stopped.
                Error(scanner.CurrentPosition,
                    "malformed YAML: cannot parse the text here (check the commas, quotes and closing brackets of inline { } and [ ] collections)");
                return null;
            }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                Errors.Add(new DataError(file, 1, 1, "the file is empty: expected a mapping with name, issue and changes"));
                return null;
            }
            if (stream.Documents.Count > 1)
            {
                Error(stream.Documents[1].RootNode, "a scenario file holds one YAML document; found more than one");
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Error(stream.Documents[0].RootNode, $"expected a mapping with name, issue and changes, found {Describe(stream.Documents[0].RootNode)}");
                return null;
            }

            var fields = Fields(root, TopKeys, "a scenario");
            var name = fields.TryGetValue("name", out var nameNode) ? Text(nameNode.Value, "name") : Missing(root, "name");
            int? issue = fields.TryGetValue("issue", out var issueNode) ? Int(issueNode.Value, "issue") : MissingInt(root, "issue");
            var description = fields.TryGetValue("description", out var descNode) ? Text(descNode.Value, "description") : null;
            var changes = new List<ScenarioChange>();
            if (!fields.TryGetValue("changes", out var changesNode))
            {
                Error(root, "missing 'changes': the list of changes (remove, rescore, add, thresholds)");
            }
            else if (changesNode.Value is YamlSequenceNode list)
            {
                foreach (var item in list)
                {
                    changes.AddRange(Change(item));
                }
            }
            else if (!IsNull(changesNode.Value))
            {
                Error(changesNode.Value, $"'changes' must be a list of changes, found {Describe(changesNode.Value)}");
            }

            if (issue is null)
            {
                return null;
            }

            return new Scenario(name ?? "(unnamed)", issue.Value, changes, description, file)
            {
                IssuePosition = PositionOf(issueNode.Value.Start),
            };
        }

        /// <summary>
        /// YamlDotNet reports a tab in the indentation at the end of the previous value, or at 1:1. When the error
        /// speaks of a tab, or sits at 1:1 or on the line before or of the first indentation tab, that tab is reported
        /// at its own line and column instead (YAML indents with spaces only).
        /// </summary>
        private bool TabInIndentation(Mark at, string message)
        {
            if (ScenarioYamlLimits.FirstIndentationTab(yaml) is not var (line, column))
            {
                return false;
            }

            var near = message.Contains("tab", StringComparison.OrdinalIgnoreCase) || at.Line <= 1 || Math.Abs(at.Line - line) <= 1;
            if (!near)
            {
                return false;
            }

            Errors.Add(new DataError(file, line, column, "malformed YAML: a tab in the indentation (YAML indents with spaces only)"));
            return true;
        }

        private IEnumerable<ScenarioChange> Change(YamlNode node)
        {
            if (node is not YamlMappingNode map || map.Children.Count != 1)
            {
                var found = node is YamlMappingNode m2 && m2.Children.Count > 1
                    ? "several keys: " + string.Join(", ", m2.Children.Keys.Select(KeyText))
                    : Describe(node);
                Error(node, $"each change is a mapping with one key ({string.Join(", ", ChangeKeys)}); found {found}");
                return [];
            }
            var (keyNode, value) = map.Children.Single();
            var key = KeyText(keyNode);
            return key switch
            {
                RemoveKey => Remove(value),
                RescoreKey => Optional(Rescore(value)),
                AddKey => Optional(Add(value)),
                ThresholdsKey => Optional(Thresholds(value)),
                _ => Unknown(keyNode, key),
            };

            IEnumerable<ScenarioChange> Unknown(YamlNode k, string text)
            {
                Error(k, $"unknown change '{text}' (expected {string.Join(", ", ChangeKeys)})");
                return [];
            }
        }

        private static IEnumerable<ScenarioChange> Optional(ScenarioChange? change) => change is null ? [] : [change];

        private List<ScenarioChange> Remove(YamlNode value)
        {
            var items = value switch
            {
                YamlSequenceNode seq => seq.Children.ToList(),
                YamlScalarNode s when !IsNull(s) => [s],
                _ => null,
            };
            if (items is null || items.Count == 0)
            {
                Error(value, $"'remove' takes an event id or a list of ids, found {Describe(value)}");
                return [];
            }
            var result = new List<ScenarioChange>();
            foreach (var item in items)
            {
                if (Text(item, "remove") is { } id)
                {
                    result.Add(new RemoveEvent(id) { Position = PositionOf(item.Start) });
                }
            }

            return result;
        }

        private RescoreEvent? Rescore(YamlNode value)
        {
            if (value is not YamlMappingNode map)
            {
                Error(value, $"'rescore' takes a mapping {{ id, score }} or {{ id, nationalSecurity, regionalTension }}, found {Describe(value)}");
                return null;
            }
            var fields = Fields(map, RescoreKeys, "'rescore'");
            var id = Get(fields, "id") is { } idNode ? Text(idNode, "id") : Missing(map, "id");
            var score = IntField(fields, "score");
            var national = IntField(fields, "nationalSecurity");
            var regional = IntField(fields, "regionalTension");
            var ok = id is not null;
            if (!fields.ContainsKey("score") && !fields.ContainsKey("nationalSecurity") && !fields.ContainsKey("regionalTension"))
            {
                Error(map, "'rescore' needs a new score: 'score' for a relationship event, 'nationalSecurity' and/or 'regionalTension' for a security event");
                ok = false;
            }
            else if (fields.TryGetValue("score", out var scoreEntry) && (fields.ContainsKey("nationalSecurity") || fields.ContainsKey("regionalTension")))
            {
                Error(scoreEntry.Key, "give either 'score' (relationship event) or 'nationalSecurity'/'regionalTension' (security event), not both");
                ok = false;
            }
            if (!ok || (fields.ContainsKey("score") && score is null) || (fields.ContainsKey("nationalSecurity") && national is null)
                || (fields.ContainsKey("regionalTension") && regional is null))
            {
                return null;
            }

            return new RescoreEvent(id!, score, national, regional)
            {
                Position = PositionOf(map.Start),
                FieldPositions = Positions(fields),
            };
        }

        private ScenarioChange? Add(YamlNode value)
        {
            if (value is not YamlMappingNode map)
            {
                Error(value, $"'add' takes a mapping {{ partner, date, label, score }} or {{ security: true, date, label, nationalSecurity, regionalTension }}, found {Describe(value)}");
                return null;
            }
            var fields = Fields(map, AddKeys, "'add'");
            var security = false;
            if (Get(fields, "security") is { } secNode)
            {
                if (secNode is YamlScalarNode { Value: "true" or "True" or "TRUE" })
                {
                    security = true;
                }
                else if (secNode is YamlScalarNode { Value: "false" or "False" or "FALSE" })
                {
                    security = false;
                }
                else
                {
                    Error(secNode, $"'security' must be true or false, found {Describe(secNode)}");
                    return null;
                }
            }
            var errorsBefore = Errors.Count;
            var date = Get(fields, "date") is { } dateNode ? Text(dateNode, "date") : Missing(map, "date");
            var label = Get(fields, "label") is { } labelNode ? Text(labelNode, "label") : Missing(map, "label");
            var positions = Positions(fields);
            var at = PositionOf(map.Start);
            if (security)
            {
                Forbid(fields, "partner", "a security event has no partner");
                Forbid(fields, "score", "a security event is scored with 'nationalSecurity' and 'regionalTension', not 'score'");
                var national = Get(fields, "nationalSecurity") is { } n ? Int(n, "nationalSecurity") : MissingInt(map, "nationalSecurity");
                var regional = Get(fields, "regionalTension") is { } r ? Int(r, "regionalTension") : MissingInt(map, "regionalTension");
                return Errors.Count > errorsBefore ? null
                    : new AddSecurityEvent(date!, label!, national!.Value, regional!.Value) { Position = at, FieldPositions = positions };
            }
            Forbid(fields, "nationalSecurity", "'nationalSecurity' belongs to security events: add 'security: true' or use 'score'");
            Forbid(fields, "regionalTension", "'regionalTension' belongs to security events: add 'security: true' or use 'score'");
            var partner = Get(fields, "partner") is { } pNode ? Text(pNode, "partner")
                : MissingWith(map, "'add' needs 'partner' (a partner code such as EU) or 'security: true'");
            var score = Get(fields, "score") is { } sNode ? Int(sNode, "score") : MissingInt(map, "score");
            return Errors.Count > errorsBefore ? null
                : new AddRelationshipEvent(partner!, date!, label!, score!.Value) { Position = at, FieldPositions = positions };
        }

        private ReplaceThresholds? Thresholds(YamlNode value)
        {
            if (value is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                Error(value, $"'thresholds' takes a list of bands {{ colour, min, max }} from the least to the most severe, found {Describe(value)}");
                return null;
            }
            var errorsBefore = Errors.Count;
            var bands = new List<ThresholdBand>();
            foreach (var item in seq)
            {
                if (item is not YamlMappingNode band)
                {
                    Error(item, $"a threshold band is a mapping {{ colour, min, max }}, found {Describe(item)}");
                    continue;
                }
                var fields = Fields(band, BandKeys, "a threshold band");
                var colour = Get(fields, "colour") is { } c ? Text(c, "colour") : Missing(band, "colour");
                var min = IntField(fields, "min");
                var max = IntField(fields, "max");
                if (min is not null && max is not null && min > max)
                {
                    Error(fields["max"].Value, $"band '{colour}': max {max} is below min {min}");
                }

                if (colour is not null)
                {
                    bands.Add(new ThresholdBand(colour, min, max) { Position = PositionOf(band.Start) });
                }
            }
            return Errors.Count > errorsBefore ? null : new ReplaceThresholds(bands) { Position = PositionOf(seq.Start) };
        }

        // ---- helpers ----

        private Dictionary<string, KeyValuePair<YamlNode, YamlNode>> Fields(YamlMappingNode map, string[] known, string what)
        {
            var result = new Dictionary<string, KeyValuePair<YamlNode, YamlNode>>(StringComparer.Ordinal);
            foreach (var pair in map.Children)
            {
                var key = KeyText(pair.Key);
                if (!known.Contains(key, StringComparer.Ordinal))
                {
                    var hint = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(k, key.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
                    Error(pair.Key, $"unknown key '{key}' in {what}" + (hint is null ? "" : $" (did you mean '{hint}'?)")
                        + $"; known keys: {string.Join(", ", known)}");
                    // A near miss still counts as the key it resembles, so its value is checked and no "missing" error follows.
                    if (hint is null || map.Children.Keys.Any(k => KeyText(k) == hint))
                    {
                        continue;
                    }

                    key = hint;
                }
                result[key] = pair;
            }
            return result;
        }

        private static YamlNode? Get(Dictionary<string, KeyValuePair<YamlNode, YamlNode>> fields, string key) =>
            fields.TryGetValue(key, out var pair) ? pair.Value : null;

        private static Dictionary<string, SourcePosition> Positions(Dictionary<string, KeyValuePair<YamlNode, YamlNode>> fields) =>
            fields.ToDictionary(f => f.Key, f => PositionOf(f.Value.Value.Start), StringComparer.Ordinal);

        private void Forbid(Dictionary<string, KeyValuePair<YamlNode, YamlNode>> fields, string key, string message)
        {
            if (fields.TryGetValue(key, out var pair))
            {
                Error(pair.Key, message);
            }
        }

        /// <summary>Reports <paramref name="message"/> at <paramref name="parent"/>; null stands for the absent value.</summary>
        private string? MissingWith(YamlNode parent, string message)
        {
            Error(parent, message);
            return null;
        }

        private string? Missing(YamlNode parent, string key) => MissingWith(parent, $"missing '{key}'");

        private int? MissingInt(YamlNode parent, string key)
        {
            Missing(parent, key);
            return null;
        }

        private int? IntField(Dictionary<string, KeyValuePair<YamlNode, YamlNode>> fields, string key) =>
            Get(fields, key) is { } node ? Int(node, key) : null;

        private string? Text(YamlNode node, string key)
        {
            if (node is not YamlScalarNode scalar)
            {
                Error(node, $"'{key}' must be a single value, found {Describe(node)}");
                return null;
            }
            if (IsNull(scalar))
            {
                Error(node, $"'{key}' has no value");
                return null;
            }
            return scalar.Value!.Trim();
        }

        private int? Int(YamlNode node, string key)
        {
            var text = Text(node, key);
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Error(node, $"'{key}' must be an integer, found '{text}'");
            return null;
        }

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s
            && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

        private static string KeyText(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : key.ToString();

        private static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode s when IsNull(s) => "nothing",
            YamlScalarNode s => $"'{s.Value}'",
            _ => node.NodeType.ToString(),
        };
    }
}
