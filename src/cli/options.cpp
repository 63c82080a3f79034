#include "cli/options.hpp"

#include <ostream>

#include "base/strings.hpp"

namespace lmms::cli {

namespace {

/// "unknown option `--rnus`; did you mean `--runs`?" for the first unknown
/// option, or nothing when every option is known.
std::string unknown_option(const CLI::App& app, const std::vector<std::string>& args) {
    std::vector<std::string> names{"--help"};
    for (const CLI::Option* option : app.get_options())
        for (const std::string& name : option->get_lnames())
            names.push_back("--" + name);
    std::vector<std::string_view> views(names.begin(), names.end());
    for (const std::string& arg : args) {
        if (!arg.starts_with("-") || arg == "-")
            continue;
        std::string flag = arg.substr(0, arg.find('='));
        if (std::find(names.begin(), names.end(), flag) != names.end() || flag == "-h")
            continue;
        std::string message = "unknown option `" + flag + "`";
        if (auto match = base::closest_match(flag, views))
            message += "; did you mean `" + *match + "`?";
        return message;
    }
    return "";
}

}  // namespace

std::optional<int> parse_options(CLI::App& app, Context& context) {
    std::vector<std::string> reversed(context.args.rbegin(), context.args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        context.out << app.help();
        return k_exit_ok;
    } catch (const CLI::ParseError& error) {
        std::string unknown = unknown_option(app, context.args);
        context.err << "error: " << (unknown.empty() ? std::string(error.what()) : unknown) << "\n"
                    << "Run `" << app.get_name() << " --help` for the options.\n";
        return k_exit_input;
    }
    return std::nullopt;
}

}  // namespace lmms::cli
