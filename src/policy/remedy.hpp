#pragma once
/// What unblocks an import that cannot move as it is (pure model): the lines
/// that use it while its module is imported, and the edit that lets it leave
/// the cold path anyway, from the remedy table of TRAPS.md (B, A.1). The plan
/// attaches one to a `cannot_move` row; `lmms fix` applies the mechanical ones.

#include <cstdint>
#include <string>
#include <vector>

namespace lmms::policy {

enum class RemedyKind : uint8_t {
    move_configuring_call,  ///< `matplotlib.use("Agg")`: the call moves with the imports, in order
    find_spec_flag,   ///< try/except ImportError feature flag: the block moves; a module-level test becomes
                      ///< find_spec
    find_spec_probe,  ///< imported only to learn whether it is installed: importlib.util.find_spec
    module_getattr,   ///< a package re-export: a module `__getattr__` (PEP 562) imports it on first access
    cached_factory,   ///< a module-level object: `@functools.cache def name(): ...`, call sites `name()`
    own_module_for_class,  ///< a class on a heavy base: it moves to its own module, imported where used
    lazy_in_handlers,      ///< a registration module stays eager; its heavy imports move into the handlers
    move_with_remedies,    ///< saves nothing alone: it moves (function style) with the remedies that free its
                           ///< modules
};

/// How `lmms fix` treats a remedy: applied by default, only with --unsafe-fixes, or never (by hand);
/// in that order of caution.
enum class RemedyFix : uint8_t { safe, unsafe, manual };

struct BlockingLine {
    std::string file;  ///< project-relative
    uint32_t line = 0;
    std::string
        kind;  ///< the import-time use: configuring_call, base_class, module_object, feature_flag, ...
};

struct Remedy {
    RemedyKind kind = RemedyKind::move_configuring_call;
    RemedyFix fix = RemedyFix::manual;
    std::vector<BlockingLine> blocking;  ///< by file, then line
    std::string edit;  ///< the edit, in words: "move `matplotlib.use(\"Agg\")` with the imports into plot()"
    double saving_ms = 0;  ///< what leaves the cold path once applied (the plan's pending cost)
    /// Other modules' `file:line` that read a name the remedy changes (cached_factory: the
    /// object's name, by `from m import env` or `m.env`); any refuses the fix.
    std::vector<std::string> readers;
    /// move_with_remedies: the `file:line` of the rows whose remedies it moves with; lmms fix
    /// moves it only in a run that applies every one of them.
    std::vector<std::string> with;
};

const char* remedy_kind_name(RemedyKind kind);  ///< as JSON names it: "move_configuring_call", ...
const char* remedy_fix_name(RemedyFix fix);     ///< "safe", "unsafe", "manual"

}  // namespace lmms::policy
