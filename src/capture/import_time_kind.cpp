#include "capture/import_time_kind.hpp"

#include <algorithm>
#include <optional>

namespace lmms::capture {

namespace {

using model::ImportTimeKind;
using python::ModuleStatement;
using python::ModuleStatementKind;
using python::SourceSpan;

bool any_contains(const std::vector<SourceSpan>& spans, const ImportTimeRead& read) {
    return std::any_of(spans.begin(), spans.end(),
                       [&](const SourceSpan& span) { return span.contains(read.line, read.col); });
}

/// The name itself, or an attribute chain on it: `plotlib`, `plotlib.style.use`.
bool rooted_at(std::string_view callee, std::string_view name) {
    return callee.starts_with(name) && (callee.size() == name.size() || callee[name.size()] == '.');
}

/// `@app.route("/")`, `@cli.command()`: a decorator that calls an attribute registers what it decorates.
std::optional<ImportTimeKind> decorator_kind(const ModuleStatement& statement, const ImportTimeRead& read) {
    for (const python::Decorator& decorator : statement.decorators)
        if (decorator.span.contains(read.line, read.col)) {
            bool of_module = read.name_is_module && rooted_at(decorator.callee, read.name);
            bool registers =
                decorator.called && decorator.callee.find('.') != std::string::npos && !of_module;
            return registers ? ImportTimeKind::registration : ImportTimeKind::decorator;
        }
    return std::nullopt;
}

ImportTimeKind function_kind(const ModuleStatement& statement, const ImportTimeRead& read) {
    if (auto kind = decorator_kind(statement, read))
        return *kind;
    if (any_contains(statement.defaults, read))
        return ImportTimeKind::default_argument;
    if (any_contains(statement.annotations, read) || read.annotation)
        return ImportTimeKind::annotation;
    return ImportTimeKind::other;
}

ImportTimeKind class_kind(const ModuleStatement& statement, const ImportTimeRead& read) {
    if (auto kind = decorator_kind(statement, read))
        return *kind;
    if (any_contains(statement.bases, read))
        return ImportTimeKind::base_class;
    return ImportTimeKind::class_body;
}

ImportTimeKind expression_kind(const ModuleStatement& statement, const ImportTimeRead& read) {
    if (statement.callee.empty())
        return ImportTimeKind::other;
    if (rooted_at(statement.callee, read.name) && statement.callee.size() > read.name.size())
        return ImportTimeKind::configuring_call;
    return ImportTimeKind::registration;
}

ImportTimeKind statement_kind(const ModuleStatement& statement, const ImportTimeRead& read) {
    switch (statement.kind) {
        case ModuleStatementKind::function_def:
            return function_kind(statement, read);
        case ModuleStatementKind::class_def:
            return class_kind(statement, read);
        case ModuleStatementKind::expression:
            return expression_kind(statement, read);
        case ModuleStatementKind::assignment:
        case ModuleStatementKind::augmented_assignment:
            if (read.annotation)
                return ImportTimeKind::annotation;
            return statement.callee.empty() ? ImportTimeKind::other : ImportTimeKind::module_object;
        default:
            return read.annotation ? ImportTimeKind::annotation : ImportTimeKind::other;
    }
}

}  // namespace

ImportTimeKind import_time_kind(const ImportTimeRead& read) {
    if (read.from_import)
        return ImportTimeKind::from_import;
    if (read.in_function)
        return ImportTimeKind::call;
    if (read.statements == nullptr)
        return ImportTimeKind::other;
    const std::vector<ModuleStatement>& statements = *read.statements;
    int32_t index = python::statement_at(statements, read.line, read.col);
    if (index < 0)
        return ImportTimeKind::other;
    // A test of this statement or of an enclosing `if` (`if flag: x = 1` on one line).
    for (int32_t at = index; at >= 0; at = statements[static_cast<size_t>(at)].parent) {
        const ModuleStatement& statement = statements[static_cast<size_t>(at)];
        if (statement.kind == ModuleStatementKind::if_statement &&
            statement.header.contains(read.line, read.col))
            return ImportTimeKind::feature_flag;
    }
    ImportTimeKind kind = statement_kind(statements[static_cast<size_t>(index)], read);
    if (kind != ImportTimeKind::other)
        return kind;
    for (int32_t at = index; at >= 0; at = statements[static_cast<size_t>(at)].parent)
        if (statements[static_cast<size_t>(at)].catches_import_error)
            return ImportTimeKind::feature_flag;
    return kind;
}

}  // namespace lmms::capture
