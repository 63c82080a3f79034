#pragma once
/// The entry: `package.module[:function]`.

#include <string>
#include <string_view>

#include "base/error.hpp"

namespace lmms::cli {

struct Entry {
    std::string module;
    std::string function;  ///< empty when only a module is given
};

Expected<Entry> parse_entry(std::string_view text);

}  // namespace lmms::cli
