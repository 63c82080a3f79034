#include "policy/readers_rule.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "policy/plan_rows.hpp"

namespace lmms::policy {

ProjectReaders::ProjectReaders(const std::vector<ProjectModule>& files) {
    m_project.reserve(files.size());
    for (const ProjectModule& file : files) {
        m_index.emplace(file.facts, m_project.size());
        m_project.push_back({file.path, file.module, file.path.ends_with("__init__.py"), file.facts});
    }
}

std::vector<NameReader> ProjectReaders::of(const ProjectModule& file,
                                           const std::vector<std::string>& names) const {
    std::vector<NameReader> found;
    auto own = m_index.find(file.facts);
    if (own == m_index.end())
        return found;
    for (const std::string& name : names)
        for (const python::Reader& reader : python::readers_of(m_project, own->second, name)) {
            const python::ProjectFile& in = m_project[reader.file];
            found.push_back(
                {in.path, in.module, name, reader.line, reader.kind, reader.import_time, reader.function});
        }
    std::sort(found.begin(), found.end(), [](const NameReader& a, const NameReader& b) {
        return std::tie(a.file, a.line, a.kind, a.name) < std::tie(b.file, b.line, b.kind, b.name);
    });
    return found;
}

std::vector<NameReader> import_time_readers(const std::vector<NameReader>& readers,
                                            const OnColdPathAfter& on_cold_path_after) {
    std::vector<NameReader> blocking;
    for (const NameReader& reader : readers) {
        bool imports =
            reader.kind == python::ReaderKind::from_import || reader.kind == python::ReaderKind::star_import;
        if (imports && reader.import_time && !reader.module.empty() && on_cold_path_after(reader.module))
            blocking.push_back(reader);
    }
    return blocking;
}

std::string reader_location(const NameReader& reader) {
    return fmt::format("{}:{}", reader.file, reader.line);
}

namespace {

/// "pkg.Database by cli.py:12, `from pkg import Database` by app/other.py:1".
std::string readers_text(const std::string& module, const std::vector<NameReader>& readers) {
    std::vector<std::string> parts;
    for (const NameReader& reader : readers) {
        std::string what;
        switch (reader.kind) {
            case python::ReaderKind::from_import:
                what = fmt::format("`from {} import {}`", module, reader.name);
                break;
            case python::ReaderKind::star_import:
                what = fmt::format("`from {} import *`", module);
                break;
            case python::ReaderKind::all_export:
                what = fmt::format("__all__ lists {} (line {}): users outside the project may import it",
                                   reader.name, reader.line);
                break;
            default:
                what = fmt::format("{}.{}", module, reader.name);
                break;
        }
        std::string text = reader.kind == python::ReaderKind::all_export
                               ? what
                               : fmt::format("{} by {}", what, reader_location(reader));
        if (std::find(parts.begin(), parts.end(), text) == parts.end())
            parts.push_back(std::move(text));
    }
    std::string joined;
    for (const std::string& part : parts)
        joined += (joined.empty() ? "" : ", ") + part;
    return joined;
}

bool lists_in_all(const python::FileFacts& own, const std::vector<std::string>& names) {
    if (!own.all)
        return false;
    return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
        return std::find(own.all->begin(), own.all->end(), name) != own.all->end();
    });
}

}  // namespace

Remedy getattr_remedy(const PlanItem& item, const ProjectModule& file, const std::vector<NameReader>& readers,
                      bool read_in_own_file, double saving_ms) {
    const python::FileFacts& own = *file.facts;
    Remedy remedy;
    remedy.kind = RemedyKind::module_getattr;
    remedy.saving_ms = saving_ms;
    for (const NameReader& reader : readers) {
        remedy.blocking.push_back({reader.file, reader.line, python::reader_kind_name(reader.kind)});
        std::string at = reader_location(reader);
        if (reader.kind != python::ReaderKind::all_export &&
            std::find(remedy.readers.begin(), remedy.readers.end(), at) == remedy.readers.end())
            remedy.readers.push_back(std::move(at));
    }
    std::string names;
    for (const std::string& name : item.names)
        names += (names.empty() ? "" : ", ") + name;
    const std::string& module = file.module;
    remedy.edit = fmt::format("a module __getattr__ (PEP 562) imports {} on first access; {}", names,
                              readers_text(module.empty() ? "the module" : module, readers));
    bool from_import = item.statement.starts_with("from ");
    if (!own.all || read_in_own_file || !from_import) {
        remedy.fix = RemedyFix::manual;
        remedy.edit += !own.all           ? " (by hand: the module has no __all__)"
                       : read_in_own_file ? " (by hand: its own file reads it too)"
                                          : " (by hand: not a from-import)";
    } else {
        // Users outside the project may rely on a name __all__ lists.
        remedy.fix = lists_in_all(own, item.names) ? RemedyFix::unsafe : RemedyFix::safe;
    }
    return remedy;
}

namespace {

SourceLine source_line(const Draft& draft, const NameReader& reader) {
    SourceLine at;
    at.file = reader.file;
    at.line = reader.line;
    at.function = reader.function;
    at.same_file = reader.file == draft.item.file;
    at.kind = python::reader_kind_name(reader.kind);
    return at;
}

}  // namespace

bool read_in_own_file(const Draft& draft) {
    return !draft.item.functions.empty() || draft.static_module_use.has_value() || draft.annotated;
}

void classify_read_elsewhere(Draft& draft, const DecisionPrice& price,
                             const OnColdPathAfter& on_cold_path_after) {
    PlanItem& item = draft.item;
    item.action = Action::cannot_move;
    std::vector<NameReader> at_import = import_time_readers(draft.readers, on_cold_path_after);
    if (!at_import.empty()) {
        // `from F import name` runs when its module is imported: F's site is used at import time.
        item.why.code = ReasonCode::used_at_import_time;
        for (const NameReader& reader : at_import)
            item.why.blocking.push_back(source_line(draft, reader));
        return;
    }
    item.why.code = ReasonCode::read_elsewhere;
    for (const NameReader& reader : draft.readers)
        item.why.blocking.push_back(source_line(draft, reader));
    item.remedy =
        getattr_remedy(item, *draft.file, draft.readers, read_in_own_file(draft), price.cost_ms.value_or(0));
}

}  // namespace lmms::policy
