using System.Numerics;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// Reading JSON values without exceptions: Json.NET's casts throw on an integer beyond 64 bits and on a container
/// where a string is expected, and a check must give a verdict on any body, never an exception.
/// </summary>
public static class JsonValues
{
    /// <summary>The value when it is a JSON integer that fits 64 bits.</summary>
    public static bool TryInt64(JToken? token, out long value)
    {
        if (TryInteger(token, out var integer) && integer >= long.MinValue && integer <= long.MaxValue)
        {
            value = (long)integer;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The value when it is a JSON integer of any size.</summary>
    public static bool TryInteger(JToken? token, out BigInteger value)
    {
        if (token is JValue { Type: JTokenType.Integer } v)
        {
            switch (v.Value)
            {
                case BigInteger big:
                    value = big;
                    return true;
                case long l:
                    value = l;
                    return true;
                case int i:
                    value = i;
                    return true;
            }
        }

        value = BigInteger.Zero;
        return false;
    }

    /// <summary>The text when the value is a JSON string; null for anything else.</summary>
    public static string? Text(JToken? token) => token is JValue { Type: JTokenType.String, Value: string s } ? s : null;
}
