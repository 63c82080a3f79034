#include "report/fix_report.hpp"

#include <fmt/format.h>

namespace lmms::report {

namespace {

std::string site_line(const fix::SiteFix& fix) {
    return fmt::format("  {}:{}  {}", fix.file, fix.line, fix.statement);
}

/// "      remedy cached_factory, saves 12.3 ms\n" and what moves with it; "" for a style's move.
std::string remedy_lines(const fix::SiteFix& fix) {
    if (fix.remedy.empty())
        return "";
    std::string out = fmt::format("      remedy {}, saves {:.1f} ms\n", fix.remedy, fix.saving_ms);
    if (!fix.carries.empty())
        out += fmt::format("      with {}\n", fmt::join(fix.carries, ", "));
    return out;
}

}  // namespace

std::string fix_to_text(const fix::ProjectFix& result, FixMode mode) {
    std::string out =
        fmt::format("lmms fix, style {} ({})\n", fix::style_name(result.style), result.style_reason);
    const char* verb = mode == FixMode::write ? "applied" : "to apply";
    out += fmt::format("{} ({})\n", verb, result.applied.size());
    for (const fix::SiteFix& fix : result.applied)
        out += fmt::format("{}\n      -> {}\n{}", site_line(fix), fmt::join(fix.destinations, ", "),
                           remedy_lines(fix));
    if (!result.skipped.empty()) {
        out += fmt::format("not applied ({})\n", result.skipped.size());
        for (const fix::SiteFix& fix : result.skipped)
            out += fmt::format("{}\n      {}\n{}", site_line(fix), fix.refused, remedy_lines(fix));
    }
    if (!result.manual.empty()) {
        out += fmt::format("to do by hand ({})\n", result.manual.size());
        for (const fix::SiteFix& fix : result.manual)
            out += fmt::format("{}\n{}      {}\n", site_line(fix), remedy_lines(fix), fix.remedy_edit);
    }
    if (result.files.empty()) {
        out += "nothing to change\n";
        return out;
    }
    out += fmt::format("{} {} file{}:", mode == FixMode::write ? "changed" : "would change",
                       result.files.size(), result.files.size() == 1 ? "" : "s");
    for (const fix::ChangedFile& file : result.files)
        out += " " + file.path + (file.before ? "" : " (new)");
    return out + "\n";
}

}  // namespace lmms::report
