namespace Conformance.Core.Exchanges;

/// <summary>HTTP headers in the order they were sent; names compare case-insensitively.</summary>
public sealed class HeaderList
{
    private readonly List<KeyValuePair<string, string>> _items;

    /// <summary>Headers in the given order; repeated names are kept, each as its own item.</summary>
    /// <param name="items">Name and value pairs as sent.</param>
    public HeaderList(IEnumerable<KeyValuePair<string, string>> items)
    {
        _items = items.ToList();
    }

    /// <summary>No headers.</summary>
    public static HeaderList Empty { get; } = new([]);

    /// <summary>Every header as sent, in order, names in their original case.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    /// <summary>The first value of the header, or null when it is absent.</summary>
    public string? Get(string name)
    {
        foreach (var item in _items)
        {
            if (string.Equals(item.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return item.Value;
            }
        }

        return null;
    }

    /// <summary>Every value of the header, in order; empty when it is absent.</summary>
    /// <param name="name">The header name, any case.</param>
    public IEnumerable<string> GetAll(string name) =>
        _items.Where(i => string.Equals(i.Key, name, StringComparison.OrdinalIgnoreCase)).Select(i => i.Value);

    /// <summary>True when the header is present, even with an empty value.</summary>
    /// <param name="name">The header name, any case.</param>
    public bool Contains(string name) => Get(name) is not null;
}
