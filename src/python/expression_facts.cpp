#include "python/expression_facts.hpp"

#include <algorithm>

namespace lmms::python {

NodeId chain_base(const Tree& tree, NodeId attribute) {
    NodeId at = attribute;
    while (tree[at].kind == NodeKind::attribute && tree[at].child_count == 1)
        at = tree.children(at)[0];
    return at;
}

std::string_view chain_attributes(const Tree& tree, NodeId attribute, bool drop_last, std::string& joined) {
    NodeId outer = attribute;
    if (drop_last) {
        outer = tree.children(attribute)[0];
        if (tree[outer].kind != NodeKind::attribute)
            return {};
    }
    // Innermost first: the chain's nodes nest outermost-first.
    std::string_view last = tree[outer].text;
    std::string_view first = last;
    size_t length = 0;
    size_t parts = 0;
    for (NodeId at = outer; tree[at].kind == NodeKind::attribute && tree[at].child_count == 1;
         at = tree.children(at)[0]) {
        first = tree[at].text;
        length += first.size();
        ++parts;
    }
    length += parts - 1;
    if (first.data() + length == last.data() + last.size() &&
        std::string_view(first.data(), length).find_first_of(" \t\r\n\\()#") == std::string_view::npos)
        return {first.data(), length};  // written `b.c`, without spaces or comments
    joined.clear();
    for (NodeId at = outer; tree[at].kind == NodeKind::attribute && tree[at].child_count == 1;
         at = tree.children(at)[0])
        joined.insert(0, joined.empty() ? std::string(tree[at].text) : std::string(tree[at].text) + ".");
    return joined;
}

std::string dotted_name(const Tree& tree, NodeId id) {
    if (id == k_no_node)
        return {};
    const Node& node = tree[id];
    if (node.kind == NodeKind::call)
        return node.child_count == 0 ? std::string() : dotted_name(tree, tree.children(id)[0]);
    if (node.kind == NodeKind::name)
        return node.context == Context::load ? std::string(node.text) : std::string();
    if (node.kind != NodeKind::attribute || node.child_count != 1)
        return {};
    NodeId value = tree.children(id)[0];
    if (tree[value].kind == NodeKind::call)
        return {};  // `a().b` is no dotted name
    std::string head = dotted_name(tree, value);
    return head.empty() ? head : head + "." + std::string(node.text);
}

bool is_identifier(std::string_view text) {
    if (text.empty() || (text[0] >= '0' && text[0] <= '9'))
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::optional<std::string_view> plain_string(const Tree& tree, NodeId id) {
    if (id == k_no_node || tree[id].kind != NodeKind::fstring || tree[id].child_count != 0)
        return std::nullopt;
    std::string_view text = tree[id].text;  // set only for a lone plain literal
    size_t quote = text.find_first_of("'\"");
    if (quote == std::string_view::npos || quote > 2)
        return std::nullopt;
    std::string_view prefix = text.substr(0, quote);
    if (prefix.find_first_of("bBfFtT") != std::string_view::npos)
        return std::nullopt;
    std::string_view body = text.substr(quote);
    size_t width = body.starts_with("\"\"\"") || body.starts_with("'''") ? 3 : 1;
    if (body.size() < 2 * width)
        return std::nullopt;
    std::string_view value = body.substr(width, body.size() - 2 * width);
    if (value.find('\\') != std::string_view::npos)
        return std::nullopt;
    return value;
}

}  // namespace lmms::python
