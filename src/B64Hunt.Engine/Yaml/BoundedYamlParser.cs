using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace B64Hunt.Yaml
{
    /// <summary>
    /// Wraps a YAML parser so that hostile structure is a <see cref="YamlException"/> at the offending node instead of a
    /// crash or a hang while YamlStream loads it:
    ///  * nesting deeper than <see cref="MaxDepth"/>: YamlStream.Load builds nodes recursively, and "[[[[..." tens of
    ///    thousands deep overflows the stack, which kills the PowerShell process (no catch stops a stack overflow);
    ///  * aliases that expand to more than <see cref="MaxExpandedNodes"/> nodes ("billion laughs"): an aliased
    ///    collection used as a mapping key is hashed node by node, so ten levels of ten aliases each take hours.
    /// </summary>
    internal sealed class BoundedYamlParser : IParser
    {
        /// <summary>Far above any rule, config or GTFOBins file (they nest under ten levels); far below the stack's limit.</summary>
        public const int MaxDepth = 128;

        /// <summary>Nodes of the document with every alias expanded; the bundled rule file has about 5,000.</summary>
        public const long MaxExpandedNodes = 1_000_000;

        private readonly IParser _inner;
        private readonly Stack<Frame> _open = new Stack<Frame>();
        private readonly Dictionary<string, long> _anchorSizes = new Dictionary<string, long>();
        private long _expanded;

        public BoundedYamlParser(IParser inner) => _inner = inner;

        public ParsingEvent? Current => _inner.Current;

        public bool MoveNext()
        {
            if (!_inner.MoveNext()) return false;
            var current = _inner.Current!;
            switch (current)
            {
                case DocumentStart _:
                    _anchorSizes.Clear();
                    _expanded = 0;
                    break;
                case Scalar scalar:
                    Count(current, 1);
                    if (!scalar.Anchor.IsEmpty) _anchorSizes[scalar.Anchor.Value] = 1;
                    break;
                case AnchorAlias alias:
                    Count(current, _anchorSizes.TryGetValue(alias.Value.Value, out long size) ? size : 1);
                    break;
                case SequenceStart _:
                case MappingStart _:
                    if (_open.Count >= MaxDepth) throw new YamlException(current.Start, current.End, $"The YAML nests deeper than {MaxDepth} levels.");
                    Count(current, 1);
                    var anchor = ((NodeEvent)current).Anchor;
                    _open.Push(new Frame(anchor.IsEmpty ? null : anchor.Value));
                    break;
                case SequenceEnd _:
                case MappingEnd _:
                    if (_open.Count > 0)
                    {
                        var frame = _open.Pop();
                        // The collection node itself was counted (in its parent too) when it started.
                        if (frame.Anchor != null) _anchorSizes[frame.Anchor] = frame.Size + 1;
                        if (_open.Count > 0) _open.Peek().Size += frame.Size;
                    }
                    break;
            }
            return true;
        }

        // Adds a node (or an alias's expansion) to the document total and to the collection it sits in.
        private void Count(ParsingEvent at, long nodes)
        {
            _expanded += nodes;
            if (_expanded > MaxExpandedNodes)
            {
                throw new YamlException(at.Start, at.End, $"The YAML's aliases expand to more than {MaxExpandedNodes:N0} nodes.");
            }
            if (_open.Count > 0) _open.Peek().Size += nodes;
        }

        private sealed class Frame
        {
            public Frame(string? anchor) => Anchor = anchor;

            public string? Anchor { get; }

            /// <summary>The nodes inside the collection, aliases expanded (not the collection node itself).</summary>
            public long Size { get; set; }
        }
    }
}
