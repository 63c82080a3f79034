#include "report/usage_failures.hpp"

#include <fmt/format.h>

#include "base/strings.hpp"

namespace lmms::report {

std::string usage_failures_to_text(const model::Usage& usage, size_t shown) {
    bool events = usage.workload == "events";
    size_t failed = model::failed_invocations(usage);
    std::string out = fmt::format("{} of {} {} failed:\n", failed, usage.invocations.size(),
                                  events ? "events" : "commands");
    size_t listed = 0;
    for (const model::InvocationUsage& invocation : usage.invocations) {
        if (invocation.error_type.empty())
            continue;
        if (listed++ == shown) {
            out += fmt::format("  ... and {} more (.lmms/usage.json lists them all)\n", failed - shown);
            break;
        }
        out += fmt::format("  {} {} ({}:{}, {}): {}: {}\n", events ? "event" : "command", invocation.number,
                           usage.workload_file, invocation.source_line, invocation.kind,
                           invocation.error_type, invocation.error_message);
        for (std::string_view line : base::split_lines(invocation.output))
            out += fmt::format("      {}\n", line);
    }
    return out;
}

}  // namespace lmms::report
