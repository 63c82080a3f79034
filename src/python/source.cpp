// Source bytes to UTF-8 text, as CPython reads a module: BOM, PEP 263
// coding declaration, universal newlines. Never fails: problems are errors
// next to a text that is still usable.

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "python/token.hpp"

namespace lmms::python {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

std::string_view first_line(std::string_view bytes) {
    return bytes.substr(0, std::min(bytes.find_first_of("\r\n"), bytes.size()));
}

/// The rest after the first line and its line break.
std::string_view after_first_line(std::string_view bytes) {
    size_t end = bytes.find_first_of("\r\n");
    if (end == std::string_view::npos)
        return {};
    if (bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n')
        ++end;
    return bytes.substr(end + 1);
}

size_t skip_blanks(std::string_view line) {
    size_t at = 0;
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == '\f'))
        ++at;
    return at;
}

bool is_encoding_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

/// PEP 263: ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)
std::optional<std::string_view> coding_declaration(std::string_view line) {
    size_t at = skip_blanks(line);
    if (at == line.size() || line[at] != '#')
        return std::nullopt;
    for (size_t found = line.find("coding", at); found != std::string_view::npos;
         found = line.find("coding", found + 1)) {
        size_t p = found + 6;
        if (p == line.size() || (line[p] != ':' && line[p] != '='))
            continue;
        ++p;
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t'))
            ++p;
        size_t name_start = p;
        while (p < line.size() && is_encoding_char(line[p]))
            ++p;
        if (p > name_start)
            return line.substr(name_start, p - name_start);
    }
    return std::nullopt;
}

/// Line 2 counts only below a blank or comment-only line 1 (tokenize's rule).
std::optional<std::string_view> find_declaration(std::string_view bytes) {
    std::string_view line = first_line(bytes);
    if (auto name = coding_declaration(line))
        return name;
    size_t at = skip_blanks(line);
    if (at < line.size() && line[at] != '#')
        return std::nullopt;
    return coding_declaration(first_line(after_first_line(bytes)));
}

bool starts_with_any(std::string_view name, std::initializer_list<std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return name.starts_with(p); });
}

/// Lowercase with '-' for '_', and the usual aliases folded as CPython's
/// tokenizer folds them.
std::string normalize_encoding(std::string_view declared) {
    std::string name(declared);
    for (char& c : name)
        c = c == '_' ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    if (name == "utf-8" || name == "utf8" || starts_with_any(name, {"utf-8-", "utf8-"}))
        return "utf-8";
    if (name == "latin-1" || name == "latin1" || name == "l1" || name == "iso-8859-1" ||
        name == "iso8859-1" || name == "iso-latin-1" ||
        starts_with_any(name, {"latin-1-", "iso-8859-1-", "iso-latin-1-"}))
        return "latin-1";
    if (name == "ascii" || name == "us-ascii" || name == "646")
        return "ascii";
    return name;
}

/// CRLF and lone CR to LF, before any conversion: the encodings a declaration
/// can name are ASCII-compatible, so bytes 0x0D and 0x0A are line breaks.
std::string normalize_newlines(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    size_t at = 0;
    while (at < bytes.size()) {
        const void* found = std::memchr(bytes.data() + at, '\r', bytes.size() - at);
        size_t cr =
            found ? static_cast<size_t>(static_cast<const char*>(found) - bytes.data()) : bytes.size();
        out.append(bytes.substr(at, cr - at));
        if (cr == bytes.size())
            break;
        out += '\n';
        at = cr + 1 < bytes.size() && bytes[cr + 1] == '\n' ? cr + 2 : cr + 1;
    }
    return out;
}

std::string latin1_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char c : bytes) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;
        } else {
            out += static_cast<char>(0xC0 | (byte >> 6));
            out += static_cast<char>(0x80 | (byte & 0x3F));
        }
    }
    return out;
}

size_t first_non_ascii(std::string_view text) {
    size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {  // eight bytes at a time: source is mostly ASCII
        uint64_t word;
        std::memcpy(&word, text.data() + at, 8);
        if (word & 0x8080808080808080ULL)
            break;
    }
    for (; at < text.size(); ++at)
        if (static_cast<unsigned char>(text[at]) >= 0x80)
            return at;
    return std::string_view::npos;
}

bool in_range(std::string_view text, size_t at, unsigned low, unsigned high) {
    if (at >= text.size())
        return false;
    auto byte = static_cast<unsigned char>(text[at]);
    return byte >= low && byte <= high;
}

/// Length of the well-formed UTF-8 sequence at `at` (a non-ASCII lead), 0 if
/// there is none: no overlong forms, surrogates or code points past U+10FFFF.
size_t utf8_sequence_length(std::string_view text, size_t at) {
    auto lead = static_cast<unsigned char>(text[at]);
    auto continuation = [&](size_t offset) { return in_range(text, at + offset, 0x80, 0xBF); };
    if (lead >= 0xC2 && lead <= 0xDF)
        return continuation(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
        unsigned high = lead == 0xED ? 0x9F : 0xBF;
        return in_range(text, at + 1, low, high) && continuation(2) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        unsigned low = lead == 0xF0 ? 0x90 : 0x80;
        unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
        return in_range(text, at + 1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

size_t first_invalid_utf8(std::string_view text) {
    size_t at = 0;
    while (at < text.size()) {
        size_t ascii = first_non_ascii(text.substr(at));
        if (ascii == std::string_view::npos)
            return std::string_view::npos;
        at += ascii;
        size_t length = utf8_sequence_length(text, at);
        if (length == 0)
            return at;
        at += length;
    }
    return std::string_view::npos;
}

SourceError error_at(std::string_view text, size_t offset, std::string message) {
    std::string_view before = text.substr(0, offset);
    size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    auto line = static_cast<uint32_t>(1 + std::count(before.begin(), before.end(), '\n'));
    return SourceError{line, static_cast<uint32_t>(offset - line_start), std::move(message)};
}

unsigned byte_at(std::string_view text, size_t offset) {
    return static_cast<unsigned char>(text[offset]);
}

std::optional<iconv_t> open_converter(std::string_view declared) {
    std::string dashes(declared);
    std::replace(dashes.begin(), dashes.end(), '_', '-');
    std::string bare;
    std::copy_if(declared.begin(), declared.end(), std::back_inserter(bare),
                 [](char c) { return c != '-' && c != '_'; });
    for (const std::string& name : {std::string(declared), dashes, bare}) {
        iconv_t converter = iconv_open("UTF-8", name.c_str());
        // NOLINTNEXTLINE(performance-no-int-to-ptr): iconv's way of saying "no such encoding"
        if (converter != reinterpret_cast<iconv_t>(static_cast<intptr_t>(-1)))
            return converter;
    }
    return std::nullopt;
}

/// Converts with iconv; an undecodable byte becomes U+FFFD, and the first one
/// is reported by its offset in the output.
std::string convert(iconv_t converter, std::string_view bytes, size_t& first_bad, unsigned& bad_byte) {
    std::string out(bytes.size() * 3 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; the input is not written
    size_t in_left = bytes.size();
    size_t written = 0;
    while (in_left > 0) {
        char* out_at = out.data() + written;
        size_t out_left = out.size() - written;
        size_t result = iconv(converter, &in, &in_left, &out_at, &out_left);
        written = static_cast<size_t>(out_at - out.data());
        if (result != static_cast<size_t>(-1))
            break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        if (first_bad == std::string_view::npos) {
            first_bad = written;
            bad_byte = static_cast<unsigned char>(*in);
        }
        if (out.size() - written < k_replacement.size())
            out.resize(out.size() * 2);
        std::memcpy(out.data() + written, k_replacement.data(), k_replacement.size());
        written += k_replacement.size();
        ++in;
        --in_left;
        iconv(converter, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    }
    out.resize(written);
    return out;
}

void decode_declared(SourceText& source, std::string_view declared, std::string_view bytes) {
    if (source.encoding == "latin-1") {
        source.text = latin1_to_utf8(bytes);
        return;
    }
    if (source.encoding == "ascii") {
        source.text = std::string(bytes);
        if (size_t bad = first_non_ascii(source.text); bad != std::string_view::npos)
            source.errors.push_back(
                error_at(source.text, bad,
                         fmt::format("'ascii' codec can't decode byte 0x{:02x}: ordinal not in "
                                     "range(128)",
                                     byte_at(source.text, bad))));
        return;
    }
    std::optional<iconv_t> converter = open_converter(declared);
    if (!converter) {
        source.text = std::string(bytes);
        source.errors.push_back(SourceError{1, 0, fmt::format("unknown encoding: {}", declared)});
        return;
    }
    size_t first_bad = std::string_view::npos;
    unsigned bad_byte = 0;
    source.text = convert(*converter, bytes, first_bad, bad_byte);
    iconv_close(*converter);
    if (first_bad != std::string_view::npos)
        source.errors.push_back(
            error_at(source.text, first_bad,
                     fmt::format("'{}' codec can't decode byte 0x{:02x}", source.encoding, bad_byte)));
}

}  // namespace

SourceText decode_source(std::string bytes) {
    SourceText source;
    std::string_view view = bytes;
    bool bom = view.starts_with(k_bom);
    if (bom)
        view.remove_prefix(k_bom.size());
    std::optional<std::string> declared;
    if (std::optional<std::string_view> found = find_declaration(view))
        declared = std::string(*found);
    source.encoding = declared ? normalize_encoding(*declared) : "utf-8";
    // Most files need no rewriting: their bytes become the text as they are.
    std::string normalized =
        !bom && view.find('\r') == std::string_view::npos ? std::move(bytes) : normalize_newlines(view);
    if (bom && source.encoding != "utf-8") {
        source.errors.push_back(SourceError{1, 0, fmt::format("encoding problem: {} with BOM", *declared)});
        source.encoding = "utf-8";
    }
    if (source.encoding != "utf-8") {
        decode_declared(source, *declared, normalized);
        return source;
    }
    source.text = std::move(normalized);
    if (size_t bad = first_invalid_utf8(source.text); bad != std::string_view::npos) {
        unsigned byte = byte_at(source.text, bad);
        source.errors.push_back(error_at(
            source.text, bad,
            declared ? fmt::format("'utf-8' codec can't decode byte 0x{:02x}", byte)
                     : fmt::format("Non-UTF-8 code starting with '\\x{:02x}', but no encoding declared; see "
                                   "https://peps.python.org/pep-0263/ for details",
                                   byte)));
    }
    return source;
}

}  // namespace lmms::python
