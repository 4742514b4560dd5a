using System;
using System.Collections;
using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>
    /// The lists on the pipeline objects: an ordinary list whose ToString joins the items with "; ", so Export-Csv
    /// (which writes each value's ToString) gives analysts' spreadsheets "Reverse shell; Persistence" instead of
    /// "System.Collections.Generic.List`1[System.String]". It wraps the list it is given, so callers that keep
    /// adding to their own list still see it in the object.
    /// </summary>
    public sealed class JoinedList<T> : IList<T>, IList, IReadOnlyList<T>
    {
        private readonly IList<T> _items;

        public JoinedList() : this(new List<T>()) { }

        public JoinedList(IList<T> items) => _items = items ?? throw new ArgumentNullException(nameof(items));

        public T this[int index] { get => _items[index]; set => _items[index] = value; }
        public int Count => _items.Count;
        public bool IsReadOnly => _items.IsReadOnly;
        public void Add(T item) => _items.Add(item);
        public void Clear() => _items.Clear();
        public bool Contains(T item) => _items.Contains(item);
        public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);
        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();
        public int IndexOf(T item) => _items.IndexOf(item);
        public void Insert(int index, T item) => _items.Insert(index, item);
        public bool Remove(T item) => _items.Remove(item);
        public void RemoveAt(int index) => _items.RemoveAt(index);
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        object? IList.this[int index] { get => _items[index]; set => _items[index] = (T)value!; }
        bool IList.IsFixedSize => false;
        int IList.Add(object? value) { _items.Add((T)value!); return _items.Count - 1; }
        bool IList.Contains(object? value) => value is T item && _items.Contains(item);
        int IList.IndexOf(object? value) => value is T item ? _items.IndexOf(item) : -1;
        void IList.Insert(int index, object? value) => _items.Insert(index, (T)value!);
        void IList.Remove(object? value) { if (value is T item) _items.Remove(item); }
        bool ICollection.IsSynchronized => false;
        object ICollection.SyncRoot => this;
        void ICollection.CopyTo(Array array, int index) { foreach (T item in _items) array.SetValue(item, index++); }

        public override string ToString() => string.Join("; ", _items);
    }

    /// <summary>Setter helper for the model's list properties.</summary>
    public static class JoinedList
    {
        /// <summary>The list itself when it already joins, else a joining wrapper around it (an empty one for null).</summary>
        public static IList<T> Wrap<T>(IList<T>? items) => items switch
        {
            null => new JoinedList<T>(),
            JoinedList<T> joined => joined,
            _ => new JoinedList<T>(items),
        };
    }
}
