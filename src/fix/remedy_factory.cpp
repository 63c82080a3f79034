// Remedy `cached_factory` (TRAPS.md B.7): `env = jinja2.Environment(...)`,
// read only by this file's functions, becomes
// `@functools.cache def env(): import jinja2; return jinja2.Environment(...)`
// and every read of `env` becomes `env()`: the object is built once, on
// first use. Refused when the name is bound elsewhere, read while the module
// is imported, or read by another module.

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "fix/remedy_fix.hpp"
#include "fix/site_text.hpp"

namespace lmms::fix {

namespace {

using python::ImportSite;
using python::Node;
using python::NodeId;
using python::NodeKind;

/// Where the import's names are read: the objects built from them and the functions.
struct Uses {
    std::map<NodeId, std::set<std::string>> objects;  ///< module-level `name = ...` -> names it reads
    std::map<uint32_t, std::set<std::string>> functions;
    std::string refused;
};

bool is_object(const ModuleSyntax& syntax, NodeId statement) {
    const Node& node = syntax.node(statement);
    return node.kind == NodeKind::assign && node.child_count == 2 &&
           syntax.node(syntax.tree().children(statement)[0]).kind == NodeKind::name;
}

Uses find_uses(const FileView& file, const ModuleSyntax& syntax, const ImportSite& site,
               const std::vector<std::string>& names, const RemedyRequest& request) {
    Uses uses;
    for (const std::string& name : names) {
        if (auto it = request.imported_elsewhere.find(name); it != request.imported_elsewhere.end()) {
            uses.refused = fmt::format("`{}` is imported from here by {}", name, it->second.front());
            return uses;
        }
        if (std::string why = rebound_elsewhere(*file.facts, name, site.line, site.end_line); !why.empty()) {
            uses.refused = why;
            return uses;
        }
        for (const ModuleRead& read : module_reads(*file.facts, name)) {
            NodeId statement = syntax.statement_at(read.line);
            if (read.function != 0) {
                uses.functions[read.function].insert(name);
            } else if (statement != python::k_no_node && is_object(syntax, statement)) {
                uses.objects[statement].insert(name);
            } else {
                uses.refused =
                    fmt::format("`{}` is used while the module is imported, line {}", name, read.line);
                return uses;
            }
        }
    }
    if (uses.objects.empty() && uses.refused.empty())
        uses.refused = "no module-level `name = ...` is built from it";
    return uses;
}

/// The reads of the object's name, each to become a call; why not, or "".
std::string object_reads(const FileView& file, const RemedyRequest& request, const std::string& object,
                         const Node& statement, std::map<uint32_t, std::vector<Replacement>>& calls) {
    if (!request.remedy.readers.empty())
        return fmt::format("`{}` is read by another module: {}", object, request.remedy.readers.front());
    if (auto it = request.imported_elsewhere.find(object); it != request.imported_elsewhere.end())
        return fmt::format("`{}` is imported from here by {}", object, it->second.front());
    if (std::string why = rebound_elsewhere(*file.facts, object, statement.line, statement.end_line);
        !why.empty())
        return why;
    std::vector<ModuleRead> reads = module_reads(*file.facts, object);
    for (const ModuleRead& read : reads) {
        if (read.function == 0)
            return fmt::format("`{}` is read while the module is imported, line {}", object, read.line);
        calls[read.line].push_back({read.col, static_cast<uint32_t>(object.size()), object + "()"});
    }
    if (reads.empty())
        return fmt::format("`{}` is never read in this file: another module may read it", object);
    return "";
}

class FactoryWriter {
public:
    FactoryWriter(const FileView& file, const ModuleSyntax& syntax, const ImportSite& site)
        : m_file(file),
          m_syntax(syntax),
          m_site(site),
          m_text(statement_lines(file, site)),
          m_unit(indent_unit(*file.lines)) {}

    /// The import as `indentation` needs it for the names `used`.
    std::vector<std::string> import_lines(const std::set<std::string>& used,
                                          const std::string& indentation) const {
        if (used.size() == bound_names(m_site).size())
            return m_text.reindented(indentation);
        return m_text.generated(indentation, partial_statement(m_site, used));
    }

    /// `@functools.cache def name(): <import>; return <value>` for one object; why not, or "".
    std::string factory(NodeId id, const std::set<std::string>& used, std::vector<std::string>& out) const {
        const Node& statement = m_syntax.node(id);
        const Node& value = m_syntax.node(m_syntax.tree().children(id)[1]);
        std::string name(m_syntax.node(m_syntax.tree().children(id)[0]).text);
        if (std::string why = shares_lines(m_syntax, id); !why.empty())
            return why;
        if (value.line != statement.line ||
            m_file.lines->line(statement.line) != m_syntax.line(statement.line) ||
            value.col > m_file.lines->line(statement.line).size())
            return fmt::format("line {}: `{} = ...` does not start its value on its first line, as read",
                               statement.line, name);
        out.assign(blank_lines_missing(statement.line, -1), "");  // two blank lines around a def, as PEP 8
        out.push_back("@functools.cache");
        out.push_back(fmt::format("def {}():", name));
        for (std::string& line : import_lines(used, m_unit))
            out.push_back(std::move(line));
        out.push_back(m_unit + "return " + std::string(m_file.lines->line(statement.line).substr(value.col)));
        bool keep_as_is = multiline_string(m_file, statement.line, statement.end_line);
        for (uint32_t at = statement.line + 1; at <= statement.end_line; ++at) {
            std::string_view line = m_file.lines->line(at);
            out.push_back(keep_as_is || line.empty() ? std::string(line) : m_unit + std::string(line));
        }
        if (blank_lines_missing(statement.end_line, 1) ==
            2)  // code right after it (blank lines: the next one's)
            out.insert(out.end(), 2, "");
        return "";
    }

private:
    /// How many blank lines to add beside `line` (step -1: before it, 1: after it) for two; none at the
    /// file's ends.
    size_t blank_lines_missing(uint32_t line, int step) const {
        size_t blank = 0;
        for (int64_t at = int64_t{line} + step; blank < 2; at += step, ++blank) {
            if (at < 1 || at > static_cast<int64_t>(m_file.lines->count()))
                return 0;
            if (!m_file.lines->blank(static_cast<uint32_t>(at)))
                break;
        }
        return 2 - blank;
    }

    const FileView& m_file;
    const ModuleSyntax& m_syntax;
    const ImportSite& m_site;
    StatementText m_text;
    std::string m_unit;
};

}  // namespace

SiteFix cached_factory(const FileView& file, const RemedyRequest& request) {
    const ImportSite& site = file.facts->imports[request.site];
    SiteFix fix = site_fix_for(file, site);
    if (std::string why = movable_from_module_level(file, site); !why.empty())
        return refuse(std::move(fix), why);
    ModuleSyntax syntax(*file.facts);
    std::vector<std::string> names = lazy_names(site, request.names);
    if (std::find(names.begin(), names.end(), "functools") != names.end() || file.module == "functools")
        return refuse(std::move(fix), "the factory's decorator needs `functools` at module level");
    Uses uses = find_uses(file, syntax, site, names, request);
    if (!uses.refused.empty())
        return refuse(std::move(fix), uses.refused);
    FactoryWriter writer(file, syntax, site);
    std::map<uint32_t, std::vector<Replacement>> calls;
    uint32_t first_line = UINT32_MAX;
    for (const auto& [id, used] : uses.objects) {
        const Node& statement = syntax.node(id);
        std::string object(syntax.node(syntax.tree().children(id)[0]).text);
        if (std::string why = object_reads(file, request, object, statement, calls); !why.empty())
            return refuse(std::move(fix), why);
        std::vector<std::string> lines;
        if (std::string why = writer.factory(id, used, lines); !why.empty())
            return refuse(std::move(fix), why);
        fix.edits.push_back({statement.line, statement.end_line + 1, std::move(lines), statement.line});
        fix.destinations.push_back(object + "() (functools.cache)");
        first_line = std::min(first_line, statement.line);
    }
    for (const auto& [function, used] : uses.functions)
        if (std::string why =
                insert_into_function(file, function, writer.import_lines(used, ""), site.line, fix);
            !why.empty())
            return refuse(std::move(fix), why);
    if (std::string why = import_at_module_level(file, "functools", first_line, fix); !why.empty())
        return refuse(std::move(fix), why);
    if (std::string why = rewrite_lines(file, syntax, calls, fix); !why.empty())
        return refuse(std::move(fix), why);
    Edit rest = module_level_rest(file, site, names, false, statement_lines(file, site));
    if (rest.lines.empty() && rest.end_line == first_line && rest.end_line > site.end_line + 1)
        --rest.end_line;  // the blank line it took along now parts the imports from the factory
    fix.edits.push_back(std::move(rest));
    return fix;
}

}  // namespace lmms::fix
