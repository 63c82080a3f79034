#pragma once
/// What one tree did on the workload, invocation by invocation, as `lmms
/// verify` compares it (`capture/replay` records it). The tree's own
/// directory in any text is already the placeholder `<tree>`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lmms::model {

struct InvocationOutcome {
    uint32_t number = 0;       ///< from 1, in workload order; 0 is the import of the entry (events)
    uint32_t source_line = 0;  ///< in the events or commands file; 0 for the import
    std::string kind;
    std::string result;           ///< json.dumps(value, sort_keys=True), or repr(value); empty for commands
    bool result_is_json = false;  ///< `result` is JSON text (else a repr, or nothing)
    std::string error_type;       ///< the exception it raised; empty when it returned
    std::string error_message;
    std::string stdout_text;
    std::string stderr_text;
    std::optional<int> exit_code;  ///< commands: the process's (-1 when a signal ended it)
    int64_t latency_ns = 0;        ///< the handler call, or the whole command's process
};

struct Replay {
    std::string python_version;
    std::string
        entry_file;  ///< events: where the entry module was imported from (`<tree>/...` when in the tree)
    std::vector<InvocationOutcome> invocations;  ///< events: the import (number 0) first
    bool partial = false;                        ///< stopped early: `partial_reason` says why
    std::string partial_reason;
};

}  // namespace lmms::model
