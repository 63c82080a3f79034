#include "policy/module_code.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace lmms::policy {

CodeCost code_cost(const model::Profile& profile, const std::vector<bool>& cold, double fast_ms) {
    CodeCost cost;
    std::map<std::string, const model::Module*> slow;  // by file: project modules above fast-ms
    for (size_t m = 0; m < profile.modules.size(); ++m) {
        const model::Module& module = profile.modules[m];
        if (module.is_project && m < cold.size() && cold[m] && !module.failed &&
            module.self.median / 1000.0 > fast_ms)
            slow.emplace(module.file, &module);
    }
    for (const model::StatementCost& statement : profile.module_code) {
        auto it = slow.find(statement.file);
        if (it == slow.end())
            continue;
        cost.statements.push_back({statement.file, statement.line, statement.text, statement.us / 1000.0,
                                   it->second->name, it->second->self.median / 1000.0});
    }
    std::stable_sort(cost.statements.begin(), cost.statements.end(),
                     [](const ModuleCodeLine& a, const ModuleCodeLine& b) {
                         if (a.ms != b.ms)
                             return a.ms > b.ms;
                         return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                     });
    for (const model::ImportHookCost& hook : profile.import_hooks)
        if (hook.us / 1000.0 > fast_ms)
            cost.hooks.push_back({hook.finder, hook.calls, hook.us / 1000.0, hook.slowest_module});
    std::stable_sort(cost.hooks.begin(), cost.hooks.end(),
                     [](const ImportHookLine& a, const ImportHookLine& b) {
                         return a.ms != b.ms ? a.ms > b.ms : a.finder < b.finder;
                     });
    return cost;
}

}  // namespace lmms::policy
