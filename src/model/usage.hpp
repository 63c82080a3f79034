#pragma once
/// How often each import site of the project is really used over a workload
/// (`lmms usage`, `.lmms/usage.json`). Usage of a site = invocations in which
/// a line that loads one of its bound names ran / invocations that ran.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lmms::model {

inline constexpr int k_usage_schema_version = 2;  ///< 2: SiteUsage::import_time_uses

/// What an import-time use does with the name (TRAPS.md B): it tells the
/// planner which remedy can unblock the import.
enum class ImportTimeKind : uint8_t {
    configuring_call,  ///< a module-level call of one of its attributes: `plotlib.use("Agg")`
    base_class,        ///< a base or keyword of a module-level class: `class Row(Base)`
    class_body,        ///< in the body of a module-level class: `id = Column(Integer)`
    decorator,         ///< a decorator that is not a registration: `@functools.cache`, `@dataclass`
    default_argument,  ///< a default value of a module-level def: `def f(x=np.nan)`
    annotation,        ///< an annotation evaluated at definition time (no postponed annotations)
    module_object,     ///< a module-level assignment whose value is a call: `env = jinja2.Environment()`
    feature_flag,      ///< tested by a module-level `if`, or read inside `try/except ImportError`
    registration,      ///< a module-level call with it (`register(cmd)`), or an attribute-call decorator
                       ///< (`@app.route("/")`, `@cli.command()`)
    from_import,       ///< another module's module-level `from <this module> import name`
    call,              ///< in a function that a module called while it was being imported
    other,             ///< any other module-level read: `for x in name.items()`, `alias = name.f`
};

/// The kind as usage.json and the text name it.
inline const char* import_time_kind_name(ImportTimeKind kind) {
    switch (kind) {
        case ImportTimeKind::configuring_call:
            return "configuring_call";
        case ImportTimeKind::base_class:
            return "base_class";
        case ImportTimeKind::class_body:
            return "class_body";
        case ImportTimeKind::decorator:
            return "decorator";
        case ImportTimeKind::default_argument:
            return "default_argument";
        case ImportTimeKind::annotation:
            return "annotation";
        case ImportTimeKind::module_object:
            return "module_object";
        case ImportTimeKind::feature_flag:
            return "feature_flag";
        case ImportTimeKind::registration:
            return "registration";
        case ImportTimeKind::from_import:
            return "from_import";
        case ImportTimeKind::call:
            return "call";
        case ImportTimeKind::other:
            return "other";
    }
    return "other";
}

/// A use of a site's name seen while a module was being imported.
struct ImportTimeUse {
    std::string file;  ///< project-relative: the site's own file, or one that imports from it
    uint32_t line = 0;
    std::string function;  ///< the qualname of the function holding the line; empty at module level
    ImportTimeKind kind = ImportTimeKind::other;
    std::string name;  ///< which of the site's names it reads
};

struct SiteUsage {
    std::string file;  ///< project-relative
    uint32_t line = 0;
    uint32_t col = 0;
    std::string statement;           ///< `import pandas as pd`
    std::string module;              ///< absolute: relative imports resolved
    std::string library;             ///< the module's top-level package
    std::vector<std::string> names;  ///< the names it binds; empty for `*`
    std::vector<size_t> name_used;   ///< per name: invocations that used it
    std::string scope;               ///< "<module>" or a function's qualname
    std::string guard;               ///< none, type_checking, try_import_error, conditional, with
    /// Invocations that used it, at invocation time: a read while a module
    /// was being imported counts in import_time_uses instead.
    size_t used = 0;
    std::vector<uint32_t> used_in;  ///< their numbers, ascending (unions across sites are exact)
    /// Every use seen while a module was being imported: module-level reads
    /// (in its own file first), then reads in functions called then; by
    /// file, line, function, kind and name within each.
    std::vector<ImportTimeUse> import_time_uses;
    // The first of import_time_uses, as the planner reads it.
    std::optional<uint32_t> import_time_line;  ///< a line that used it while a module was being imported
    /// The function holding that line (a qualname), empty when the line is at
    /// module level or in a class body: then the import cannot move at all.
    /// A module-level line is preferred when there are both.
    std::string import_time_function;
    /// Set when that line is in another file: one that does `from <this module> import *`
    /// or `from <this module> import name`.
    std::string import_time_file;
    bool star = false;  ///< `from m import *`: its names are unknown, so is its usage
};

struct LibraryUsage {
    std::string name;
    bool project = false;  ///< one of the project's own top-level packages
    size_t sites = 0;
    size_t used = 0;  ///< invocations that used any of its sites
};

struct ErrorCount {
    std::string type;
    std::string message;
    size_t count = 0;
};

struct KindUsage {
    std::string kind;
    size_t count = 0;
    size_t failed = 0;
    double first_ms = 0;                   ///< the first invocation of this kind in the process
    std::optional<double> warm_median_ms;  ///< the later ones; none when it ran once
    std::vector<ErrorCount> errors;        ///< most frequent first
};

struct InvocationUsage {
    uint32_t number = 0;       ///< from 1, in workload order
    uint32_t source_line = 0;  ///< in the events or commands file
    std::string kind;
    double latency_ms = 0;
    std::string error_type;  ///< empty when it succeeded
    std::string error_message;
    std::string output;  ///< failed: where it raised, or how its process ended and its stderr tail
};

struct Usage {
    std::string workload;  ///< "events" or "commands"
    std::string workload_file;
    std::string entry;  ///< events: `module:function`
    std::string python_version;
    std::string tracer;  ///< "monitoring" (sys.monitoring, 3.12+) or "settrace"
    size_t planned = 0;  ///< invocations in the workload
    bool partial = false;
    std::string partial_reason;
    std::vector<InvocationUsage> invocations;  ///< those that ran
    std::vector<SiteUsage> sites;              ///< by file, then line
    std::vector<LibraryUsage> libraries;       ///< most used first
    std::vector<KindUsage> kinds;              ///< most frequent first
};

/// The invocations that failed: raised, exited non-zero or crashed.
inline size_t failed_invocations(const Usage& usage) {
    size_t failed = 0;
    for (const InvocationUsage& invocation : usage.invocations)
        failed += invocation.error_type.empty() ? 0 : 1;
    return failed;
}

}  // namespace lmms::model
