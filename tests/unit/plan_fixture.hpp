#pragma once
// The sources and usage rows of profile_fixture.hpp's project, as the plan
// tests give them to the planner: app.handler calls a.run on event "a" and
// b.run otherwise; app.a and app.b import `heavy`, app.b also `light`.

#include <cstdint>
#include <string>
#include <vector>

#include "model/usage.hpp"

namespace lmms::testing {

inline constexpr const char* k_handler = R"(from app import a
from app import b


def handler(event, context):
    if event == "a":
        return a.run()
    return b.run()
)";
inline constexpr const char* k_a = "import heavy\n\n\ndef run():\n    return heavy.go()\n";
inline constexpr const char* k_b =
    "import heavy\nimport light\n\n\ndef run():\n    return heavy.go() + light.go()\n";

/// first, first + 1, ..., last.
inline std::vector<uint32_t> numbers(uint32_t first, uint32_t last) {
    std::vector<uint32_t> out;
    for (uint32_t n = first; n <= last; ++n)
        out.push_back(n);
    return out;
}

/// The usage row of a module-level `import module` (or `from app import name`) used by `used_in`.
inline model::SiteUsage site(std::string file, uint32_t line, std::string module, std::string name,
                             std::vector<uint32_t> used_in) {
    model::SiteUsage row;
    row.statement = module == "app" ? "from app import " + name : "import " + module;
    row.file = std::move(file);
    row.line = line;
    row.module = std::move(module);
    row.library = row.module.substr(0, row.module.find('.'));
    row.names = {std::move(name)};
    row.name_used = {used_in.size()};
    row.used = used_in.size();
    row.used_in = std::move(used_in);
    row.scope = "<module>";
    return row;
}

/// The same, used by invocations first to last.
inline model::SiteUsage site(std::string file, uint32_t line, std::string module, std::string name,
                             uint32_t first, uint32_t last) {
    return site(std::move(file), line, std::move(module), std::move(name), numbers(first, last));
}

}  // namespace lmms::testing
