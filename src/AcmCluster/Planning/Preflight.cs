using System;
using System.Collections.Generic;
using AcmCluster.Internal;

namespace AcmCluster.Planning;

/// <summary>
/// Runs a procedure's preconditions, one named check at a time. A procedure stops at the first failure (its
/// error is the procedure's error, before anything changes); Test-AcmClusterProcedure and -WhatIf run every
/// check and report each. Both run the very same checks: the planners' CheckPreconditions.
/// </summary>
internal sealed class Preflight
{
    private readonly bool _stopAtFirstFailure;

    public Preflight(bool stopAtFirstFailure) => _stopAtFirstFailure = stopAtFirstFailure;

    /// <summary>For a procedure: the first failed check throws its error.</summary>
    public static Preflight ForProcedure() => new(stopAtFirstFailure: true);

    /// <summary>For the preflight report: every check runs and is recorded.</summary>
    public static Preflight ForReport() => new(stopAtFirstFailure: false);

    public List<PreflightCheck> Results { get; } = new();

    public bool AllPassed => Results.TrueForAll(r => r.Passed);

    /// <summary>Runs one check: it passes with the detail <paramref name="check"/> returns, and fails with the AcmException it throws.</summary>
    public bool Check(string name, string target, Func<string> check)
    {
        try
        {
            Results.Add(new PreflightCheck { Check = name, Target = target, Passed = true, Detail = check() });
            return true;
        }
        catch (AcmException e) when (!_stopAtFirstFailure)
        {
            Results.Add(new PreflightCheck { Check = name, Target = target, Passed = false, Detail = e.Message, Recommendation = e.RecommendedAction, ErrorId = e.ErrorId });
            return false;
        }
    }
}
