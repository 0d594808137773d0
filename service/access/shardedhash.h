#pragma once
// A hash from names to records that copies cheaply and detaches piecewise.
//
// Every change to the access store copies the published state (see
// AccessStore::mutate). With one QHash per kind of record, the first write
// to the copy detached the whole hash: a change cost grew with the store
// (20,000 tokens made a token create about six times dearer than the first).
// Here the records are spread over a fixed number of implicitly shared
// shards, so a copy shares every shard with its source and a write detaches
// (copies) only the shard it lands in: about 1/256 of the records. Readers
// of an old snapshot never see the write, as before.
//
// The shard is chosen by the case-folded name, so a case-insensitive lookup
// (names are unique regardless of case) needs only that one shard.
//
// The interface follows the parts of QHash the access code uses. Iterating
// a non-const map detaches every shard it passes; iterate std::as_const()
// when only reading.

#include <QChar>
#include <QHash>
#include <QString>
#include <array>
#include <cstddef>
#include <cstdint>

namespace ferry::access {

template <class Value> class ShardedHash {
public:
    static constexpr int kShards = 256;
    using Shard = QHash<QString, Value>;

private:
    template <bool Mutable> class Iter {
        using Shards = std::conditional_t<Mutable, std::array<Shard, kShards>,
                                          const std::array<Shard, kShards>>;
        using It =
            std::conditional_t<Mutable, typename Shard::iterator, typename Shard::const_iterator>;
        using Ref = std::conditional_t<Mutable, Value&, const Value&>;
        using Ptr = std::conditional_t<Mutable, Value*, const Value*>;

    public:
        Iter() = default;
        Iter(Shards* shards, int shard, It it)
            : m_shards(shards)
            , m_shard(shard)
            , m_it(it) {
            skipEmpty();
        }
        // A mutable iterator may be read as a constant one (mixed comparisons).
        operator Iter<false>() const requires Mutable {
            return m_shard == kShards
                       ? Iter<false>(m_shards, kShards, {})
                       : Iter<false>(m_shards, m_shard, typename Shard::const_iterator(m_it));
        }

        const QString& key() const { return m_it.key(); }
        Ref value() const { return m_it.value(); }
        Ref operator*() const { return m_it.value(); }
        Ptr operator->() const { return &m_it.value(); }
        Iter& operator++() {
            ++m_it;
            skipEmpty();
            return *this;
        }
        friend bool operator==(const Iter& a, const Iter& b) {
            return a.m_shard == b.m_shard && (a.m_shard == kShards || a.m_it == b.m_it);
        }

    private:
        friend class ShardedHash;
        // Moves to the next record, past the end of this shard if needed.
        void skipEmpty() {
            while (m_shard < kShards && m_it == end(m_shard)) {
                do
                    ++m_shard;
                while (m_shard < kShards && std::as_const(*m_shards)[m_shard].isEmpty());
                m_it = m_shard < kShards ? begin(m_shard) : It();
            }
        }
        It begin(int shard) const {
            if constexpr (Mutable)
                return (*m_shards)[shard].begin();
            else
                return (*m_shards)[shard].cbegin();
        }
        It end(int shard) const {
            if constexpr (Mutable)
                return (*m_shards)[shard].end();
            else
                return (*m_shards)[shard].cend();
        }

        Shards* m_shards = nullptr;
        int m_shard = kShards;
        It m_it{};
    };

public:
    using iterator = Iter<true>;
    using const_iterator = Iter<false>;

    // Case-folded, allocation-free, stable within the process.
    static int shardOf(const QString& key) {
        uint32_t hash = 2166136261u;
        for (QChar c : key) {
            hash ^= c.toCaseFolded().unicode();
            hash *= 16777619u;
        }
        return int(hash % kShards);
    }

    const_iterator begin() const { return cbegin(); }
    const_iterator end() const { return cend(); }
    const_iterator cbegin() const {
        int s = 0;
        while (s < kShards && m_shards[s].isEmpty())
            ++s;
        return s == kShards ? cend() : const_iterator(&m_shards, s, m_shards[s].cbegin());
    }
    const_iterator cend() const { return const_iterator(&m_shards, kShards, {}); }
    iterator begin() {
        int s = 0;
        while (s < kShards && std::as_const(m_shards[s]).isEmpty())
            ++s;
        return s == kShards ? end() : iterator(&m_shards, s, m_shards[s].begin());
    }
    iterator end() { return iterator(&m_shards, kShards, {}); }

    const_iterator constFind(const QString& key) const {
        const int s = shardOf(key);
        auto it = m_shards[s].constFind(key);
        return it == m_shards[s].cend() ? cend() : const_iterator(&m_shards, s, it);
    }
    const_iterator find(const QString& key) const { return constFind(key); }
    // Detaches the key's shard only when the key is there.
    iterator find(const QString& key) {
        const int s = shardOf(key);
        if (!std::as_const(m_shards[s]).contains(key))
            return end();
        return iterator(&m_shards, s, m_shards[s].find(key));
    }
    // The stored key equal to `name` ignoring case, or an empty string.
    QString keyIgnoringCase(const QString& name) const {
        const Shard& shard = m_shards[shardOf(name)];
        if (shard.contains(name))
            return name;
        for (auto it = shard.cbegin(); it != shard.cend(); ++it) {
            if (it.key().compare(name, Qt::CaseInsensitive) == 0)
                return it.key();
        }
        return {};
    }

    bool contains(const QString& key) const { return m_shards[shardOf(key)].contains(key); }
    Value value(const QString& key, const Value& fallback = Value()) const {
        return m_shards[shardOf(key)].value(key, fallback);
    }
    qsizetype size() const {
        qsizetype n = 0;
        for (const Shard& shard : m_shards)
            n += shard.size();
        return n;
    }
    bool isEmpty() const { return size() == 0; }

    void insert(const QString& key, const Value& value) {
        m_shards[shardOf(key)].insert(key, value);
    }
    Value& operator[](const QString& key) { return m_shards[shardOf(key)][key]; }
    bool remove(const QString& key) {
        Shard& shard = m_shards[shardOf(key)];
        return std::as_const(shard).contains(key) && shard.remove(key);
    }
    iterator erase(iterator it) {
        const int s = it.m_shard;
        return iterator(&m_shards, s, m_shards[s].erase(it.m_it));
    }

    // For a diff of two versions of one map: shards a change never wrote
    // to are still shared and need no look.
    const Shard& shard(int index) const { return m_shards[index]; }

private:
    std::array<Shard, kShards> m_shards;
};

} // namespace ferry::access
