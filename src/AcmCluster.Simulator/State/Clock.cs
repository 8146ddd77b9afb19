using System;

namespace AcmCluster.Simulator.State;

internal static class Clock
{
    public static double Now() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;

    public static DateTime ToLocal(double t) => DateTime.UnixEpoch.AddSeconds(t).ToLocalTime();

    // DateTime.UnixEpoch.AddSeconds(t).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", InvariantCulture),
    // formatted by hand: the custom-format path is JIT-compiled in every process (every call logs a time).
    public static string Iso(double t)
    {
        DateTime d = DateTime.UnixEpoch.AddSeconds(t);
        Span<char> c = stackalloc char[28];
        Digits(c[..4], d.Year);
        c[4] = '-';
        Digits(c.Slice(5, 2), d.Month);
        c[7] = '-';
        Digits(c.Slice(8, 2), d.Day);
        c[10] = 'T';
        Digits(c.Slice(11, 2), d.Hour);
        c[13] = ':';
        Digits(c.Slice(14, 2), d.Minute);
        c[16] = ':';
        Digits(c.Slice(17, 2), d.Second);
        c[19] = '.';
        Digits(c.Slice(20, 7), (int)(d.Ticks % TimeSpan.TicksPerSecond));
        c[27] = 'Z';
        return new string(c);
    }

    private static void Digits(Span<char> into, int value)
    {
        for (int i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    public static void SleepSeconds(double s)
    {
        if (s > 0)
        {
            System.Threading.Thread.Sleep(TimeSpan.FromSeconds(s));
        }
    }
}
