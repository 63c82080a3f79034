#pragma once
/// Flags of every (scope, name) pair of one file in one open-addressing
/// table: the analysis looks a name up at each of its occurrences, and one
/// flat table per file is several times faster than a map per scope.

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace lmms::python {

class SymbolTable {
public:
    struct Entry {
        uint32_t scope;
        std::string_view name;
        uint16_t flags;
    };

    explicit SymbolTable(size_t expected = 64) { rehash(capacity_for(expected)); }

    /// The flags of `name` in `scope`, created as 0 when absent.
    uint16_t& at(uint32_t scope, std::string_view name) {
        if ((m_entries.size() + 1) * 4 > m_slots.size() * 3)
            rehash(m_slots.size() * 2);
        size_t slot = probe(scope, name);
        if (m_slots[slot] == 0) {
            m_entries.push_back({scope, name, 0});
            m_slots[slot] = static_cast<uint32_t>(m_entries.size());
        }
        return m_entries[m_slots[slot] - 1].flags;
    }

    uint16_t find(uint32_t scope, std::string_view name) const {
        uint32_t slot = m_slots[probe(scope, name)];
        return slot == 0 ? 0 : m_entries[slot - 1].flags;
    }

    /// In insertion order.
    const std::vector<Entry>& entries() const { return m_entries; }

private:
    static size_t capacity_for(size_t expected) {
        size_t capacity = 16;
        while (capacity * 3 < expected * 4)
            capacity *= 2;
        return capacity;
    }

    static size_t hash(uint32_t scope, std::string_view name) {
        return std::hash<std::string_view>{}(name) ^ (static_cast<size_t>(scope) * 0x9E3779B97F4A7C15ull);
    }

    /// The slot holding (scope, name), or the empty slot where it would go.
    size_t probe(uint32_t scope, std::string_view name) const {
        size_t mask = m_slots.size() - 1;
        for (size_t slot = hash(scope, name) & mask;; slot = (slot + 1) & mask) {
            uint32_t index = m_slots[slot];
            if (index == 0)
                return slot;
            const Entry& entry = m_entries[index - 1];
            if (entry.scope == scope && entry.name == name)
                return slot;
        }
    }

    void rehash(size_t capacity) {
        m_slots.assign(capacity, 0);
        size_t mask = capacity - 1;
        for (uint32_t index = 0; index < m_entries.size(); ++index) {
            size_t slot = hash(m_entries[index].scope, m_entries[index].name) & mask;
            while (m_slots[slot] != 0)
                slot = (slot + 1) & mask;
            m_slots[slot] = index + 1;
        }
    }

    std::vector<uint32_t> m_slots;  ///< entry index + 1, or 0 when empty
    std::vector<Entry> m_entries;
};

}  // namespace lmms::python
