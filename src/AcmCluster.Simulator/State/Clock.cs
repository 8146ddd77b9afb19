using System;

namespace AcmCluster.Simulator.State;

internal static class Clock
{
    public static double Now() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;

    public static DateTime ToLocal(double t) => DateTime.UnixEpoch.AddSeconds(t).ToLocalTime();

    public static string Iso(double t) =>
        DateTime.UnixEpoch.AddSeconds(t).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static void SleepSeconds(double s)
    {
        if (s > 0)
        {
            System.Threading.Thread.Sleep(TimeSpan.FromSeconds(s));
        }
    }
}
