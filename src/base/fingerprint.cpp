#include "base/fingerprint.hpp"

#include <cstdint>

#include <fmt/format.h>

#include "base/files.hpp"

namespace lmms::base {

std::string fingerprint(std::string_view bytes) {
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (char byte : bytes) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 0x100000001b3ULL;
    }
    return fmt::format("{:016x}", hash);
}

std::vector<std::pair<std::string, std::string>> fingerprint_files(const std::filesystem::path& dir,
                                                                   const std::vector<std::string>& files) {
    std::vector<std::pair<std::string, std::string>> fingerprints;
    fingerprints.reserve(files.size());
    for (const std::string& file : files)
        if (auto bytes = read_file(dir / file))
            fingerprints.emplace_back(file, fingerprint(*bytes));
    return fingerprints;
}

}  // namespace lmms::base
