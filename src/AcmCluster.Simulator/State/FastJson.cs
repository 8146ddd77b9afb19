using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace AcmCluster.Simulator.State;

// Every simulated call reads state.json, appends a line to calls.log and
// usually rewrites state.json. Doing that with System.Text.Json cost ~25 ms of
// each ~80 ms call (loading System.Text.Json and System.Text.Encodings.Web,
// their start-up work and generic code JIT-compiled at run time), so the hot
// path uses the small reader and writer below, which are compiled ReadyToRun
// with the simulator. They cover only the JSON this program itself writes;
// for anything else they throw FastJsonUnsupported and the caller does the
// same work with System.Text.Json, so the bytes written, the values read and
// the exceptions thrown are exactly those of System.Text.Json.
internal sealed class FastJsonUnsupported : Exception
{
    public static readonly FastJsonUnsupported Instance = new();
}

// The subset of Utf8JsonWriter that StateCodec and the call log use.
internal interface IJsonSink
{
    void WriteStartObject();
    void WriteStartObject(string name);
    void WriteEndObject();
    void WriteStartArray(string name);
    void WriteEndArray();
    void WritePropertyName(string name);
    void WriteString(string name, string? value);
    void WriteStringValue(string value);
    void WriteNumber(string name, int value);
    void WriteNumber(string name, long value);
    void WriteNumber(string name, double value);
    void WriteBoolean(string name, bool value);
    void WriteNull(string name);
}

// Forwards to a real Utf8JsonWriter (the fallback, and the admin verbs).
internal sealed class Utf8JsonSink : IJsonSink
{
    private readonly Utf8JsonWriter _w;

    public Utf8JsonSink(Utf8JsonWriter w)
    {
        _w = w;
    }

    public void WriteStartObject() => _w.WriteStartObject();
    public void WriteStartObject(string name) => _w.WriteStartObject(name);
    public void WriteEndObject() => _w.WriteEndObject();
    public void WriteStartArray(string name) => _w.WriteStartArray(name);
    public void WriteEndArray() => _w.WriteEndArray();
    public void WritePropertyName(string name) => _w.WritePropertyName(name);
    public void WriteString(string name, string? value) => _w.WriteString(name, value);
    public void WriteStringValue(string value) => _w.WriteStringValue(value);
    public void WriteNumber(string name, int value) => _w.WriteNumber(name, value);
    public void WriteNumber(string name, long value) => _w.WriteNumber(name, value);
    public void WriteNumber(string name, double value) => _w.WriteNumber(name, value);
    public void WriteBoolean(string name, bool value) => _w.WriteBoolean(name, value);
    public void WriteNull(string name) => _w.WriteNull(name);

    // Runs write against a Utf8JsonWriter with default options (plus indentation) and returns the bytes.
    public static byte[] Render(bool indented, Action<IJsonSink> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(new Utf8JsonSink(w));
        }
        return buffer.ToArray();
    }
}

// Writes what Utf8JsonWriter with default options (Indented or not, two-space
// indentation, "\n" new lines, the default escaping) writes for the same calls,
// as long as every string is ASCII and every number finite; otherwise it throws
// FastJsonUnsupported.
internal sealed class FastJsonWriter : IJsonSink
{
    private readonly bool _indented;
    private byte[] _buf = new byte[4096];
    private int _len;
    private int _depth;
    // The current container already holds an item (a comma goes before the next one).
    private bool _hasItem;
    // The last token was a start of a container (its end goes on the same line).
    private bool _justOpened;
    // A property name was written and its value is next.
    private bool _afterName;
    private bool _any;

    public FastJsonWriter(bool indented)
    {
        _indented = indented;
    }

    public static byte[] Render(bool indented, Action<IJsonSink> write)
    {
        try
        {
            var w = new FastJsonWriter(indented);
            write(w);
            return w.ToArray();
        }
        catch (FastJsonUnsupported)
        {
            return Utf8JsonSink.Render(indented, write);
        }
    }

    public byte[] ToArray() => _buf.AsSpan(0, _len).ToArray();

    public void WriteStartObject() => Open((byte)'{', null);
    public void WriteStartObject(string name) => Open((byte)'{', name);
    public void WriteStartArray(string name) => Open((byte)'[', name);
    public void WriteEndObject() => Close((byte)'}');
    public void WriteEndArray() => Close((byte)']');

    public void WritePropertyName(string name)
    {
        Name(name);
        _afterName = true;
    }

    public void WriteString(string name, string? value)
    {
        Name(name);
        if (value is null)
        {
            Raw("null");
        }
        else
        {
            Quoted(value);
        }
        Done();
    }

    public void WriteStringValue(string value)
    {
        Item();
        Quoted(value);
        Done();
    }

    public void WriteNumber(string name, int value) => WriteNumber(name, (long)value);

    public void WriteNumber(string name, long value)
    {
        Name(name);
        Ensure(20);
        value.TryFormat(_buf.AsSpan(_len), out int n, default, CultureInfo.InvariantCulture);
        _len += n;
        Done();
    }

    public void WriteNumber(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw FastJsonUnsupported.Instance;
        }
        Name(name);
        Ensure(32);
        // What Utf8JsonWriter writes: the shortest round-trippable form, invariant culture.
        value.TryFormat(_buf.AsSpan(_len), out int n, default, CultureInfo.InvariantCulture);
        _len += n;
        Done();
    }

    public void WriteBoolean(string name, bool value)
    {
        Name(name);
        Raw(value ? "true" : "false");
        Done();
    }

    public void WriteNull(string name)
    {
        Name(name);
        Raw("null");
        Done();
    }

    private void Open(byte token, string? name)
    {
        if (name is not null)
        {
            Name(name);
        }
        else if (_afterName)
        {
            _afterName = false;
        }
        else
        {
            Item();
        }
        Byte(token);
        _depth++;
        _hasItem = false;
        _justOpened = true;
        _any = true;
    }

    private void Close(byte token)
    {
        _depth--;
        if (_indented && !_justOpened)
        {
            NewLine(_depth);
        }
        Byte(token);
        _hasItem = true;
        _justOpened = false;
    }

    // Separator, new line and indentation before a value in an array or at the root.
    private void Item()
    {
        if (_hasItem)
        {
            Byte((byte)',');
        }
        if (_indented && _any)
        {
            NewLine(_depth);
        }
        _any = true;
    }

    private void Name(string name)
    {
        Item();
        Quoted(name);
        Byte((byte)':');
        if (_indented)
        {
            Byte((byte)' ');
        }
    }

    private void Done()
    {
        _hasItem = true;
        _justOpened = false;
    }

    private void NewLine(int depth)
    {
        Ensure(1 + (2 * depth));
        _buf[_len++] = (byte)'\n';
        for (int i = 0; i < 2 * depth; i++)
        {
            _buf[_len++] = (byte)' ';
        }
    }

    private void Quoted(string s)
    {
        Ensure((6 * s.Length) + 2);
        _buf[_len++] = (byte)'"';
        foreach (char c in s)
        {
            if (c >= 0x80)
            {
                throw FastJsonUnsupported.Instance;
            }
            switch (c)
            {
                case '\n': Escape('n'); break;
                case '\r': Escape('r'); break;
                case '\t': Escape('t'); break;
                case '\b': Escape('b'); break;
                case '\f': Escape('f'); break;
                case '\\': Escape('\\'); break;
                case '"' or '&' or '\'' or '+' or '<' or '>' or '`' or '\x7f' or < ' ':
                    Escape('u');
                    _buf[_len++] = (byte)'0';
                    _buf[_len++] = (byte)'0';
                    _buf[_len++] = Hex(c >> 4);
                    _buf[_len++] = Hex(c & 0xF);
                    break;
                default:
                    _buf[_len++] = (byte)c;
                    break;
            }
        }
        _buf[_len++] = (byte)'"';
    }

    private void Escape(char c)
    {
        _buf[_len++] = (byte)'\\';
        _buf[_len++] = (byte)c;
    }

    private static byte Hex(int v) => (byte)(v < 10 ? '0' + v : 'A' + v - 10);

    private void Raw(string ascii)
    {
        Ensure(ascii.Length);
        foreach (char c in ascii)
        {
            _buf[_len++] = (byte)c;
        }
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buf[_len++] = b;
    }

    private void Ensure(int more)
    {
        if (_len + more > _buf.Length)
        {
            System.Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + more));
        }
    }
}

// The JsonElement accessors StateCodec reads with.
internal interface IJson
{
    JKind Kind { get; }
    bool TryGetProperty(string name, out IJson value);
    IJson GetProperty(string name);
    string? GetString();
    int GetInt32();
    long GetInt64();
    double GetDouble();
    List<IJson> EnumerateArray();
    List<KeyValuePair<string, IJson>> EnumerateObject();
}

// A JsonElement (the fallback): every call is JsonElement's own, exceptions included.
internal sealed class JsonElementValue : IJson
{
    private readonly JsonElement _e;

    public JsonElementValue(JsonElement e)
    {
        _e = e;
    }

    public JKind Kind => _e.ValueKind switch
    {
        JsonValueKind.Object => JKind.Object,
        JsonValueKind.Array => JKind.Array,
        JsonValueKind.String => JKind.String,
        JsonValueKind.Number => JKind.Number,
        JsonValueKind.True => JKind.True,
        JsonValueKind.False => JKind.False,
        _ => JKind.Null,
    };

    public bool TryGetProperty(string name, out IJson value)
    {
        bool found = _e.TryGetProperty(name, out JsonElement v);
        value = new JsonElementValue(v);
        return found;
    }

    public IJson GetProperty(string name) => new JsonElementValue(_e.GetProperty(name));
    public string? GetString() => _e.GetString();
    public int GetInt32() => _e.GetInt32();
    public long GetInt64() => _e.GetInt64();
    public double GetDouble() => _e.GetDouble();

    public List<IJson> EnumerateArray()
    {
        var list = new List<IJson>();
        foreach (JsonElement x in _e.EnumerateArray())
        {
            list.Add(new JsonElementValue(x));
        }
        return list;
    }

    public List<KeyValuePair<string, IJson>> EnumerateObject()
    {
        var list = new List<KeyValuePair<string, IJson>>();
        foreach (JsonProperty p in _e.EnumerateObject())
        {
            list.Add(new KeyValuePair<string, IJson>(p.Name, new JsonElementValue(p.Value)));
        }
        return list;
    }
}

internal enum JKind : byte
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

// A parsed JSON value, with the JsonElement accessors StateCodec needs. Where
// JsonElement would throw, these throw FastJsonUnsupported, so that the caller
// repeats the work with JsonDocument and gets JsonElement's own exception.
internal sealed class JValue : IJson
{
    private readonly string? _text;
    private readonly List<IJson>? _items;
    private readonly List<KeyValuePair<string, IJson>>? _props;

    private JValue(JKind kind, string? text = null, List<IJson>? items = null, List<KeyValuePair<string, IJson>>? props = null)
    {
        Kind = kind;
        _text = text;
        _items = items;
        _props = props;
    }

    public JKind Kind { get; }

    public List<IJson> EnumerateArray() => _items ?? throw FastJsonUnsupported.Instance;

    public List<KeyValuePair<string, IJson>> EnumerateObject() => _props ?? throw FastJsonUnsupported.Instance;

    public bool TryGetProperty(string name, out IJson value)
    {
        // The parser rejects duplicate names, so the first match is the only one.
        foreach (KeyValuePair<string, IJson> p in EnumerateObject())
        {
            if (p.Key == name)
            {
                value = p.Value;
                return true;
            }
        }
        value = null!;
        return false;
    }

    public IJson GetProperty(string name) => TryGetProperty(name, out IJson v) ? v : throw FastJsonUnsupported.Instance;

    public string? GetString() => Kind switch
    {
        JKind.String => _text,
        JKind.Null => null,
        _ => throw FastJsonUnsupported.Instance,
    };

    public int GetInt32() =>
        Kind == JKind.Number && int.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw FastJsonUnsupported.Instance;

    public long GetInt64() =>
        Kind == JKind.Number && long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw FastJsonUnsupported.Instance;

    public double GetDouble() =>
        Kind == JKind.Number && double.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw FastJsonUnsupported.Instance;

    // Strict RFC 8259 JSON (what JsonDocument.Parse accepts with default options),
    // restricted to ASCII text, no duplicate property names and a depth of at most 32.
    public static JValue Parse(byte[] utf8)
    {
        var p = new Parser(utf8);
        p.SkipSpace();
        JValue v = p.Value(0);
        p.SkipSpace();
        if (p.Pos != utf8.Length)
        {
            throw FastJsonUnsupported.Instance;
        }
        return v;
    }

    private struct Parser
    {
        private readonly byte[] _b;
        public int Pos;

        public Parser(byte[] b)
        {
            _b = b;
            Pos = 0;
        }

        private byte Peek() => Pos < _b.Length ? _b[Pos] : throw FastJsonUnsupported.Instance;

        public void SkipSpace()
        {
            while (Pos < _b.Length && _b[Pos] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                Pos++;
            }
        }

        private void Expect(byte c)
        {
            if (Peek() != c)
            {
                throw FastJsonUnsupported.Instance;
            }
            Pos++;
        }

        public JValue Value(int depth)
        {
            switch (Peek())
            {
                case (byte)'{':
                    return Object(depth + 1);
                case (byte)'[':
                    return Array(depth + 1);
                case (byte)'"':
                    return new JValue(JKind.String, String());
                case (byte)'t':
                    Literal("true");
                    return new JValue(JKind.True);
                case (byte)'f':
                    Literal("false");
                    return new JValue(JKind.False);
                case (byte)'n':
                    Literal("null");
                    return new JValue(JKind.Null);
                default:
                    return new JValue(JKind.Number, Number());
            }
        }

        private JValue Object(int depth)
        {
            if (depth > 32)
            {
                throw FastJsonUnsupported.Instance;
            }
            Pos++;
            var props = new List<KeyValuePair<string, IJson>>();
            SkipSpace();
            if (Peek() == (byte)'}')
            {
                Pos++;
                return new JValue(JKind.Object, props: props);
            }
            while (true)
            {
                SkipSpace();
                if (Peek() != (byte)'"')
                {
                    throw FastJsonUnsupported.Instance;
                }
                string name = String();
                foreach (KeyValuePair<string, IJson> p in props)
                {
                    if (p.Key == name)
                    {
                        throw FastJsonUnsupported.Instance;
                    }
                }
                SkipSpace();
                Expect((byte)':');
                SkipSpace();
                props.Add(new KeyValuePair<string, IJson>(name, Value(depth)));
                SkipSpace();
                if (Peek() == (byte)',')
                {
                    Pos++;
                    continue;
                }
                Expect((byte)'}');
                return new JValue(JKind.Object, props: props);
            }
        }

        private JValue Array(int depth)
        {
            if (depth > 32)
            {
                throw FastJsonUnsupported.Instance;
            }
            Pos++;
            var items = new List<IJson>();
            SkipSpace();
            if (Peek() == (byte)']')
            {
                Pos++;
                return new JValue(JKind.Array, items: items);
            }
            while (true)
            {
                SkipSpace();
                items.Add(Value(depth));
                SkipSpace();
                if (Peek() == (byte)',')
                {
                    Pos++;
                    continue;
                }
                Expect((byte)']');
                return new JValue(JKind.Array, items: items);
            }
        }

        private void Literal(string word)
        {
            foreach (char c in word)
            {
                Expect((byte)c);
            }
        }

        private string String()
        {
            Pos++;
            int start = Pos;
            // Fast path: no escapes.
            while (true)
            {
                byte c = Peek();
                if (c == (byte)'"')
                {
                    string plain = Encoding.ASCII.GetString(_b, start, Pos - start);
                    Pos++;
                    return plain;
                }
                if (c == (byte)'\\')
                {
                    break;
                }
                if (c < 0x20 || c >= 0x80)
                {
                    throw FastJsonUnsupported.Instance;
                }
                Pos++;
            }
            var sb = new StringBuilder();
            sb.Append(Encoding.ASCII.GetString(_b, start, Pos - start));
            while (true)
            {
                byte c = Peek();
                Pos++;
                if (c == (byte)'"')
                {
                    return sb.ToString();
                }
                if (c < 0x20 || c >= 0x80)
                {
                    throw FastJsonUnsupported.Instance;
                }
                if (c != (byte)'\\')
                {
                    sb.Append((char)c);
                    continue;
                }
                byte e = Peek();
                Pos++;
                switch (e)
                {
                    case (byte)'"': sb.Append('"'); break;
                    case (byte)'\\': sb.Append('\\'); break;
                    case (byte)'/': sb.Append('/'); break;
                    case (byte)'b': sb.Append('\b'); break;
                    case (byte)'f': sb.Append('\f'); break;
                    case (byte)'n': sb.Append('\n'); break;
                    case (byte)'r': sb.Append('\r'); break;
                    case (byte)'t': sb.Append('\t'); break;
                    case (byte)'u':
                        int code = 0;
                        for (int i = 0; i < 4; i++)
                        {
                            byte h = Peek();
                            Pos++;
                            int d = h is >= (byte)'0' and <= (byte)'9' ? h - '0'
                                : h is >= (byte)'a' and <= (byte)'f' ? h - 'a' + 10
                                : h is >= (byte)'A' and <= (byte)'F' ? h - 'A' + 10
                                : throw FastJsonUnsupported.Instance;
                            code = (code << 4) | d;
                        }
                        if (code >= 0xD800 && code <= 0xDFFF)
                        {
                            throw FastJsonUnsupported.Instance;
                        }
                        sb.Append((char)code);
                        break;
                    default:
                        throw FastJsonUnsupported.Instance;
                }
            }
        }

        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        private string Number()
        {
            int start = Pos;
            if (Peek() == (byte)'-')
            {
                Pos++;
            }
            if (Peek() == (byte)'0')
            {
                Pos++;
            }
            else
            {
                Digits();
            }
            if (Pos < _b.Length && _b[Pos] == (byte)'.')
            {
                Pos++;
                Digits();
            }
            if (Pos < _b.Length && _b[Pos] is (byte)'e' or (byte)'E')
            {
                Pos++;
                if (Peek() is (byte)'+' or (byte)'-')
                {
                    Pos++;
                }
                Digits();
            }
            return Encoding.ASCII.GetString(_b, start, Pos - start);
        }

        private void Digits()
        {
            if (!IsDigit(Peek()))
            {
                throw FastJsonUnsupported.Instance;
            }
            while (Pos < _b.Length && IsDigit(_b[Pos]))
            {
                Pos++;
            }
        }

        private static bool IsDigit(byte c) => c >= (byte)'0' && c <= (byte)'9';
    }
}
