#include "capture/module_code.hpp"

#include <algorithm>
#include <map>

#include "base/files.hpp"
#include "base/strings.hpp"
#include "python/parser.hpp"
#include "python/token.hpp"

namespace lmms::capture {

namespace {

constexpr size_t k_text_limit = 80;

struct Span {
    uint32_t first = 0;
    uint32_t last = 0;
};

/// The line ranges of the module's top-level statements, a decorated
/// definition from its first decorator.
std::vector<Span> top_level_spans(const python::ParseResult& parsed) {
    std::vector<Span> spans;
    if (parsed.root == python::k_no_node)
        return spans;
    const python::Tree& tree = parsed.tree;
    for (python::NodeId id : tree.children(parsed.root)) {
        const python::Node& node = tree[id];
        Span span{node.line, std::max(node.line, node.end_line)};
        bool definition =
            node.kind == python::NodeKind::function_def || node.kind == python::NodeKind::class_def;
        if (definition && node.extra > 0 && !tree.children(id).empty())
            span.first = std::min(span.first, tree[tree.children(id).front()].line);
        spans.push_back(span);
    }
    std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.first < b.first; });
    return spans;
}

std::string line_text(std::string_view text, uint32_t line) {
    size_t start = 0;
    for (uint32_t at = 1; at < line && start != std::string_view::npos; ++at) {
        start = text.find('\n', start);
        start = start == std::string_view::npos ? start : start + 1;
    }
    if (start == std::string_view::npos || start >= text.size())
        return {};
    size_t end = text.find('\n', start);
    std::string trimmed(base::trim(text.substr(start, end == std::string_view::npos ? end : end - start)));
    if (trimmed.size() > k_text_limit)
        trimmed = trimmed.substr(0, k_text_limit - 3) + "...";
    return trimmed;
}

}  // namespace

std::vector<model::StatementCost> fold_statements(std::string_view source, const std::string& file,
                                                  const LineTimes& lines) {
    python::SourceText decoded = python::decode_source(std::string(source));
    python::ParseResult parsed = python::parse(python::tokenize(decoded.text, python::Trivia::drop).tokens);
    std::vector<Span> spans = top_level_spans(parsed);
    std::map<uint32_t, int64_t> by_statement;
    for (const auto& [line, ns] : lines) {
        auto after = std::upper_bound(spans.begin(), spans.end(), line,
                                      [](uint32_t value, Span span) { return value < span.first; });
        bool inside = after != spans.begin() && line <= std::prev(after)->last;
        by_statement[inside ? std::prev(after)->first : line] += ns;
    }
    std::vector<model::StatementCost> statements;
    for (const auto& [line, ns] : by_statement) {
        double us = static_cast<double>(ns) / 1000.0;
        if (us >= model::k_statement_floor_us)
            statements.push_back({file, line, line_text(decoded.text, line), us});
    }
    return statements;
}

void attach_module_code(model::Profile& profile, const std::vector<ProbeStatement>& lines,
                        const ProjectLayout& layout) {
    std::map<std::string, LineTimes> by_file;
    for (const ProbeStatement& line : lines)
        if (is_project_file(line.file, layout))
            by_file[base::relative_to(line.file, layout.project_dir)].push_back({line.line, line.ns});
    profile.module_code.clear();
    for (const auto& [file, times] : by_file) {
        auto text = base::read_file(layout.project_dir / file);
        auto folded = fold_statements(text ? std::string_view(*text) : std::string_view(), file, times);
        profile.module_code.insert(profile.module_code.end(), folded.begin(), folded.end());
    }
}

}  // namespace lmms::capture
