// Remedies `find_spec_probe` and `find_spec_flag` (TRAPS.md B.8, B.9): a
// module-level `try: import x ... except ImportError: ...` that only learns
// whether x is installed. The flags it sets become
// `importlib.util.find_spec("x") is not None`, a module-level `x is None`
// test the same, and each function that reads x gets the block itself, as a
// unit, without the flags (which would become its locals).

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "fix/remedy_fix.hpp"
#include "fix/site_text.hpp"
#include "python/statement_text.hpp"
#include "report/scan_report.hpp"

namespace lmms::fix {

namespace {

using python::ImportSite;
using python::Node;
using python::NodeId;
using python::NodeKind;

/// One suite of the try statement: its header's lines and the statements it keeps in a function.
struct Suite {
    uint32_t header_first = 0, header_last = 0;
    std::vector<std::pair<uint32_t, uint32_t>> kept;  ///< line ranges of the statements that move
    bool is_else = false;
};

struct FlagValues {
    std::string in_try, in_handler;  ///< "True" / "False"; in_try also from an `else:`
};

struct ImportTry {
    uint32_t line = 0, end_line = 0;
    std::vector<const ImportSite*> imports;
    std::vector<std::string> modules;  ///< top-level packages, in order
    std::set<std::string> bound;
    std::vector<std::string> flag_order;
    std::map<std::string, FlagValues> flags;
    std::vector<Suite> suites;
    std::set<uint32_t> covered;  ///< lines holding a statement or a header
    std::string refused;
};

bool catches_import_error_only(const ModuleSyntax& syntax, NodeId handler) {
    if (syntax.node(handler).child_count < 2)
        return false;  // a bare `except:` catches everything
    std::string text = syntax.text(syntax.node(syntax.tree().children(handler)[0]));
    std::string word;
    auto ok = [&] { return word.empty() || word == "ImportError" || word == "ModuleNotFoundError"; };
    for (char c : text + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.') {
            word += c;
            continue;
        }
        if (!ok())
            return false;
        word.clear();
    }
    return true;
}

const ImportSite* site_on(const python::FileFacts& facts, uint32_t line) {
    for (const ImportSite& site : facts.imports)
        if (site.scope == 0 && site.line == line)
            return &site;
    return nullptr;
}

class TryReader {
public:
    TryReader(const FileView& file, const ModuleSyntax& syntax, ImportTry& out)
        : m_file(file), m_syntax(syntax), m_out(out) {}

    /// One suite's statements: imports (the body only) and `NAME = True/False/None`.
    void read_suite(NodeId block, NodeId header, bool body, bool handler) {
        Suite suite{m_syntax.node(header).line, m_syntax.node(block).line, {}, !body && !handler};
        for (uint32_t at = suite.header_first; at <= suite.header_last; ++at)
            m_out.covered.insert(at);
        for (NodeId id : m_syntax.tree().children(block)) {
            const Node& node = m_syntax.node(id);
            if (node.line <= suite.header_last)
                return fail(fmt::format("line {}: a suite on its header's line", node.line));
            for (uint32_t at = node.line; at <= node.end_line; ++at)
                if (!m_out.covered.insert(at).second)
                    return fail(fmt::format("line {} holds two statements", at));
            if (body && (node.kind == NodeKind::import || node.kind == NodeKind::import_from)) {
                read_import(node);
                suite.kept.emplace_back(node.line, node.end_line);
            } else if (node.kind == NodeKind::assign && node.child_count == 2 &&
                       m_syntax.node(m_syntax.tree().children(id)[0]).kind == NodeKind::name) {
                if (read_assignment(id, body || suite.is_else, handler))
                    suite.kept.emplace_back(node.line, node.end_line);
            } else {
                return fail(
                    fmt::format("line {}: the try statement does more than import and set flags", node.line));
            }
        }
        m_out.suites.push_back(std::move(suite));
    }

private:
    void fail(std::string why) {
        if (m_out.refused.empty())
            m_out.refused = std::move(why);
    }

    void read_import(const Node& node) {
        const ImportSite* site = site_on(*m_file.facts, node.line);
        if (site == nullptr || site->star || site->future || (site->is_from && site->level > 0))
            return fail(fmt::format("line {}: find_spec needs an absolute import", node.line));
        m_out.imports.push_back(site);
        std::string top = top_module(m_file, *site);
        if (std::find(m_out.modules.begin(), m_out.modules.end(), top) == m_out.modules.end())
            m_out.modules.push_back(top);
        for (const std::string& name : bound_names(*site))
            m_out.bound.insert(name);
    }

    /// Whether the assignment moves with the block (it sets an imported name to None in a handler).
    bool read_assignment(NodeId id, bool in_try, bool in_handler) {
        std::string name(m_syntax.node(m_syntax.tree().children(id)[0]).text);
        std::string value = m_syntax.text(m_syntax.node(m_syntax.tree().children(id)[1]));
        if (m_out.bound.contains(name)) {
            if (!in_handler || value != "None")
                fail(fmt::format("line {}: `{}` is set otherwise than to None where the import fails",
                                 m_syntax.node(id).line, name));
            return true;
        }
        if (value != "True" && value != "False") {
            fail(fmt::format("line {}: `{}` is set to `{}`, not True or False", m_syntax.node(id).line, name,
                             value));
            return false;
        }
        if (!m_out.flags.contains(name))
            m_out.flag_order.push_back(name);
        std::string& slot = in_try ? m_out.flags[name].in_try : m_out.flags[name].in_handler;
        if (!slot.empty() && slot != value)
            fail(fmt::format("`{}` is set both True and False in one branch", name));
        slot = value;
        return false;
    }

    const FileView& m_file;
    const ModuleSyntax& m_syntax;
    ImportTry& m_out;
};

/// Whether each line of the statement is a header, a statement read, `pass`, a comment or blank.
std::string unread_line(const ModuleSyntax& syntax, const ImportTry& block) {
    for (uint32_t at = block.line; at <= block.end_line; ++at) {
        std::string_view text = syntax.line(at);
        text = text.substr(0, std::min(text.find('#'), text.size()));
        size_t first = text.find_first_not_of(" \t\f");
        if (first == std::string_view::npos || block.covered.contains(at))
            continue;
        text = text.substr(first, text.find_last_not_of(" \t\f") + 1 - first);
        if (text != "pass")
            return fmt::format("line {}: the try statement does more than import and set flags", at);
    }
    return "";
}

ImportTry read_import_try(const FileView& file, const ModuleSyntax& syntax, const ImportSite& site) {
    ImportTry block;
    NodeId statement = syntax.statement_at(site.line);
    if (statement == python::k_no_node || syntax.node(statement).kind != NodeKind::try_stmt) {
        block.refused = "not in a module-level try statement";
        return block;
    }
    if (std::string why = shares_lines(syntax, statement); !why.empty()) {
        block.refused = why;
        return block;
    }
    block.line = syntax.node(statement).line;
    block.end_line = syntax.node(statement).end_line;
    TryReader reader(file, syntax, block);
    auto children = syntax.tree().children(statement);
    for (size_t index = 0; index < children.size() && block.refused.empty(); ++index) {
        NodeId child = children[index];
        const Node& node = syntax.node(child);
        if (index == 0) {
            reader.read_suite(child, statement, true, false);
        } else if (node.kind == NodeKind::except_handler) {
            if (!catches_import_error_only(syntax, child))
                block.refused = fmt::format("line {}: the handler catches more than ImportError", node.line);
            else
                reader.read_suite(syntax.tree().children(child).back(), child, false, true);
        } else if ((node.flags & python::k_flag_simple) != 0) {
            block.refused = "it has a `finally:`";
        } else {
            reader.read_suite(child, child, false, false);
        }
    }
    if (block.refused.empty())
        block.refused = unread_line(syntax, block);
    for (const std::string& name : block.flag_order) {
        const FlagValues& values = block.flags[name];
        if (block.refused.empty() &&
            (values.in_try.empty() || values.in_handler.empty() || values.in_try == values.in_handler))
            block.refused =
                fmt::format("`{}` is not set True where the import works and False where it fails", name);
    }
    return block;
}

/// `importlib.util.find_spec("x") is not None` (`installed`) or `... is None`, for every module.
std::string find_spec_test(const std::vector<std::string>& modules, bool installed) {
    if (modules.size() == 1)
        return fmt::format("importlib.util.find_spec(\"{}\") is {}None", modules[0], installed ? "not " : "");
    std::vector<std::string> tests;
    for (const std::string& module : modules)
        tests.push_back(fmt::format("importlib.util.find_spec(\"{}\") is not None", module));
    return fmt::format("{}({})", installed ? "" : "not ", fmt::join(tests, " and "));
}

/// The block as a function gets it: the headers, the imports, the None assignments, `pass` for an empty
/// suite.
std::vector<std::string> function_block(const FileView& file, const ImportTry& block) {
    std::vector<std::string> lines;
    for (const Suite& suite : block.suites) {
        if (suite.is_else)
            continue;  // flags only: they stay module-level
        for (std::string& line : raw_lines(file, suite.header_first, suite.header_last))
            lines.push_back(std::move(line));
        for (const auto& [first, last] : suite.kept)
            for (std::string& line : raw_lines(file, first, last))
                lines.push_back(std::move(line));
        if (suite.kept.empty()) {
            uint32_t at = suite.header_last + 1;
            while (at < block.end_line && file.lines->blank(at))
                ++at;
            lines.push_back(std::string(file.lines->indentation(at)) + "pass");
        }
    }
    return lines;
}

/// `name is None` / `name is not None` at (line, col): the length and whether it is `not`.
std::optional<std::pair<uint32_t, bool>> none_test(std::string_view text, uint32_t col,
                                                   std::string_view name) {
    size_t at = col + name.size();
    if (at > text.size() || text.substr(col, name.size()) != name)
        return std::nullopt;
    auto skip = [&] {
        size_t from = at;
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
            ++at;
        return at > from;
    };
    auto word = [&](std::string_view w) {
        if (text.substr(at, w.size()) != w)
            return false;
        size_t end = at + w.size();
        if (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_'))
            return false;
        at = end;
        return true;
    };
    if (!skip() || !word("is") || !skip())
        return std::nullopt;
    bool negated = word("not");
    if (negated && !skip())
        return std::nullopt;
    if (!word("None"))
        return std::nullopt;
    return std::make_pair(static_cast<uint32_t>(at - col), negated);
}

SiteFix find_spec_fix(const FileView& file, const RemedyRequest& request, bool needs_flag) {
    const ImportSite& blocked = file.facts->imports[request.site];
    SiteFix fix = site_fix_for(file, blocked);
    ModuleSyntax syntax(*file.facts);
    ImportTry block = read_import_try(file, syntax, blocked);
    if (!block.refused.empty())
        return refuse(std::move(fix), block.refused);
    if (!request.remedy.readers.empty())
        return refuse(std::move(fix),
                      "its names are read by another module: " + request.remedy.readers.front());
    if (needs_flag && block.flags.empty())
        return refuse(std::move(fix), "no flag records whether it is installed");
    std::set<uint32_t> functions;
    std::map<uint32_t, std::vector<Replacement>> tests;
    for (const std::string& name : block.bound) {
        if (auto it = request.imported_elsewhere.find(name); it != request.imported_elsewhere.end())
            return refuse(std::move(fix),
                          fmt::format("`{}` is imported from here by {}", name, it->second.front()));
        if (std::string why = rebound_elsewhere(*file.facts, name, block.line, block.end_line); !why.empty())
            return refuse(std::move(fix), why);
        for (const ModuleRead& read : module_reads(*file.facts, name)) {
            if (read.function != 0) {
                functions.insert(read.function);
                continue;
            }
            auto test = none_test(syntax.line(read.line), read.col, name);
            if (!test)
                return refuse(
                    std::move(fix),
                    fmt::format("`{}` is used while the module is imported, line {} (only an `is None` "
                                "test becomes find_spec)",
                                name, read.line));
            tests[read.line].push_back({read.col, test->first, find_spec_test(block.modules, test->second)});
        }
    }
    if (block.bound.contains("importlib") || file.module.starts_with("importlib"))
        return refuse(std::move(fix), "find_spec needs `importlib` at module level");
    if (functions.empty() && tests.empty() && block.flags.empty())
        return refuse(std::move(fix),
                      fmt::format("nothing in this file reads `{}`: it may be read from outside, or "
                                  "imported for its side effects",
                                  block.bound.empty() ? "" : *block.bound.begin()));
    std::vector<std::string> flags;
    for (const std::string& name : block.flag_order)
        flags.push_back(name + " = " + find_spec_test(block.modules, block.flags[name].in_try == "True"));
    if (!flags.empty() || !tests.empty())
        if (std::string why = import_at_module_level(file, "importlib.util", block.line, fix); !why.empty())
            return refuse(std::move(fix), why);
    if (std::string why = rewrite_lines(file, syntax, tests, fix); !why.empty())
        return refuse(std::move(fix), why);
    std::vector<std::string> moved = function_block(file, block);
    for (uint32_t function : functions)
        if (std::string why = insert_into_function(file, function, moved, blocked.line, fix); !why.empty())
            return refuse(std::move(fix), why);
    Edit rest{block.line, block.end_line + 1, std::move(flags), block.line};
    absorb_blank_line(*file.lines, rest);
    fix.edits.push_back(std::move(rest));
    if (!block.flag_order.empty())
        fix.destinations.push_back("importlib.util.find_spec");
    for (const ImportSite* site : block.imports)
        if (site != &blocked)
            fix.carries.push_back(python::import_statement_text(*site));
    return fix;
}

}  // namespace

SiteFix find_spec_probe(const FileView& file, const RemedyRequest& request) {
    return find_spec_fix(file, request, true);
}

SiteFix find_spec_flag(const FileView& file, const RemedyRequest& request) {
    return find_spec_fix(file, request, false);
}

}  // namespace lmms::fix
