using System;
using System.Collections;
using System.Collections.Generic;

namespace B64Hunt.Model
{
    /// <summary>
    /// The lists on the pipeline objects: an ordinary list whose ToString joins the items with "; ", so Export-Csv
    /// (which writes each value's ToString) gives analysts' spreadsheets "Reverse shell; Persistence" instead of
    /// "System.Collections.Generic.List`1[System.String]". It wraps the list it is given, so callers that keep
    /// adding to their own list still see it in the object. <see cref="OverShared"/> makes one that reads an array the
    /// engine shares between events (the categories of one command, say) and copies it at its first change, so a
    /// million events cost a million small wrappers, not a million copies, and editing one event changes no other.
    /// </summary>
    public sealed class JoinedList<T> : IList<T>, IList, IReadOnlyList<T>
    {
        private IList<T> _items;
        private bool _shared;

        // An empty list is one object until something is added (most of the model's lists stay empty).
        public JoinedList()
        {
            _items = Array.Empty<T>();
            _shared = true;
        }

        public JoinedList(IList<T> items) => _items = items ?? throw new ArgumentNullException(nameof(items));

        /// <summary>A list that reads <paramref name="items"/> (which nobody may change afterwards) until its first change, when it copies them.</summary>
        public static JoinedList<T> OverShared(T[] items) =>
            new JoinedList<T>(items ?? throw new ArgumentNullException(nameof(items))) { _shared = true };

        // The first change of a list over a shared (or the empty) array: copy it, so the change stays in this list.
        private IList<T> Own()
        {
            if (_shared)
            {
                _items = new List<T>(_items);
                _shared = false;
            }
            return _items;
        }

        public T this[int index] { get => _items[index]; set => Own()[index] = value; }
        public int Count => _items.Count;
        public bool IsReadOnly => !_shared && _items.IsReadOnly;
        public void Add(T item) => Own().Add(item);
        public void Clear() => Own().Clear();
        public bool Contains(T item) => _items.Contains(item);
        public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);
        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();
        public int IndexOf(T item) => _items.IndexOf(item);
        public void Insert(int index, T item) => Own().Insert(index, item);
        public bool Remove(T item) => Own().Remove(item);
        public void RemoveAt(int index) => Own().RemoveAt(index);
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        object? IList.this[int index] { get => _items[index]; set => Own()[index] = (T)value!; }
        bool IList.IsFixedSize => false;
        int IList.Add(object? value) { Own().Add((T)value!); return _items.Count - 1; }
        bool IList.Contains(object? value) => value is T item && _items.Contains(item);
        int IList.IndexOf(object? value) => value is T item ? _items.IndexOf(item) : -1;
        void IList.Insert(int index, object? value) => Own().Insert(index, (T)value!);
        void IList.Remove(object? value) { if (value is T item) Own().Remove(item); }
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
