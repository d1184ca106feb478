namespace Conformance.Core.Exchanges;

/// <summary>HTTP headers in the order they were sent; names compare case-insensitively.</summary>
public sealed class HeaderList
{
    private readonly List<KeyValuePair<string, string>> _items;

    public HeaderList(IEnumerable<KeyValuePair<string, string>> items)
    {
        _items = items.ToList();
    }

    public static HeaderList Empty { get; } = new([]);

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

    public IEnumerable<string> GetAll(string name) =>
        _items.Where(i => string.Equals(i.Key, name, StringComparison.OrdinalIgnoreCase)).Select(i => i.Value);

    public bool Contains(string name) => Get(name) is not null;
}
