#include <algorithm>

#include <gtest/gtest.h>

#include "base/files.hpp"
#include "test_support.hpp"

#include "python/facts.hpp"
#include "python/scanner.hpp"
#include "python/statement_text.hpp"

namespace lmms::python {

namespace {

const Scope& scope_named(const FileFacts& facts, const std::string& qualname) {
    auto it = std::find_if(facts.scopes.begin(), facts.scopes.end(),
                           [&](const Scope& scope) { return scope.qualname == qualname; });
    EXPECT_NE(it, facts.scopes.end()) << qualname;
    return it == facts.scopes.end() ? facts.scopes.front() : *it;
}

using Names = std::vector<std::string_view>;
using Strings = std::vector<std::string>;

std::vector<std::string> statements(const FileFacts& facts) {
    std::vector<std::string> result;
    for (const ImportSite& site : facts.imports)
        result.push_back(python::import_statement_text(site));
    return result;
}

}  // namespace

TEST(Scanner, ImportFormsWithAliasesAndLevels) {
    FileFacts facts = scan_source(
        "import a.b as c, d\n"
        "from ..x.y import (m as n,\n    o)\n"
        "from . import *\n"
        "from __future__ import annotations\n");
    EXPECT_TRUE(facts.errors.empty());
    EXPECT_EQ(statements(facts), (Strings{"import a.b as c, d", "from ..x.y import m as n, o",
                                          "from . import *", "from __future__ import annotations"}));
    const ImportSite& relative = facts.imports[1];
    EXPECT_EQ(relative.module, "x.y");
    EXPECT_EQ(relative.level, 2u);
    EXPECT_EQ(relative.line, 2u);
    EXPECT_EQ(relative.end_line, 3u);
    EXPECT_EQ(relative.end_col, 6u);
    EXPECT_TRUE(facts.imports[2].star);
    EXPECT_TRUE(facts.imports[3].future);
    EXPECT_TRUE(facts.future_annotations);
    EXPECT_EQ(facts.scopes[0].bound, (Names{"annotations", "c", "d", "n", "o"}));
}

TEST(Scanner, GuardsOfImports) {
    FileFacts facts = scan_source(
        "import typing\n"
        "if typing.TYPE_CHECKING:\n    import a\n"
        "if TYPE_CHECKING:\n    import b\nelse:\n    import c\n"
        "try:\n    import d\nexcept (ImportError, OSError):\n    d = None\n"
        "with lock:\n    import e\n"
        "if x:\n    import f\n");
    ASSERT_EQ(facts.imports.size(), 7u);
    EXPECT_EQ(facts.imports[0].guard, Guard::none);
    EXPECT_EQ(facts.imports[1].guard, Guard::type_checking);
    EXPECT_EQ(facts.imports[2].guard, Guard::type_checking);
    EXPECT_EQ(facts.imports[3].guard, Guard::conditional);
    EXPECT_EQ(facts.imports[4].guard, Guard::try_import_error);
    EXPECT_EQ(facts.imports[5].guard, Guard::with_block);
    EXPECT_EQ(facts.imports[6].guard, Guard::conditional);
}

TEST(Scanner, ImportsInsideFunctionsAndMethodsNameTheirScope) {
    FileFacts facts = scan_source(
        "class C:\n"
        "    def m(self):\n"
        "        def g():\n"
        "            import heavy\n"
        "        import json\n");
    ASSERT_EQ(facts.imports.size(), 2u);
    EXPECT_EQ(facts.scopes[facts.imports[0].scope].qualname, "C.m.<locals>.g");
    EXPECT_EQ(facts.scopes[facts.imports[1].scope].qualname, "C.m");
    EXPECT_EQ(scope_named(facts, "C.m.<locals>.g").bound, Names{"heavy"});
}

TEST(Scanner, FunctionBoundAndReferencedNamesFollowSymtable) {
    FileFacts facts = scan_source(
        "def f(a, *b, c=1, **d):\n"
        "    global g\n"
        "    g = 1\n"
        "    x: int\n"
        "    y = [i for i in a if (z := i)]\n"
        "    del w\n"
        "    import q.r\n"
        "    lam = lambda m: m + n\n"
        "    super()\n"
        "    return x\n");
    EXPECT_TRUE(facts.errors.empty());
    const Scope& f = scope_named(facts, "f");
    EXPECT_EQ(f.bound, (Names{"a", "b", "c", "d", "lam", "q", "w", "x", "y", "z"}));
    EXPECT_EQ(f.referenced, (Names{"__class__", "a", "int", "super", "x"}));
    EXPECT_EQ(f.globals, Names{"g"});
    EXPECT_EQ(f.parameters, (Names{"a", "b", "c", "d"}));
    const Scope& comprehension = scope_named(facts, "f.<locals>.<listcomp>");
    EXPECT_EQ(comprehension.bound, (Names{".0", "i"}));
    EXPECT_EQ(comprehension.referenced, Names{"i"});
    const Scope& lambda = scope_named(facts, "f.<locals>.<lambda>");
    EXPECT_EQ(lambda.bound, Names{"m"});
    EXPECT_EQ(lambda.referenced, (Names{"m", "n"}));
}

TEST(Scanner, PrivateNamesAreMangledInsideClasses) {
    FileFacts facts = scan_source("class _C:\n    def m(self):\n        __x = __y\n");
    EXPECT_EQ(scope_named(facts, "_C.m").bound, (Names{"_C__x", "self"}));
    EXPECT_EQ(scope_named(facts, "_C.m").referenced, Names{"_C__y"});
}

TEST(Scanner, ReferencesExcludeAttributesAndKeywordNames) {
    FileFacts facts = scan_source("result = client.put(Item=item, **extra)\n");
    std::vector<std::string> loads;
    for (const Reference& ref : facts.references)
        if (!ref.store)
            loads.emplace_back(ref.name);
    EXPECT_EQ(loads, (Strings{"client", "item", "extra"}));
}

TEST(Scanner, DefinitionTimeAndAnnotationReferencesAreMarked) {
    FileFacts facts = scan_source(
        "@decorate\n"
        "def f(x: Hint = default) -> Out:\n"
        "    return body\n"
        "class K(Base, metaclass=Meta):\n    pass\n");
    auto find = [&](std::string_view name) {
        return *std::find_if(facts.references.begin(), facts.references.end(),
                             [&](const Reference& ref) { return ref.name == name; });
    };
    EXPECT_TRUE(find("decorate").definition_time);
    EXPECT_TRUE(find("default").definition_time);
    EXPECT_TRUE(find("Hint").annotation);
    EXPECT_TRUE(find("Out").annotation);
    EXPECT_TRUE(find("Base").definition_time);
    EXPECT_TRUE(find("Meta").definition_time);
    EXPECT_FALSE(find("body").definition_time);
    EXPECT_EQ(facts.scopes[find("body").scope].qualname, "f");
}

TEST(Scanner, PostponedAnnotationsBindNothing) {
    FileFacts facts =
        scan_source("from __future__ import annotations\ndef f(x: Hint) -> Out:\n    y: Local = 1\n");
    EXPECT_EQ(scope_named(facts, "f").referenced, Names{});
    EXPECT_EQ(scope_named(facts, "f").bound, (Names{"x", "y"}));
}

TEST(Scanner, AllAsALiteral) {
    FileFacts facts = scan_source("__all__ = ['a', \"b\"]\n__all__ += ('c',)\n");
    ASSERT_TRUE(facts.all);
    EXPECT_EQ(*facts.all, (Strings{"a", "b", "c"}));
    EXPECT_FALSE(scan_source("__all__ = names()\n").all);
}

TEST(Scanner, MatchPatternsBindCapturesAndLoadValues) {
    FileFacts facts = scan_source(
        "def f(event):\n"
        "    match event:\n"
        "        case {'kind': Kind.S3, **rest}:\n            pass\n"
        "        case Point(x=px, y=0) | [first, *others]:\n            pass\n"
        "        case _ as whole if whole:\n            pass\n");
    EXPECT_TRUE(facts.errors.empty()) << facts.errors[0].message;
    const Scope& f = scope_named(facts, "f");
    EXPECT_EQ(f.bound, (Names{"event", "first", "others", "px", "rest", "whole"}));
    EXPECT_EQ(f.referenced, (Names{"Kind", "Point", "event", "whole"}));
}

TEST(Scanner, SoftKeywordsStayNamesElsewhere) {
    FileFacts facts = scan_source("match = 1\ntype = match\ncase(match)\n");
    EXPECT_TRUE(facts.errors.empty());
    EXPECT_EQ(facts.scopes[0].bound, (Names{"match", "type"}));
}

TEST(Scanner, FStringFieldsAreReferences) {
    FileFacts facts = scan_source("def f():\n    return f\"{a!r:{width}} {b=}\" + f'{f\"{c}\"}'\n");
    EXPECT_EQ(scope_named(facts, "f").referenced, (Names{"a", "b", "c", "width"}));
}

TEST(Scanner, SyntaxErrorIsReportedAndLaterStatementsStillScanned) {
    FileFacts facts = scan_source("import a\nx = = 1\nimport b\ndef g(:\n    pass\nimport c\n");
    ASSERT_FALSE(facts.errors.empty());
    EXPECT_EQ(facts.errors[0].line, 2u);
    EXPECT_EQ(statements(facts), (Strings{"import a", "import b", "import c"}));
}

TEST(Scanner, DeepNestingIsAnErrorNotACrash) {
    std::string deep =
        "x = " + std::string(10'000, '(') + "1" + std::string(10'000, ')') + "\nimport after\n";
    FileFacts facts = scan_source(deep);
    EXPECT_FALSE(facts.errors.empty());
    EXPECT_EQ(statements(facts), Strings{"import after"});
}

TEST(Scanner, FuzzerFindsStayFixed) {
    // Inputs that once crashed the scanner, found by fuzz/scanner_fuzzer.
    for (const char* name : {"crash-unfinished-statement.py"}) {
        auto bytes = base::read_file(testing::data_path(std::string("scanner/") + name));
        ASSERT_TRUE(bytes) << name;
        FileFacts facts = scan_source(*bytes);
        EXPECT_FALSE(facts.scopes.empty()) << name;
    }
}

TEST(Scanner, UnfinishedStatementLeavesNoPartsBehind) {
    FileFacts facts = scan_source("from __future__ import annotations\nreturn (\nimport after\n");
    EXPECT_FALSE(facts.errors.empty());
    EXPECT_TRUE(facts.future_annotations);
}

TEST(Scanner, TypeParametersOfPython312AreSkipped) {
    FileFacts facts = scan_source(
        "def first[T](items: list[T]) -> T:\n    return items[0]\n"
        "class Box[T]:\n    pass\n"
        "type Pair[T] = tuple[T, T]\n");
    EXPECT_TRUE(facts.errors.empty());
    EXPECT_EQ(facts.scopes[0].bound, (Names{"Box", "Pair", "first"}));
    EXPECT_EQ(scope_named(facts, "first").bound, Names{"items"});
}

TEST(Scanner, FactsOutliveTheScannersScratchMemory) {
    // One scanner, many files: its tokens and tree are reused, so every name
    // in the facts must live in the facts, including `a . b` joined and
    // mangled names.
    Scanner scanner;
    FileFacts first = scanner.scan("import a . b\nclass C:\n    def f(self):\n        __x = 1\n");
    FileFacts second = scanner.scan("import zzzzzzzzzzzz . yyyyyyyy\nclass D:\n    __q = 2\n");
    EXPECT_EQ(first.scopes[0].bound, (Names{"C", "a"}));
    EXPECT_EQ(scope_named(first, "C.f").bound, (Names{"_C__x", "self"}));
    ASSERT_FALSE(first.references.empty());
    EXPECT_EQ(first.references[0].name, "a");
    EXPECT_EQ(second.scopes[0].bound, (Names{"D", "zzzzzzzzzzzz"}));
}

TEST(Scanner, DroppedReferencesLeaveEverythingElse) {
    const std::string source = "import os\ndef f(a):\n    return os.path.join(a, b)\n";
    FileFacts kept = Scanner(References::keep).scan(source);
    Scanner dropping(References::drop);
    dropping.scan(source);  // the second file reuses the first one's memory
    FileFacts dropped = dropping.scan(source);
    EXPECT_EQ(kept.references.size(), 5u);  // os and f stored; os, a, b loaded
    EXPECT_TRUE(dropped.references.empty());
    ASSERT_EQ(dropped.scopes.size(), kept.scopes.size());
    EXPECT_EQ(dropped.scopes[1].referenced, (Names{"a", "b", "os"}));
    EXPECT_EQ(dropped.scopes[1].referenced, kept.scopes[1].referenced);
    EXPECT_EQ(statements(dropped), statements(kept));
}

}  // namespace lmms::python
