using System;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

internal static class RmsHvassert
{
    public static int Run(ToolContext ctx)
    {
        string[] a = ctx.Args;
        if (a.Length >= 3 && a[0] == "-s" && a.Length <= 4)
        {
            // The seed also writes "-s <transaction_volume> <resource> <State>".
            string resource = a[^2];
            string state = a[^1];
            return Check(ctx, resource, state, 0);
        }
        if (a.Length >= 4 && a[0] == "-w" && a.Length <= 5)
        {
            string resource = a[^3];
            string state = a[^2];
            if (!double.TryParse(a[^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double wait) || wait < 0)
            {
                return ctx.Fail($"hvassert: invalid wait time '{a[^1]}'", 2);
            }
            return Check(ctx, resource, state, wait);
        }
        return ctx.Fail("Usage: hvassert -s resource state | hvassert -w resource state seconds", 2);
    }

    private static int Check(ToolContext ctx, string resource, string state, double wait)
    {
        if (!Rms.IsKnownState(state))
        {
            return ctx.Fail($"hvassert: ERROR: unknown state '{state}' (expected one of {string.Join(", ", Rms.KnownStates)})", 2);
        }
        double deadline = Clock.Now() + wait;
        while (true)
        {
            (int code, string? message, double sleep) = ctx.Store.Locked(s =>
            {
                if (!s.RmsRunning)
                {
                    return (1, "hvassert: RMS is not running", 0.0);
                }
                double now = Clock.Now();
                Detector.Observe(s, now);
                string? current = Rms.StateOf(s, resource, now);
                if (current is null)
                {
                    return (2, $"hvassert: ERROR: resource '{resource}' does not exist", 0.0);
                }
                if (current == state)
                {
                    return (0, (string?)null, 0.0);
                }
                // Waking just after the next tick is the earliest the answer can change.
                double next = s.Interval > 0 ? Detector.LastTick(s, now) + s.Interval - now + 0.005 : 0.05;
                return (1, $"hvassert: resource {resource} is {current}, not {state}", Math.Clamp(next, 0.01, 0.25));
            }, saveIf: s => s.RealMounts);
            if (code != 1 || message is null || message.EndsWith("not running", StringComparison.Ordinal))
            {
                return message is null ? code : ctx.Fail(message, code);
            }
            double remaining = deadline - Clock.Now();
            if (remaining <= 0)
            {
                return ctx.Fail(wait > 0 ? $"hvassert: timeout after {wait} seconds: {message["hvassert: ".Length..]}" : message, 1);
            }
            Clock.SleepSeconds(Math.Min(sleep, remaining));
        }
    }
}
