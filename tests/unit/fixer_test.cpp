// The fixer on one file per construct: the text it leaves, or why it refuses.
// Inputs carry their expected results beside them (include-what-you-use's habit).

#include "fix/fixer.hpp"
#include "fix/project_fix.hpp"

#include <gtest/gtest.h>

namespace lmms::fix {

namespace {

FileFixResult run(const std::string& source, std::vector<LazyIntent> intents, Style style = Style::function) {
    FileInput input{"app/m.py", "app.m", false, source};
    return fix_file(input, intents, style, [](const SiteFix&) { return std::string(); });
}

LazyIntent intent(std::string statement, std::vector<std::string> names = {}) {
    return {std::move(statement), std::move(names), {}, false, {}};
}

std::string refusal(const FileFixResult& result) {
    return result.skipped.empty() ? "" : result.skipped.front().refused;
}

}  // namespace

TEST(Fixer, MovesAPlainImportIntoTheFunctionAfterItsDocstring) {
    FileFixResult result =
        run("import json  # fast\n\n\ndef f():\n    \"\"\"Doc.\"\"\"\n    return json.dumps(1)\n",
            {intent("import json")});
    EXPECT_EQ(result.text,
              "\ndef f():\n    \"\"\"Doc.\"\"\"\n    import json  # fast\n    return json.dumps(1)\n");
    ASSERT_EQ(result.applied.size(), 1u);
    EXPECT_EQ(result.applied[0].destinations, std::vector<std::string>{"f()"});
    EXPECT_EQ(result.passes, 2);  // the second pass finds nothing left: the fixed point
}

TEST(Fixer, SplitsAFromImportByTheNamesEachFunctionUses) {
    FileFixResult result =
        run("from os.path import join as j, split\n\ndef a():\n    return j('x', 'y')\n\ndef b():\n    "
            "return split('x'), j\n",
            {intent("from os.path import join as j, split")});
    EXPECT_EQ(result.text,
              "def a():\n    from os.path import join as j\n    return j('x', 'y')\n\n"
              "def b():\n    from os.path import join as j, split\n    return split('x'), j\n");
}

TEST(Fixer, APartOfAStatementKeepsTheCommentsFromInsideItsParentheses) {
    FileFixResult result =
        run("from os.path import (\n    join,  # glue\n    split,  # cut\n)  # paths\n\n"
            "def a():\n    return join\n\ndef b():\n    return split\n",
            {intent("from os.path import join, split")});
    EXPECT_EQ(result.text,
              "def a():\n    # glue\n    # cut\n    from os.path import join  # paths\n    return join\n\n"
              "def b():\n    # glue\n    # cut\n    from os.path import split  # paths\n    return split\n");
}

TEST(Fixer, MethodsClassmethodsNestedFunctionsAndClosures) {
    FileFixResult result =
        run("import re\n\nclass C:\n    @classmethod\n    def make(cls):\n        return re.compile('a')\n\n"
            "def outer():\n    def inner():\n        return re.escape('b')\n    return inner\n",
            {intent("import re")});
    EXPECT_EQ(result.text,
              "class C:\n    @classmethod\n    def make(cls):\n        import re\n        return "
              "re.compile('a')\n\n"
              "def outer():\n    def inner():\n        import re\n        return re.escape('b')\n    return "
              "inner\n");
}

TEST(Fixer, ALambdaIsServedByTheFunctionAroundIt) {
    FileFixResult result =
        run("import math\n\ndef f(xs):\n    return sorted(xs, key=lambda x: math.fabs(x))\n",
            {intent("import math")});
    EXPECT_EQ(result.text,
              "def f(xs):\n    import math\n    return sorted(xs, key=lambda x: math.fabs(x))\n");
}

TEST(Fixer, RefusesImportTimeUses) {
    EXPECT_EQ(refusal(run("import functools\n\n@functools.cache\ndef f():\n    return functools\n",
                          {intent("import functools")})),
              "`functools` is used while the module is imported, line 3");
    EXPECT_EQ(refusal(run("import enum\n\nclass C(enum.Enum):\n    A = 1\n", {intent("import enum")})),
              "`enum` is used while the module is imported, line 3");
    EXPECT_EQ(refusal(run("import os\n\ndef f(sep=os.sep):\n    return sep\n", {intent("import os")})),
              "`os` is used while the module is imported, line 3");
}

TEST(Fixer, RefusesWhatWouldChangeWhichBindingAUseSees) {
    EXPECT_EQ(
        refusal(run("import json\n\ndef f():\n    global json\n    return json\n", {intent("import json")})),
        "`json` is declared global in f()");
    EXPECT_EQ(
        refusal(
            run("try:\n    import yaml\nexcept ImportError:\n    yaml = None\n\ndef f():\n    return yaml\n",
                {intent("import yaml")})),
        "guarded by try/except ImportError: the block moves only as a whole");
    EXPECT_EQ(refusal(run("import json\n__all__ = ['json']\n\ndef f():\n    return json\n",
                          {intent("import json")})),
              "`json` is in __all__: public API (a module __getattr__ can make it lazy)");
    EXPECT_EQ(
        refusal(run("import plugin\n", {intent("import plugin")})),
        "`plugin` is never read in this file: it may be read from outside, or imported for its side effects");
    EXPECT_EQ(refusal(run("import json\n\ndef f(): return json\n", {intent("import json")})),
              "f() has its body on the `def` line");
}

TEST(Fixer, ReportsARefusedSiteOnceAcrossPasses) {
    // json moves in the first pass, so a second runs; split is refused in both.
    FileFixResult result =
        run("import json\nfrom os.path import split\n\ndef f():\n    return json\n\n"
            "def g(): return split\n",
            {intent("import json"), intent("from os.path import split")});
    EXPECT_EQ(result.passes, 2);
    ASSERT_EQ(result.skipped.size(), 1u);
    EXPECT_EQ(result.skipped[0].refused, "g() has its body on the `def` line");
}

TEST(Fixer, AnnotationOnlyUsesGoUnderTypeChecking) {
    FileFixResult result =
        run("from __future__ import annotations\nfrom decimal import Decimal\n\ndef f(x: Decimal) -> "
            "Decimal:\n    return x\n",
            {intent("from decimal import Decimal")});
    EXPECT_EQ(result.text,
              "from __future__ import annotations\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
              "    from decimal import Decimal\n\ndef f(x: Decimal) -> Decimal:\n    return x\n");
    // A library that reads annotations at runtime may build a class the
    // consumer table does not see: a class's annotations stay.
    EXPECT_EQ(
        refusal(run("from __future__ import annotations\nimport dataclasses\nfrom decimal import Decimal\n\n"
                    "class C:\n    x: Decimal\n\ndef f():\n    return dataclasses\n",
                    {intent("from decimal import Decimal")})),
        "its annotations are read at runtime (dataclasses)");
    // A plain function's signature none of them reads (web_package's app.py).
    EXPECT_EQ(
        refusal(run("from __future__ import annotations\nimport dataclasses\nfrom decimal import Decimal\n\n"
                    "def f(x: Decimal):\n    return dataclasses\n",
                    {intent("from decimal import Decimal")})),
        "");
}

TEST(Fixer, TypeCheckingIsImportedUnlessABindingBeforeTheSiteStays) {
    // TYPE_CHECKING bound only after the site: reading it there would fail.
    FileFixResult later =
        run("from __future__ import annotations\nfrom decimal import Decimal\n"
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import os\n\n"
            "def f(x: Decimal):\n    return x\n",
            {intent("from decimal import Decimal")});
    EXPECT_EQ(later.text,
              "from __future__ import annotations\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
              "    from decimal import Decimal\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
              "    import os\n\ndef f(x: Decimal):\n    return x\n");
    // `typing` moves into g() in the same pass: `if typing.TYPE_CHECKING:` would fail.
    FileFixResult moving =
        run("from __future__ import annotations\nimport typing\nfrom decimal import Decimal\n\n"
            "def f(x: Decimal):\n    return x\n\ndef g():\n    return typing.Any\n",
            {intent("import typing"), intent("from decimal import Decimal")});
    EXPECT_EQ(moving.text,
              "from __future__ import annotations\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
              "    from decimal import Decimal\n\ndef f(x: Decimal):\n    return x\n\n"
              "def g():\n    import typing\n    return typing.Any\n");
    // One the module reads while it is imported stays: it is reused.
    FileFixResult stays =
        run("from __future__ import annotations\nimport typing\nfrom decimal import Decimal\n"
            "T = typing.TypeVar('T')\n\ndef f(x: Decimal):\n    return x\n",
            {intent("import typing"), intent("from decimal import Decimal")});
    EXPECT_EQ(
        stays.text,
        "from __future__ import annotations\nimport typing\nif typing.TYPE_CHECKING:\n"
        "    from decimal import Decimal\nT = typing.TypeVar('T')\n\ndef f(x: Decimal):\n    return x\n");
}

TEST(Fixer, TheTypeCheckingImportStaysWhenTheFixThatHeldItIsLeftOut) {
    // Both want `from typing import TYPE_CHECKING`; the first is left out
    // (g()'s body continues its `def` line with a backslash: the import would
    // not parse there): the second writes it.
    FileFixResult result =
        run("from __future__ import annotations\nfrom decimal import Decimal\nimport functools\n"
            "from fractions import Fraction\n\ndef f(x: Decimal, y: Fraction):\n"
            "    return functools\n\ndef g(): \\\n    return Decimal\n",
            {intent("from decimal import Decimal"), intent("from fractions import Fraction")});
    EXPECT_EQ(result.text,
              "from __future__ import annotations\nfrom decimal import Decimal\nimport functools\n"
              "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from fractions import Fraction\n\n"
              "def f(x: Decimal, y: Fraction):\n    return functools\n\ndef g(): \\\n    return Decimal\n");
}

TEST(Fixer, ReachesTheFixedPointInOnePassWhenAnEarlierSiteIsLeftOut) {
    // functools is left out (g()'s body continues its `def` line with a
    // backslash: the import would not parse there); the others are kept one by
    // one on top of each other, all in the first pass: the pass's lines must
    // not view the text being rewritten.
    FileFixResult result =
        run("import functools\nimport json\nimport os\nimport re\n\n"
            "def g(): \\\n    return functools\n\n"
            "def f():\n    return json, os, re\n",
            {intent("import functools"), intent("import json"), intent("import os"), intent("import re")});
    EXPECT_EQ(result.applied.size(), 3u);
    EXPECT_EQ(result.passes, 2);
    ASSERT_EQ(result.skipped.size(), 1u);  // left out in both passes, reported once
    EXPECT_EQ(result.skipped[0].refused, "the result would not parse");
    EXPECT_EQ(result.text,
              "import functools\n\ndef g(): \\\n    return functools\n\n"
              "def f():\n    import json\n    import os\n    import re\n    return json, os, re\n");
}

TEST(Fixer, KeepsLineEndingsTabsAndTheBom) {
    FileFixResult crlf = run("import json\r\n\r\ndef f():\r\n\treturn json\r\n", {intent("import json")});
    EXPECT_EQ(crlf.text, "def f():\r\n\timport json\r\n\treturn json\r\n");
    FileFixResult bom =
        run("\xEF\xBB\xBFimport json\n\ndef f():\n    return json\n", {intent("import json")});
    EXPECT_EQ(bom.text,
              "\xEF\xBB\xBF"
              "def f():\n    import json\n    return json\n");
}

TEST(Fixer, KeepsLatin1BytesAsTheyWere) {
    std::string source =
        "# -*- coding: latin-1 -*-\nimport json  # caf\xE9\n\ndef f():\n    return json, '\xE9'\n";
    FileFixResult result = run(source, {intent("import json")});
    EXPECT_EQ(result.text,
              "# -*- coding: latin-1 -*-\n\ndef f():\n    import json  # caf\xE9\n    return json, '\xE9'\n");
}

TEST(Fixer, ABodyStartingWithADecoratedDefGetsTheImportAboveTheDecorator) {
    FileFixResult result =
        run("import json\n\ndef outer():\n    @staticmethod\n    def inner():\n        return 1\n    return "
            "json, inner\n",
            {intent("import json")});
    EXPECT_EQ(result.text,
              "def outer():\n    import json\n    @staticmethod\n    def inner():\n        return 1\n    "
              "return json, inner\n");
}

TEST(Fixer, AnImportUnderTypeCheckingIsNotMovedAgain) {
    std::string fixed =
        "from __future__ import annotations\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from decimal import Decimal\n\ndef f(x: Decimal) -> Decimal:\n    return x\n";
    FileFixResult again = run(fixed, {intent("from decimal import Decimal")});
    EXPECT_EQ(again.text, fixed);
    EXPECT_TRUE(again.skipped.empty());
}

TEST(Fixer, RefusesAFileThatDoesNotParse) {
    FileFixResult result = run("import json\n\ndef f(:\n    return json\n", {intent("import json")});
    EXPECT_NE(result.error.find("app/m.py:3"), std::string::npos) << result.error;
    EXPECT_EQ(result.text, "import json\n\ndef f(:\n    return json\n");
}

TEST(Fixer, LazyStyleMarksTheStatementInPlace) {
    FileFixResult result = run("import json\nif True:\n    import csv\n\ndef f():\n    return json, csv\n",
                               {intent("import json"), intent("import csv")}, Style::lazy);
    EXPECT_EQ(result.text,
              "lazy import json\nif True:\n    lazy import csv\n\ndef f():\n    return json, csv\n");
    FileFixResult again = run(result.text, {intent("import json"), intent("import csv")}, Style::lazy);
    EXPECT_EQ(again.text, result.text);
    EXPECT_TRUE(again.applied.empty());
    EXPECT_EQ(refusal(run("try:\n    import json\nexcept Exception:\n    pass\n", {intent("import json")},
                          Style::lazy)),
              "inside a try statement: PEP 810 does not allow lazy imports there");
}

TEST(Fixer, LazyModulesStyleWritesOneListAfterTheDocstringAndFutureImports) {
    FileFixResult result =
        run("\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport json\nfrom .sub import x\n",
            {intent("import json"), intent("from .sub import x")}, Style::lazy_modules);
    EXPECT_EQ(result.text,
              "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n"
              "__lazy_modules__ = [\"app.sub\", \"json\"]\nimport json\nfrom .sub import x\n");
    FileFixResult again =
        run(result.text, {intent("import json"), intent("from .sub import x")}, Style::lazy_modules);
    EXPECT_EQ(again.text, result.text);
}

TEST(ProjectFix, AStatementHalfLazyHalfFastPathIsRoutedInTheSameRun) {
    // `import json, re`: json is lazy, re goes to the fast path. Once json has moved into f(),
    // `import re` is what is left of the statement, and this run routes it: a second run has
    // nothing to do.
    std::string entry = "import json, re\n\n\ndef f():\n    return json.dumps(re.escape('a'))\n";
    python::FileFacts facts = python::scan_source(entry);
    policy::Plan plan;
    plan.entry_file = "app/main.py";
    plan.fast_path_file = "app/fast_path.py";
    plan.fast_path_module = "app.fast_path";
    for (auto [name, action] : {std::pair{"json", policy::Action::lazy}, {"re", policy::Action::fast_path}}) {
        policy::PlanItem item;
        item.file = "app/main.py";
        item.line = 1;
        item.statement = "import json, re";
        item.module = name;
        item.names = {name};
        item.scope = "<module>";
        item.action = action;
        plan.items.push_back(item);
    }
    std::vector<ProjectFileSource> sources{{"app/main.py", "app.main", entry, &facts}};
    ProjectFix fix = fix_project(plan, sources, std::nullopt, std::string("import re\n"), {});
    ASSERT_EQ(fix.files.size(), 2u);
    EXPECT_EQ(fix.files[0].path, "app/fast_path.py");
    EXPECT_EQ(fix.files[1].after,
              "from app.fast_path import re\n\n\ndef f():\n    import json\n    return "
              "json.dumps(re.escape('a'))\n");
}

}  // namespace lmms::fix

namespace lmms::fix {

// A pydantic field's annotation is evaluated when the model is built: a real use, so the import
// moves into the function that builds it, with no TYPE_CHECKING copy for annotations.
TEST(Fixer, APydanticFieldAnnotationIsARealUseNotAnnotationOnly) {
    FileFixResult result = run(
        "from __future__ import annotations\nfrom decimal import Decimal\nfrom pydantic import BaseModel\n\n"
        "def f():\n    class M(BaseModel):\n        x: Decimal\n    return M\n",
        {intent("from decimal import Decimal")});
    EXPECT_EQ(result.text.find("TYPE_CHECKING"), std::string::npos) << result.text;
    EXPECT_EQ(result.text,
              "from __future__ import annotations\nfrom pydantic import BaseModel\n\n"
              "def f():\n    from decimal import Decimal\n    class M(BaseModel):\n        x: Decimal\n    "
              "return M\n");
}

// The plan's readers and the fixer's are one rule (python::readers_of): `app.m.json` read in
// another file's function refuses the move as a from-import does.
TEST(ProjectFix, AnAttributeReadFromAnotherFileRefusesTheFunctionStyleMove) {
    std::string own = "import json\n\n\ndef f():\n    return json.dumps(1)\n";
    std::string cli = "import app.m\n\n\ndef main():\n    return app.m.json.dumps(2)\n";
    python::FileFacts own_facts = python::scan_source(own), cli_facts = python::scan_source(cli);
    policy::Plan plan;
    policy::PlanItem item;
    item.file = "app/m.py";
    item.line = 1;
    item.statement = "import json";
    item.module = "json";
    item.names = {"json"};
    item.scope = "<module>";
    item.action = policy::Action::lazy;
    plan.items.push_back(item);
    std::vector<ProjectFileSource> sources{{"app/cli.py", "app.cli", cli, &cli_facts},
                                           {"app/m.py", "app.m", own, &own_facts}};
    ProjectFix fix = fix_project(plan, sources, std::nullopt, std::nullopt, {});
    EXPECT_TRUE(fix.applied.empty());
    ASSERT_EQ(fix.skipped.size(), 1u);
    EXPECT_EQ(fix.skipped[0].refused, "imported from here by app/cli.py:5");
}

}  // namespace lmms::fix
