#pragma once
/// Flags of every (scope, name) pair of one file in one open-addressing
/// table: the analysis looks a name up at each of its occurrences, and one
/// flat table per file is several times faster than a map per scope.

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace lmms::python {

class SymbolTable {
public:
    struct Entry {
        uint32_t scope;
        uint32_t hash;  ///< compared before the name: most probes then end without a memcmp
        std::string_view name;
        uint16_t flags;
    };

    explicit SymbolTable(size_t expected = 64) { clear(expected); }

    /// Empties the table for about `expected` entries, keeping its memory.
    void clear(size_t expected) {
        m_entries.clear();
        m_entries.reserve(expected);
        rehash(capacity_for(expected));
    }

    /// The flags of `name` in `scope`, created as 0 when absent.
    uint16_t& at(uint32_t scope, std::string_view name) {
        if ((m_entries.size() + 1) * 4 > m_slots.size() * 3)
            rehash(m_slots.size() * 2);
        uint32_t hashed = hash(scope, name);
        size_t slot = probe(scope, name, hashed);
        if (m_slots[slot] == 0) {
            m_entries.push_back({scope, hashed, name, 0});
            m_slots[slot] = static_cast<uint32_t>(m_entries.size());
        }
        return m_entries[m_slots[slot] - 1].flags;
    }

    uint16_t find(uint32_t scope, std::string_view name) const {
        uint32_t slot = m_slots[probe(scope, name, hash(scope, name))];
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

    /// Identifiers are short: the length, the first and the last (up to) 8
    /// bytes identify almost all of them, and cost two loads and a multiply.
    static uint32_t hash(uint32_t scope, std::string_view name) {
        const char* data = name.data();
        size_t size = name.size();
        uint64_t head = 0;
        uint64_t tail = 0;
        if (size >= 8) {
            std::memcpy(&head, data, 8);
            std::memcpy(&tail, data + size - 8, 8);
        } else if (size >= 4) {
            std::memcpy(&head, data, 4);
            std::memcpy(&tail, data + size - 4, 4);
        } else if (size > 0) {
            head = static_cast<uint8_t>(data[0]) |
                   static_cast<uint64_t>(static_cast<uint8_t>(data[size / 2])) << 8 |
                   static_cast<uint64_t>(static_cast<uint8_t>(data[size - 1])) << 16;
        }
        uint64_t mixed = (head ^ (tail << 29 | tail >> 35) ^ size) + scope * 0x9E3779B97F4A7C15ull;
        mixed *= 0xBF58476D1CE4E5B9ull;
        return static_cast<uint32_t>(mixed >> 32);
    }

    /// Equality without a call to memcmp for names of up to 16 bytes.
    static bool same_name(std::string_view a, std::string_view b) {
        size_t size = a.size();
        if (size != b.size())
            return false;
        auto load = [](const char* at, size_t bytes) {
            uint64_t value = 0;
            std::memcpy(&value, at, bytes);
            return value;
        };
        if (size >= 8 && size <= 16)
            return load(a.data(), 8) == load(b.data(), 8) &&
                   load(a.data() + size - 8, 8) == load(b.data() + size - 8, 8);
        if (size >= 4 && size < 8)
            return load(a.data(), 4) == load(b.data(), 4) &&
                   load(a.data() + size - 4, 4) == load(b.data() + size - 4, 4);
        return a == b;
    }

    /// The slot holding (scope, name), or the empty slot where it would go.
    size_t probe(uint32_t scope, std::string_view name, uint32_t hashed) const {
        size_t mask = m_slots.size() - 1;
        for (size_t slot = hashed & mask;; slot = (slot + 1) & mask) {
            uint32_t index = m_slots[slot];
            if (index == 0)
                return slot;
            const Entry& entry = m_entries[index - 1];
            if (entry.hash == hashed && entry.scope == scope && same_name(entry.name, name))
                return slot;
        }
    }

    void rehash(size_t capacity) {
        m_slots.assign(capacity, 0);
        size_t mask = capacity - 1;
        for (uint32_t index = 0; index < m_entries.size(); ++index) {
            size_t slot = m_entries[index].hash & mask;
            while (m_slots[slot] != 0)
                slot = (slot + 1) & mask;
            m_slots[slot] = index + 1;
        }
    }

    std::vector<uint32_t> m_slots;  ///< entry index + 1, or 0 when empty
    std::vector<Entry> m_entries;
};

}  // namespace lmms::python
