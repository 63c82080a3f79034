#include "scaffold/project_init.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "base/strings.hpp"
#include "python/project_files.hpp"

namespace lmms::scaffold {

namespace {

/// A TOML basic string, which is also a valid Python string literal.
std::string toml_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) < 0x20)
            out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else
            out += c;
    }
    return out + "\"";
}

std::string toml_string_list(const std::vector<std::string>& items) {
    std::vector<std::string> parts;
    parts.reserve(items.size());
    for (const std::string& item : items)
        parts.push_back(toml_string(item));
    return fmt::format("[{}]", fmt::join(parts, ", "));
}

bool is_identifier(std::string_view part) {
    if (part.empty() || (part.front() >= '0' && part.front() <= '9'))
        return false;
    for (char c : part)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              static_cast<unsigned char>(c) >= 0x80))
            return false;
    return true;
}

/// A project-relative path, normalised, '/' separators, no trailing '/'; "" for the root.
std::string normal_relative(std::string_view path) {
    std::string normal = std::filesystem::path(path).lexically_normal().generic_string();
    while (!normal.empty() && normal.back() == '/')
        normal.pop_back();
    return normal == "." ? "" : normal;
}

void replace_all(std::string& text, std::string_view placeholder, std::string_view value) {
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
}

// The section's comments say what each key is for; `lmms init --help` and the
// README say the same.
constexpr std::string_view k_section_workload =
    R"(# events = "events.jsonl"        # JSON Lines workload for `lmms usage`
# commands = "commands.txt"      # or command lines, for a command-line program
)";

/// The tier table and the traffic model, with the numbers the commands use when they are absent.
std::string section_tables(const config::Thresholds& thresholds, const config::Traffic& traffic) {
    return fmt::format(
        "\n[tool.lmms.thresholds]  # the tier table (LMMS-03)\n"
        "fast-ms = {:g}\nheavy-ms = {:g}\nhot-usage = {:g}  # percent of invocations\n"
        "\n[tool.lmms.traffic]  # the cost model of `lmms plan`\n"
        "requests-per-day = {:g}\ncold-start-rate = {:g}  # share of requests that start a new process\n",
        thresholds.fast_ms, thresholds.heavy_ms, thresholds.hot_usage, traffic.requests_per_day,
        traffic.cold_start_rate);
}

std::string python_line(const InitSection& section) {
    if (section.python.empty())
        return "# python = \".venv/bin/python\"  # none found: $VIRTUAL_ENV, ./.venv, ./venv, python3 on "
               "PATH\n";
    if (section.python_unconfirmed.empty())
        return fmt::format("python = {}\n", toml_string(section.python));
    return fmt::format("# python = {}  # {}: uncomment if it has the project's packages\n",
                       toml_string(section.python), section.python_unconfirmed);
}

constexpr std::string_view k_skeleton =
    R"("""Fast path: the only module-level imports of the entry's cold start.

ONLY modules meeting these criteria belong here (LMMS-DEC-04, LMMS-03):
- import time < @FAST@ ms (Tier 1), OR
- used on > @HOT@% of invocations (Tier 2: hot path; > @HEAVY@ ms is a documented exception)

Last profiled: never (run `lmms profile`, `lmms usage`, then `lmms fastpath`)
Target: fast path imports < 200 ms, fewer than 20 imports

REVIEW REQUIRED for any change to this file!
"""

# Tier 1: Lightweight (<@FAST@ms)

# Tier 2: Hot path exceptions (>@FAST@ms but >@HOT@% usage)

__all__ = []

# HISTORY:
# @DATE@: Created by lmms init
)";

constexpr std::string_view k_test =
    R"=("""CI guard of the fast path (LMMS-LESS-04): fail when it grows slow or crowded.

Written by `lmms init`. Runs under `pytest` and `python -m unittest` (stdlib
only). Each run imports the fast path in a fresh interpreter, after its parent
package (so a heavy package __init__ is not charged to it), and reports the
import time and the modules it loaded; the median of RUNS runs is compared,
so one slow run does not fail CI. Edit the constants as your team decides.
"""

import json
import os
import statistics
import subprocess
import sys
import unittest

FAST_PATH_MODULE = @MODULE@
BUDGET_MS = @BUDGET@  # median import time of the fast path, milliseconds
IMPORT_LIMIT = @LIMIT@  # imports the fast path exports in __all__
RUNS = @RUNS@  # fresh interpreters measured, after one warm-up run
SRC_ROOTS = @SRC@  # source roots, relative to the project root

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Runs in the fresh interpreter; prints one JSON line on stdout. sys and time are loaded at
# start-up; json is imported only after the measurement, so a fast path importing it pays for it.
MEASURE = """
import sys, time
module = sys.argv[1]
parent = module.rpartition(".")[0]
if parent:
    __import__(parent)
before = set(sys.modules)
start = time.perf_counter()
__import__(module)
elapsed = time.perf_counter() - start
loaded = sorted(set(sys.modules) - before)
exported = [str(name) for name in getattr(sys.modules[module], "__all__", [])]
import json
print(json.dumps({"ms": elapsed * 1000.0, "modules": loaded, "all": exported}))
"""


def measure_once():
    """Imports the fast path in a fresh interpreter: its time, new modules and __all__."""
    roots = [os.path.join(PROJECT_ROOT, root) for root in SRC_ROOTS]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(roots + [p for p in [env.get("PYTHONPATH")] if p])
    result = subprocess.run([sys.executable, "-c", MEASURE, FAST_PATH_MODULE], cwd=PROJECT_ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError("could not import %s in a fresh interpreter (exit %d):\n%s"
                             % (FAST_PATH_MODULE, result.returncode, result.stderr.strip()))
    return json.loads(result.stdout.strip().splitlines()[-1])


class FastPathTest(unittest.TestCase):
    """The fast path's import time and size, measured in fresh interpreters."""

    @classmethod
    def setUpClass(cls):
        measure_once()  # warm-up: writes the .pyc files, whose compilation CI should not time
        cls.runs = [measure_once() for _ in range(RUNS)]
        cls.median_ms = statistics.median(run["ms"] for run in cls.runs)

    def test_fast_path_import_time(self):
        modules = self.runs[0]["modules"]
        if self.median_ms >= BUDGET_MS:
            self.fail(
                "fast path too slow: %.1f ms to import %s (median of %d fresh interpreters)\n"
                "Modules it loads (%d): %s\n"
                "Target: < %g ms (BUDGET_MS)\n"
                "Review every import in the fast path: run `lmms profile` and `lmms plan`, "
                "and move the imports that are not on the hot path to function level"
                % (self.median_ms, FAST_PATH_MODULE, RUNS, len(modules),
                   ", ".join(modules[:10]) + (", ..." if len(modules) > 10 else ""), BUDGET_MS))

    def test_fast_path_size(self):
        exported = self.runs[0]["all"]
        if len(exported) >= IMPORT_LIMIT:
            self.fail(
                "too many imports in the fast path %s: %d in __all__ (%s)\n"
                "Target: < %d imports (IMPORT_LIMIT)\n"
                "Move rarely used imports to function level (`lmms plan` lists them)"
                % (FAST_PATH_MODULE, len(exported), ", ".join(exported), IMPORT_LIMIT))


if __name__ == "__main__":
    unittest.main()
)=";

}  // namespace

std::string lmms_section(const InitSection& section) {
    std::string out = "[tool.lmms]\n";
    if (section.entry.empty())
        out += "# entry = \"package.module:handler\"\n";
    else
        out += fmt::format("entry = {}\n", toml_string(section.entry));
    out += fmt::format("src = {}\n", toml_string_list(section.src));
    out += fmt::format("fast-path = {}\n", toml_string(section.fast_path));
    out += python_line(section);
    out += k_section_workload;
    out += section_tables(section.thresholds, section.traffic);
    return out;
}

std::string append_section(std::string_view pyproject, std::string_view section) {
    size_t first_newline = pyproject.find('\n');
    bool crlf =
        first_newline != std::string_view::npos && first_newline > 0 && pyproject[first_newline - 1] == '\r';
    std::string_view eol = crlf ? "\r\n" : "\n";
    std::string out(pyproject);
    if (!out.empty()) {
        if (!out.ends_with('\n'))
            out += eol;  // ends the last line
        std::string_view before_last_eol =
            std::string_view(out).substr(0, out.size() - (out.ends_with("\r\n") ? 2 : 1));
        if (!before_last_eol.empty() && !before_last_eol.ends_with('\n'))
            out += eol;  // the blank line between
    }
    for (std::string_view line : base::split_lines(section)) {
        out += line;
        out += eol;
    }
    return out;
}

Expected<bool> has_lmms_table(std::string_view pyproject, const std::string& file_name) {
    toml::table document;
    try {
        document = toml::parse(pyproject, file_name);
    } catch (const toml::parse_error& error) {
        return make_error(fmt::format("invalid TOML: {}", error.description()),
                          fmt::format("{}:{}", file_name, error.source().begin.line));
    }
    const toml::node* tool = document.get("tool");
    if (tool == nullptr)
        return false;
    if (!tool->is_table())
        return make_error("`tool` is not a table, so [tool.lmms] cannot be added",
                          fmt::format("{}:{}", file_name, tool->source().begin.line));
    return tool->as_table()->contains("lmms");
}

std::string fast_path_skeleton(const config::Thresholds& thresholds, std::string_view date) {
    std::string out(k_skeleton);
    replace_all(out, "@FAST@", fmt::format("{}", thresholds.fast_ms));
    replace_all(out, "@HEAVY@", fmt::format("{}", thresholds.heavy_ms));
    replace_all(out, "@HOT@", fmt::format("{}", thresholds.hot_usage));
    replace_all(out, "@DATE@", date);
    return out;
}

std::string fast_path_test(const FastPathTest& test) {
    std::string out(k_test);
    replace_all(out, "@MODULE@", toml_string(test.module));
    replace_all(out, "@BUDGET@", fmt::format("{}", test.budget_ms));
    replace_all(out, "@LIMIT@", fmt::format("{}", test.import_limit));
    replace_all(out, "@RUNS@", fmt::format("{}", test.runs));
    replace_all(out, "@SRC@", toml_string_list(test.src));
    return out;
}

std::string fast_path_beside(std::string_view module_file) {
    size_t slash = module_file.rfind('/');
    if (slash == std::string_view::npos)
        return "fast_path.py";
    return fmt::format("{}/fast_path.py", module_file.substr(0, slash));
}

Expected<std::string> fast_path_module(std::string_view fast_path, const std::vector<std::string>& src) {
    std::string path = normal_relative(fast_path);
    if (path.empty() || path.starts_with('/') || path.starts_with("../") || !path.ends_with(".py"))
        return make_error(fmt::format("the fast path `{}` must be a .py file inside the project", fast_path));
    std::optional<std::string> best_root;
    for (const std::string& root : src) {
        std::string normal = normal_relative(root);
        bool holds = normal.empty() || path.starts_with(normal + "/");
        if (holds && (!best_root || normal.size() > best_root->size()))
            best_root = normal;
    }
    if (!best_root)
        return make_error(fmt::format("the fast path `{}` is not under a source root (src = {})", fast_path,
                                      toml_string_list(src)));
    std::string relative = path.substr(best_root->empty() ? 0 : best_root->size() + 1);
    relative.resize(relative.size() - 3);  // ".py"
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        size_t slash = relative.find('/', start);
        parts.push_back(relative.substr(start, slash - start));
        if (!is_identifier(parts.back()))
            return make_error(
                fmt::format("the fast path `{}` is not an importable module: `{}` is not a "
                            "Python identifier",
                            fast_path, parts.back()));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return python::module_for_path(path, {*best_root});  // the one path -> module rule
}

}  // namespace lmms::scaffold
