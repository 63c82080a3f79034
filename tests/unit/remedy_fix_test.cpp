// The remedies lmms fix applies (TRAPS.md B.5-B.10, A.1): for each, a file
// and a hand-built plan row give an exact text; the refusals say why; and the
// fixed package behaves as the original under /usr/bin/python3 (small fake
// packages written here, never the host's).

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "base/process.hpp"
#include "fix/fixer.hpp"
#include "fix/project_fix.hpp"
#include "python/facts.hpp"
#include "report/fix_report.hpp"
#include "test_support.hpp"

namespace lmms::fix {

namespace {

using policy::RemedyFix;
using policy::RemedyKind;

struct Row {
    std::string statement;
    RemedyKind kind = RemedyKind::move_configuring_call;
    std::vector<std::string> names = {};
    RemedyFix fix = RemedyFix::safe;
    std::vector<std::string> readers = {};
    std::vector<uint32_t> blocking = {};  ///< lines of the file the plan names
};

struct Source {
    std::string path = "app/m.py";
    std::string module = "app.m";
    std::map<std::string, std::vector<std::string>> imported_elsewhere = {};
};

FileFixResult run(const std::string& text, const std::vector<Row>& rows, const Source& source = {}) {
    std::vector<RemedyIntent> remedies;
    for (const Row& row : rows) {
        policy::Remedy remedy;
        remedy.kind = row.kind;
        remedy.fix = row.fix;
        remedy.edit = "the edit";
        remedy.saving_ms = 12.5;
        remedy.readers = row.readers;
        for (uint32_t line : row.blocking)
            remedy.blocking.push_back({source.path, line, "configuring_call"});
        remedies.push_back({row.statement, row.names, remedy, source.imported_elsewhere});
    }
    FileInput input{source.path, source.module, source.path.ends_with("__init__.py"), text};
    return fix_file(input, {}, remedies, Style::function, [](const SiteFix&) { return std::string(); });
}

std::string refusal(const FileFixResult& result) {
    return result.skipped.empty() ? "" : result.skipped.front().refused;
}

}  // namespace

/// A fake package, path -> text; the remedied file replaced by `fixed`.
using Files = std::map<std::string, std::string>;

constexpr const char* k_python = "/usr/bin/python3";

/// What `script` prints (stdout, stderr, exit code) with `files` beside it: only stdlib and these files.
std::string python_run(const Files& files, const std::string& script) {
    testing::TempDir dir;
    for (const auto& [path, text] : files)
        dir.write(path, text);
    std::filesystem::path main = dir.write("main.py", script);
    base::PosixProcessRunner runner;
    auto result =
        runner.run({{k_python, "-E", "-s", "-B", main.string()}, dir.path(), std::chrono::seconds(20)});
    if (!result)
        return "could not run: " + result.error().message;
    return result->stdout_text + result->stderr_text + "exit " + std::to_string(result->exit_code) + "\n";
}

/// The package before and after `path` is fixed print the same; returns what they print.
std::string same_behaviour(Files files, const std::string& path, const std::string& fixed,
                           const std::string& script) {
    std::string before = python_run(files, script);
    files[path] = fixed;
    std::string after = python_run(files, script);
    EXPECT_EQ(before, after) << "the fix changed what the program does";
    return after;
}

#define REQUIRE_PYTHON()                    \
    if (!std::filesystem::exists(k_python)) \
    GTEST_SKIP() << k_python << " is missing: the behaviour is not checked"

// ---- move_configuring_call (TRAPS.md B.5)

constexpr const char* k_plotting =
    "import plotlib\n"
    "plotlib.use(\"Agg\")  # before pyplot\n"
    "import plotlib.pyplot as plt\n"
    "\n"
    "\n"
    "def draw(x):\n"
    "    \"\"\"Draws.\"\"\"\n"
    "    return plt.plot(x)\n"
    "\n"
    "\n"
    "def backend():\n"
    "    return plotlib.backend\n";

const Files k_plotlib = {
    {"app/__init__.py", ""},
    {"plotlib/__init__.py",
     "backend = 'default'\n\n\ndef use(name):\n    global backend\n    backend = name\n"},
    {"plotlib/pyplot.py",
     "import plotlib\n\nBACKEND = plotlib.backend\n\n\ndef plot(x):\n    return f'plot {x} on {BACKEND}'\n"},
};

const Row k_plot_row{"import plotlib", RemedyKind::move_configuring_call, {}, RemedyFix::safe, {}, {2}};

TEST(RemedyFix, AConfiguringCallMovesWithItsImportsInOrder) {
    FileFixResult result = run(k_plotting, {k_plot_row});
    EXPECT_EQ(result.text,
              "\n"
              "def draw(x):\n"
              "    \"\"\"Draws.\"\"\"\n"
              "    import plotlib\n"
              "    plotlib.use(\"Agg\")  # before pyplot\n"
              "    import plotlib.pyplot as plt\n"
              "    return plt.plot(x)\n"
              "\n"
              "\n"
              "def backend():\n"
              "    import plotlib\n"
              "    plotlib.use(\"Agg\")  # before pyplot\n"
              "    import plotlib.pyplot as plt\n"
              "    return plotlib.backend\n");
    ASSERT_EQ(result.applied.size(), 1u);
    EXPECT_EQ(result.applied[0].remedy, "move_configuring_call");
    EXPECT_EQ(result.applied[0].carries, std::vector<std::string>{"import plotlib.pyplot as plt"});
    EXPECT_EQ(result.applied[0].destinations, (std::vector<std::string>{"draw()", "backend()"}));
    EXPECT_EQ(result.passes, 2);  // the second pass finds nothing left
}

TEST(RemedyFix, AConfiguringCallLeavesALazyRowOfTheSameLibraryToItself) {
    FileInput input{"app/m.py", "app.m", false, k_plotting};
    policy::Remedy remedy;
    remedy.fix = RemedyFix::safe;
    remedy.blocking = {{"app/m.py", 2, "configuring_call"}};
    FileFixResult result = fix_file(input, {{"import plotlib.pyplot as plt", {"plt"}, {}, false, {}}},
                                    {{"import plotlib", {"plotlib"}, remedy, {}}}, Style::function,
                                    [](const SiteFix&) { return std::string(); });
    EXPECT_EQ(result.applied.size(), 1u);
    EXPECT_TRUE(result.skipped.empty());  // the pyplot row is not "overlapping": the remedy carries it
    EXPECT_EQ(result.text, run(k_plotting, {k_plot_row}).text);
}

TEST(RemedyFix, TwoRowsOfOneConfiguredLibraryMakeOneFix) {
    FileFixResult result = run(
        k_plotting,
        {k_plot_row,
         {"import plotlib.pyplot as plt", RemedyKind::move_configuring_call, {}, RemedyFix::safe, {}, {2}}});
    EXPECT_EQ(result.applied.size(), 1u);
    EXPECT_TRUE(result.skipped.empty());
    EXPECT_EQ(result.text, run(k_plotting, {k_plot_row}).text);
}

TEST(RemedyFix, AConfiguringCallIsRefusedWhenTheModuleUsesTheLibraryWhileImported) {
    std::string text = std::string(k_plotting) + "\nFIGURE = plt.plot(0)\n";
    EXPECT_EQ(refusal(run(text, {k_plot_row})), "`plt` is used while the module is imported, line 14");
    EXPECT_EQ(refusal(run("import plotlib\n\n\ndef f():\n    return plotlib.backend\n", {k_plot_row})),
              "no module-level call on plotlib's names the plan names: nothing configures it");
}

TEST(RemedyFix, OnlyTheCallsThePlanNamesMoveAsConfiguringCalls) {
    // A registration at import (atexit.register, warnings.warn) is not configuration: it must stay.
    std::string text = std::string(k_plotting) + "\nplotlib.register(draw)\n";
    EXPECT_EQ(
        refusal(run(text, {k_plot_row})),
        "line 14: `plotlib.register(draw)` runs while the module is imported, and the plan does not name it "
        "a configuring call");
}

TEST(RemedyFix, AConfiguringCallBehavesAsBeforeAndLeavesTheColdPath) {
    REQUIRE_PYTHON();
    Files files = k_plotlib;
    files["app/m.py"] = k_plotting;
    std::string fixed = run(k_plotting, {k_plot_row}).text;
    EXPECT_EQ(same_behaviour(files, "app/m.py", fixed,
                             "import app.m as m\nprint(m.draw(1))\nprint(m.backend())\nprint(m.draw(2))\n"),
              "plot 1 on Agg\nAgg\nplot 2 on Agg\nexit 0\n");
    std::string loaded = "import sys\nimport app.m\nprint('plotlib.pyplot' in sys.modules)\n";
    EXPECT_EQ(python_run(files, loaded), "True\nexit 0\n");
    files["app/m.py"] = fixed;
    EXPECT_EQ(python_run(files, loaded), "False\nexit 0\n");
}

// ---- find_spec_probe (TRAPS.md B.9)

constexpr const char* k_probe =
    "\"\"\"Frames.\"\"\"\n"
    "import os\n"
    "\n"
    "try:\n"
    "    import fastframe\n"
    "    HAS_FASTFRAME = True\n"
    "except ImportError:\n"
    "    HAS_FASTFRAME = False\n"
    "\n"
    "\n"
    "def frame(rows):\n"
    "    if not HAS_FASTFRAME:\n"
    "        return 'no fastframe in ' + os.sep\n"
    "    return fastframe.make(rows)\n";

const Files k_fastframe = {
    {"app/__init__.py", ""},
    {"fastframe/__init__.py", "def make(rows):\n    return f'frame of {len(rows)}'\n"}};

TEST(RemedyFix, AnAvailabilityProbeBecomesFindSpecAndItsUsersImportItThemselves) {
    FileFixResult result = run(k_probe, {{"import fastframe", RemedyKind::find_spec_probe}});
    EXPECT_EQ(result.text,
              "\"\"\"Frames.\"\"\"\n"
              "import importlib.util\n"
              "import os\n"
              "\n"
              "HAS_FASTFRAME = importlib.util.find_spec(\"fastframe\") is not None\n"
              "\n"
              "\n"
              "def frame(rows):\n"
              "    try:\n"
              "        import fastframe\n"
              "    except ImportError:\n"
              "        pass\n"
              "    if not HAS_FASTFRAME:\n"
              "        return 'no fastframe in ' + os.sep\n"
              "    return fastframe.make(rows)\n");
    ASSERT_EQ(result.applied.size(), 1u);
    EXPECT_EQ(result.applied[0].remedy, "find_spec_probe");
    EXPECT_EQ(result.passes, 2);
}

constexpr const char* k_probe_none =
    "try:\n"
    "    import fastframe\n"
    "except (ImportError, ModuleNotFoundError):\n"
    "    fastframe = None\n"
    "    HAS_FASTFRAME = False\n"
    "else:\n"
    "    HAS_FASTFRAME = True\n"
    "\n"
    "\n"
    "def frame(rows):\n"
    "    return fastframe.make(rows) if fastframe is not None else 'none'\n";

TEST(RemedyFix, AProbeThatSetsTheModuleToNoneKeepsThatInTheFunctions) {
    EXPECT_EQ(run(k_probe_none, {{"import fastframe", RemedyKind::find_spec_probe}}).text,
              "import importlib.util\n"
              "HAS_FASTFRAME = importlib.util.find_spec(\"fastframe\") is not None\n"
              "\n"
              "\n"
              "def frame(rows):\n"
              "    try:\n"
              "        import fastframe\n"
              "    except (ImportError, ModuleNotFoundError):\n"
              "        fastframe = None\n"
              "    return fastframe.make(rows) if fastframe is not None else 'none'\n");
}

TEST(RemedyFix, AProbeOfTwoPackagesTestsBoth) {
    FileFixResult result =
        run("try:\n    import numpy as np\n    import fastframe\nexcept ImportError:\n    HAS_BOTH = "
            "False\nelse:\n"
            "    HAS_BOTH = True\n\n\ndef mean(xs):\n    return np.mean(xs) if HAS_BOTH else None\n",
            {{"import numpy as np", RemedyKind::find_spec_probe}});
    EXPECT_EQ(result.text,
              "import importlib.util\n"
              "HAS_BOTH = (importlib.util.find_spec(\"numpy\") is not None and "
              "importlib.util.find_spec(\"fastframe\") "
              "is not None)\n"
              "\n"
              "\n"
              "def mean(xs):\n"
              "    try:\n"
              "        import numpy as np\n"
              "        import fastframe\n"
              "    except ImportError:\n"
              "        pass\n"
              "    return np.mean(xs) if HAS_BOTH else None\n");
    ASSERT_EQ(result.applied.size(), 1u);
    EXPECT_EQ(result.applied[0].carries, std::vector<std::string>{"import fastframe"});
}

TEST(RemedyFix, AProbeIsRefusedWhenTheTryDoesMoreThanImport) {
    EXPECT_EQ(
        refusal(run("try:\n    import fastframe\n    fastframe.setup()\n    HAS = True\nexcept ImportError:\n"
                    "    HAS = False\n",
                    {{"import fastframe", RemedyKind::find_spec_probe}})),
        "line 3: the try statement does more than import and set flags");
    EXPECT_EQ(refusal(run("try:\n    import fastframe\n    HAS = True\nexcept Exception:\n    HAS = False\n",
                          {{"import fastframe", RemedyKind::find_spec_probe}})),
              "line 4: the handler catches more than ImportError");
}

TEST(RemedyFix, AProbeBehavesAsBeforeWithTheDependencyAndWithout) {
    REQUIRE_PYTHON();
    std::string script = "import app.m as m\nprint(m.HAS_FASTFRAME)\nprint(m.frame([1, 2]))\n";
    for (const char* text : {k_probe, k_probe_none}) {
        std::string fixed = run(text, {{"import fastframe", RemedyKind::find_spec_probe}}).text;
        Files present = k_fastframe;
        present["app/m.py"] = text;
        EXPECT_EQ(same_behaviour(present, "app/m.py", fixed, script).substr(0, 5), "True\n");
        Files absent = {{"app/__init__.py", ""}, {"app/m.py", text}};
        EXPECT_EQ(same_behaviour(absent, "app/m.py", fixed, script).substr(0, 6), "False\n");
        std::string loaded = "import sys\nimport app.m\nprint('fastframe' in sys.modules)\n";
        present["app/m.py"] = fixed;
        EXPECT_EQ(python_run(present, loaded), "False\nexit 0\n");
    }
}

// ---- find_spec_flag (TRAPS.md B.8)

constexpr const char* k_flag =
    "import os\n"
    "\n"
    "try:\n"
    "    from cryptolib.fernet import Fernet\n"
    "except ImportError:\n"
    "    Fernet = None\n"
    "\n"
    "if Fernet is not None:\n"
    "    MODE = 'sealed'\n"
    "else:\n"
    "    MODE = 'plain'\n"
    "\n"
    "\n"
    "def seal(text):\n"
    "    if Fernet is None:\n"
    "        return 'plain:' + text + os.sep\n"
    "    return Fernet('k').encrypt(text)\n";

TEST(RemedyFix, AFeatureFlagMovesAsABlockAndItsModuleLevelTestBecomesFindSpec) {
    FileFixResult result = run(k_flag, {{"from cryptolib.fernet import Fernet", RemedyKind::find_spec_flag}});
    EXPECT_EQ(result.text,
              "import importlib.util\n"
              "import os\n"
              "\n"
              "if importlib.util.find_spec(\"cryptolib\") is not None:\n"
              "    MODE = 'sealed'\n"
              "else:\n"
              "    MODE = 'plain'\n"
              "\n"
              "\n"
              "def seal(text):\n"
              "    try:\n"
              "        from cryptolib.fernet import Fernet\n"
              "    except ImportError:\n"
              "        Fernet = None\n"
              "    if Fernet is None:\n"
              "        return 'plain:' + text + os.sep\n"
              "    return Fernet('k').encrypt(text)\n");
    ASSERT_EQ(result.applied.size(), 1u);
    EXPECT_EQ(result.applied[0].remedy, "find_spec_flag");
}

TEST(RemedyFix, AFeatureFlagReadOtherwiseWhileImportedIsRefused) {
    std::string text = std::string(k_flag) + "\nCIPHER = Fernet\n";
    EXPECT_EQ(
        refusal(run(text, {{"from cryptolib.fernet import Fernet", RemedyKind::find_spec_flag}})),
        "`Fernet` is used while the module is imported, line 19 (only an `is None` test becomes find_spec)");
}

TEST(RemedyFix, AFeatureFlagBehavesAsBeforeWithTheDependencyAndWithout) {
    REQUIRE_PYTHON();
    std::string fixed =
        run(k_flag, {{"from cryptolib.fernet import Fernet", RemedyKind::find_spec_flag}}).text;
    std::string script = "import app.m as m\nprint(m.MODE)\nprint(m.seal('x'))\n";
    Files present = {{"app/__init__.py", ""},
                     {"app/m.py", k_flag},
                     {"cryptolib/__init__.py", ""},
                     {"cryptolib/fernet.py",
                      "class Fernet:\n    def __init__(self, key):\n        self.key = key\n\n"
                      "    def encrypt(self, text):\n        return self.key + ':' + text[::-1]\n"}};
    EXPECT_EQ(same_behaviour(present, "app/m.py", fixed, script), "sealed\nk:x\nexit 0\n");
    Files absent = {{"app/__init__.py", ""}, {"app/m.py", k_flag}};
    EXPECT_EQ(same_behaviour(absent, "app/m.py", fixed, script), "plain\nplain:x/\nexit 0\n");
}

// ---- module_getattr (TRAPS.md A.1)

constexpr const char* k_shop =
    "\"\"\"Shop.\"\"\"\n"
    "from .db import Database\n"
    "from .cache import Cache as Store\n"
    "from .util import helper\n"
    "\n"
    "__all__ = [\"Database\", \"Store\", \"helper\"]\n";

const Source k_shop_source{"shop/__init__.py", "shop"};
const std::vector<Row> k_shop_rows = {{"from .db import Database", RemedyKind::module_getattr},
                                      {"from .cache import Cache as Store", RemedyKind::module_getattr}};

TEST(RemedyFix, ReExportsShareOneModuleGetattr) {
    FileFixResult result = run(k_shop, k_shop_rows, k_shop_source);
    EXPECT_EQ(
        result.text,
        "\"\"\"Shop.\"\"\"\n"
        "_LAZY_IMPORTS = {}  # name -> (module, attribute or None): imported on first access (PEP 562)\n"
        "\n"
        "\n"
        "def __getattr__(name):\n"
        "    try:\n"
        "        module, attribute = _LAZY_IMPORTS[name]\n"
        "    except KeyError:\n"
        "        raise AttributeError(f\"module {__name__!r} has no attribute {name!r}\") from None\n"
        "    import importlib\n"
        "\n"
        "    value = importlib.import_module(module, __package__)\n"
        "    if attribute is not None:\n"
        "        try:\n"
        "            value = getattr(value, attribute)\n"
        "        except AttributeError:\n"
        "            value = importlib.import_module(f\"{value.__name__}.{attribute}\")\n"
        "    globals()[name] = value\n"
        "    return value\n"
        "\n"
        "\n"
        "def __dir__():\n"
        "    return sorted((globals().keys() - {\"__getattr__\", \"__dir__\", \"_LAZY_IMPORTS\"}) | "
        "_LAZY_IMPORTS.keys())\n"
        "\n"
        "\n"
        "_LAZY_IMPORTS[\"db\"] = (\".db\", None)\n"
        "_LAZY_IMPORTS[\"Database\"] = (\".db\", \"Database\")\n"
        "_LAZY_IMPORTS[\"cache\"] = (\".cache\", None)\n"
        "_LAZY_IMPORTS[\"Store\"] = (\".cache\", \"Cache\")\n"
        "from .util import helper\n"
        "\n"
        "__all__ = [\"Database\", \"Store\", \"helper\"]\n");
    ASSERT_EQ(result.applied.size(), 2u);
    EXPECT_EQ(result.passes, 2);
}

TEST(RemedyFix, AReExportAddedLaterJoinsTheTableAlreadyThere) {
    std::string once = run(k_shop, {k_shop_rows[0]}, k_shop_source).text;
    std::string twice = run(once, {k_shop_rows[1]}, k_shop_source).text;
    EXPECT_EQ(twice, run(k_shop, k_shop_rows, k_shop_source).text);
}

TEST(RemedyFix, AHandWrittenGetattrIsNeverOverwritten) {
    std::string text = std::string(k_shop) + "\n\ndef __getattr__(name):\n    raise AttributeError(name)\n";
    FileFixResult result = run(text, k_shop_rows, k_shop_source);
    EXPECT_EQ(result.text, text);
    EXPECT_EQ(refusal(result),
              "the module has a hand-written __getattr__ (line 9): lmms fix never overwrites it");
    EXPECT_EQ(refusal(run("from .db import Database\n\nprint(Database)\n__all__ = ['Database']\n",
                          {k_shop_rows[0]}, k_shop_source)),
              "`Database` is read in this file, line 3: `__getattr__` serves only access from outside");
    EXPECT_EQ(refusal(run("from .db import Database\n", {k_shop_rows[0]}, k_shop_source)),
              "the module has no __all__: `from module import *` would miss a lazy name");
}

TEST(RemedyFix, AModuleGetattrBehavesAsTheReExportsDid) {
    REQUIRE_PYTHON();
    Files files = {{"shop/__init__.py", k_shop},
                   {"shop/db.py", "class Database:\n    name = 'db'\n"},
                   {"shop/cache.py", "class Cache:\n    name = 'cache'\n"},
                   {"shop/util.py", "def helper():\n    return 'help'\n"}};
    std::string fixed = run(k_shop, k_shop_rows, k_shop_source).text;
    std::string script =
        "import shop\n"
        "print(dir(shop))\n"
        "print(shop.Database.name, shop.db.Database is shop.Database)\n"
        "from shop import Store\n"
        "print(Store.name, shop.cache.Cache is Store)\n"
        "ns = {}\n"
        "exec('from shop import *', ns)\n"
        "print(sorted(k for k in ns if not k.startswith('__')))\n"
        "try:\n"
        "    shop.missing\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
        "print(hasattr(shop, 'nope'), shop.helper())\n";
    EXPECT_EQ(same_behaviour(files, "shop/__init__.py", fixed, script).substr(0, 10), "['Database");
    std::string loaded = "import sys\nimport shop\nprint('shop.db' in sys.modules)\n";
    files["shop/__init__.py"] = fixed;
    EXPECT_EQ(python_run(files, loaded), "False\nexit 0\n");
}

// ---- cached_factory (TRAPS.md B.7)

constexpr const char* k_templates =
    "import templib\n"
    "\n"
    "env = templib.Environment(\n"
    "    \"hello \",\n"
    ")\n"
    "\n"
    "\n"
    "def greet(name):\n"
    "    return env.render(name)\n"
    "\n"
    "\n"
    "def twice(name):\n"
    "    return env.render(name) + env.render(name), templib.created\n";

TEST(RemedyFix, AModuleLevelObjectBecomesACachedFactory) {
    FileFixResult result = run(k_templates, {{"import templib", RemedyKind::cached_factory}});
    EXPECT_EQ(result.text,
              "import functools\n"
              "\n"
              "\n"
              "@functools.cache\n"
              "def env():\n"
              "    import templib\n"
              "    return templib.Environment(\n"
              "        \"hello \",\n"
              "    )\n"
              "\n"
              "\n"
              "def greet(name):\n"
              "    return env().render(name)\n"
              "\n"
              "\n"
              "def twice(name):\n"
              "    import templib\n"
              "    return env().render(name) + env().render(name), templib.created\n");
    ASSERT_EQ(result.applied.size(), 1u);
    EXPECT_EQ(result.applied[0].destinations,
              (std::vector<std::string>{"env() (functools.cache)", "twice()"}));
    EXPECT_EQ(result.passes, 2);
}

TEST(RemedyFix, ACachedFactoryIsRefusedWhenTheNameIsBoundElsewhereOrReadWhileImported) {
    Row row{"import templib", RemedyKind::cached_factory};
    EXPECT_EQ(
        refusal(run(std::string(k_templates) + "\n\ndef reset():\n    global env\n    env = None\n", {row})),
        "`env` is declared global in reset()");
    EXPECT_EQ(refusal(run(std::string(k_templates) + "\nenv = None\n", {row})),
              "`env` is also bound at line 15");
    EXPECT_EQ(refusal(run(std::string(k_templates) + "\nGREETING = env.render('x')\n", {row})),
              "`env` is read while the module is imported, line 15");
    EXPECT_EQ(
        refusal(run("import functools\n\nSHOW = functools.partial(print)\n\n\ndef f():\n    return SHOW(1)\n",
                    {{"import functools", RemedyKind::cached_factory}})),
        "the factory's decorator needs `functools` at module level");
    row.readers = {"app/views.py:3"};
    EXPECT_EQ(refusal(run(k_templates, {row})), "`env` is read by another module: app/views.py:3");
    EXPECT_EQ(refusal(run(k_templates, {{"import templib", RemedyKind::cached_factory}},
                          {"app/m.py", "app.m", {{"env", {"app/cli.py:2"}}}})),
              "`env` is imported from here by app/cli.py:2");
}

TEST(RemedyFix, ACachedFactoryBehavesAsTheObjectDid) {
    REQUIRE_PYTHON();
    Files files = {
        {"app/__init__.py", ""},
        {"app/m.py", k_templates},
        {"templib/__init__.py",
         "created = 0\n\n\nclass Environment:\n    def __init__(self, prefix):\n        global created\n"
         "        created += 1\n        self.prefix = prefix\n\n    def render(self, name):\n"
         "        return self.prefix + name\n"}};
    std::string fixed = run(k_templates, {{"import templib", RemedyKind::cached_factory}}).text;
    EXPECT_EQ(same_behaviour(files, "app/m.py", fixed,
                             "import app.m as m\nprint(m.greet('a'))\nprint(m.twice('b'))\n"),
              "hello a\n('hello bhello b', 1)\nexit 0\n");
    std::string loaded = "import sys\nimport app.m\nprint('templib' in sys.modules)\n";
    files["app/m.py"] = fixed;
    EXPECT_EQ(python_run(files, loaded), "False\nexit 0\n");
}

// ---- from plan rows: applicability, manual remedies, the report

policy::PlanItem blocked_row(std::string file, uint32_t line, std::string statement, std::string module,
                             RemedyKind kind, RemedyFix fix, std::string edit) {
    policy::PlanItem item;
    item.file = std::move(file);
    item.line = line;
    item.statement = std::move(statement);
    item.module = module;
    item.names = {module};
    item.scope = "<module>";
    item.action = policy::Action::cannot_move;
    policy::Remedy remedy;
    remedy.kind = kind;
    remedy.fix = fix;
    remedy.edit = std::move(edit);
    remedy.saving_ms = 41.25;
    item.remedy = remedy;
    return item;
}

TEST(RemedyFix, PlanRowsBecomeRemediesSafeUnsafeOrByHand) {
    std::string templates = k_templates;
    std::string models = "from sqlalchemy import Column\n\n\nclass Row(Base):\n    id = Column(int)\n";
    python::FileFacts template_facts = python::scan_source(templates);
    python::FileFacts model_facts = python::scan_source(models);
    policy::Plan plan;
    plan.items = {blocked_row("app/m.py", 1, "import templib", "templib", RemedyKind::cached_factory,
                              RemedyFix::unsafe, "make `env` a cached factory"),
                  blocked_row("app/models.py", 1, "from sqlalchemy import Column", "Column",
                              RemedyKind::own_module_for_class, RemedyFix::safe,
                              "move class Row to its own module, imported where used")};
    std::vector<ProjectFileSource> sources{{"app/m.py", "app.m", templates, &template_facts},
                                           {"app/models.py", "app.models", models, &model_facts}};
    ProjectFix held = fix_project(plan, sources, std::nullopt, std::nullopt, {});
    EXPECT_TRUE(held.applied.empty());
    ASSERT_EQ(held.skipped.size(), 1u);
    EXPECT_EQ(
        held.skipped[0].refused,
        "unsafe: the object is built on first use, not while the module is imported (--unsafe-fixes applies "
        "it)");
    ASSERT_EQ(held.manual.size(), 1u);
    EXPECT_EQ(held.manual[0].remedy, "own_module_for_class");
    EXPECT_TRUE(held.files.empty());

    ProjectFixOptions unsafe;
    unsafe.unsafe_fixes = true;
    ProjectFix applied = fix_project(plan, sources, std::nullopt, std::nullopt, unsafe);
    ASSERT_EQ(applied.applied.size(), 1u);
    ASSERT_EQ(applied.files.size(), 1u);
    EXPECT_EQ(applied.files[0].after, run(templates, {{"import templib", RemedyKind::cached_factory}}).text);
    EXPECT_EQ(report::fix_to_text(applied, report::FixMode::preview),
              "lmms fix, style function ()\n"
              "to apply (1)\n"
              "  app/m.py:1  import templib\n"
              "      -> env() (functools.cache), twice()\n"
              "      remedy cached_factory, saves 41.2 ms\n"
              "to do by hand (1)\n"
              "  app/models.py:1  from sqlalchemy import Column\n"
              "      remedy own_module_for_class, saves 41.2 ms\n"
              "      move class Row to its own module, imported where used\n"
              "would change 1 file: app/m.py\n");
}

TEST(RemedyFix, AMechanicalRemedyThePlanMarksManualIsOnlyListed) {
    std::string templates = k_templates;
    python::FileFacts facts = python::scan_source(templates);
    policy::Plan plan;
    plan.items = {blocked_row("app/m.py", 1, "import templib", "templib", RemedyKind::cached_factory,
                              RemedyFix::manual, "make `env` a cached factory")};
    std::vector<ProjectFileSource> sources{{"app/m.py", "app.m", templates, &facts}};
    ProjectFixOptions unsafe;
    unsafe.unsafe_fixes = true;
    ProjectFix result = fix_project(plan, sources, std::nullopt, std::nullopt, unsafe);
    EXPECT_TRUE(result.applied.empty());
    EXPECT_TRUE(result.skipped.empty());
    ASSERT_EQ(result.manual.size(), 1u);
    EXPECT_EQ(result.manual[0].remedy_edit, "make `env` a cached factory");
    EXPECT_TRUE(result.files.empty());
}

TEST(RemedyFix, AMoveWithRemediesIsMadeOnlyWithThemAndAsCautiously) {
    std::string templates = k_templates;
    std::string view = "import templib\n\n\ndef page():\n    return templib.render()\n";
    python::FileFacts template_facts = python::scan_source(templates);
    python::FileFacts view_facts = python::scan_source(view);
    policy::Plan plan;
    policy::PlanItem partner =
        blocked_row("app/v.py", 1, "import templib", "templib", RemedyKind::move_with_remedies,
                    RemedyFix::unsafe, "moves with app/m.py:1");
    partner.action = policy::Action::keep;
    partner.functions = {"page"};
    partner.remedy->with = {"app/m.py:1"};
    plan.items = {blocked_row("app/m.py", 1, "import templib", "templib", RemedyKind::cached_factory,
                              RemedyFix::unsafe, "make `env` a cached factory"),
                  partner};
    std::vector<ProjectFileSource> sources{{"app/m.py", "app.m", templates, &template_facts},
                                           {"app/v.py", "app.v", view, &view_facts}};
    ProjectFix held = fix_project(plan, sources, std::nullopt, std::nullopt, {});
    EXPECT_TRUE(held.applied.empty());
    ASSERT_EQ(held.skipped.size(), 2u);
    EXPECT_EQ(held.skipped[1].refused,
              "unsafe: it saves time only with unsafe remedies of other rows (--unsafe-fixes applies it)");

    ProjectFixOptions unsafe;
    unsafe.unsafe_fixes = true;
    ProjectFix applied = fix_project(plan, sources, std::nullopt, std::nullopt, unsafe);
    ASSERT_EQ(applied.applied.size(), 2u);
    ASSERT_EQ(applied.files.size(), 2u);
    EXPECT_EQ(applied.files[1].after, "\ndef page():\n    import templib\n    return templib.render()\n");

    unsafe.ignore = {"app/m.py"};
    ProjectFix alone = fix_project(plan, sources, std::nullopt, std::nullopt, unsafe);
    EXPECT_TRUE(alone.applied.empty());
    EXPECT_TRUE(alone.files.empty());
    ASSERT_EQ(alone.skipped.size(), 2u);
    EXPECT_EQ(alone.skipped[1].refused,
              "it saves time only with the remedy of app/m.py:1, which this run does not apply");
    EXPECT_DOUBLE_EQ(alone.skipped[1].saving_ms, 41.25);  // what it would save with them, as the plan says
}

}  // namespace lmms::fix
