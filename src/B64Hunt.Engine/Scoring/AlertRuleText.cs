using System;

namespace B64Hunt.Scoring
{
    /// <summary>The alert rule a ranking used, in words: what -Verbose says when scoring and when reporting saved scores.</summary>
    public static class AlertRuleText
    {
        /// <param name="model">Default or Notebook (a CommandScore's Model).</param>
        /// <param name="window">The alert window; null under the notebook's rule of every alert of the host.</param>
        public static string Describe(string model, TimeSpan? window)
        {
            if (string.Equals(model, nameof(ScoringModel.Default), StringComparison.OrdinalIgnoreCase))
            {
                return $"Default model: alerts count within ±{window ?? AlertEvidence.DefaultWindow} of an execution on the alert's host, weighted by closeness.";
            }
            return window.HasValue
                ? $"Notebook model: alerts count only within ±{window.Value} of an execution of the command on the alert's host."
                : "Notebook model: every related alert of a command's host counts (the notebook's rule; -AlertWindow narrows it).";
        }
    }
}
