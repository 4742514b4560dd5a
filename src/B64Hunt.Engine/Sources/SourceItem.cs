using B64Hunt.Model;

namespace B64Hunt.Sources
{
    /// <summary>What a read yields: a command record, or a problem met on the way (never both).</summary>
    public readonly struct SourceItem
    {
        private SourceItem(CommandRecord? record, Problem? problem)
        {
            Record = record;
            Problem = problem;
        }

        public CommandRecord? Record { get; }

        public Problem? Problem { get; }

        public bool IsRecord => Record != null;

        public static SourceItem FromRecord(CommandRecord record) => new SourceItem(record, null);

        public static SourceItem FromProblem(Problem problem) => new SourceItem(null, problem);

        public override string ToString() => Record?.ToString() ?? Problem?.ToString() ?? string.Empty;
    }
}
