#include "cli/options.hpp"

#include <ostream>

#include "base/strings.hpp"

namespace lmms::cli {

namespace {

std::string did_you_mean(const CLI::App& app, const std::vector<std::string>& args) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options())
        for (const std::string& name : option->get_lnames())
            names.push_back("--" + name);
    std::vector<std::string_view> views(names.begin(), names.end());
    for (const std::string& arg : args) {
        if (!arg.starts_with("--"))
            continue;
        std::string flag = arg.substr(0, arg.find('='));
        if (std::find(names.begin(), names.end(), flag) != names.end())
            continue;
        if (auto match = base::closest_match(flag, views))
            return "; did you mean `" + *match + "`?";
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
        context.err << "error: " << error.what() << did_you_mean(app, context.args) << "\n"
                    << "Run `" << app.get_name() << " --help` for the options.\n";
        return k_exit_input;
    }
    return std::nullopt;
}

}  // namespace lmms::cli
