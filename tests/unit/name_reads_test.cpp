// What the scanner records about how a name is read: attribute chains,
// getattr literals, dynamic imports, and which annotations are evaluated.

#include <gtest/gtest.h>

#include "python/bindings.hpp"
#include "python/scan.hpp"
#include "python/scanner.hpp"
#include "test_support.hpp"

namespace lmms::python {

namespace {

/// "name.attributes" of every load of `name`, in order ("name" when bare; "+g" when via getattr).
std::vector<std::string> reads(const FileFacts& facts, std::string_view name) {
    std::vector<std::string> found;
    for (const Reference& ref : facts.references)
        if (ref.name == name && !ref.store)
            found.push_back(std::string(ref.name) + (ref.attributes.empty() ? "" : ".") +
                            std::string(ref.attributes) + (ref.getattr ? "+g" : ""));
    return found;
}

/// Lines of the runtime loads of `name`.
std::vector<uint32_t> runtime_lines(const FileFacts& facts, std::string_view name) {
    std::vector<uint32_t> lines;
    for (const Reference& ref : facts.references)
        if (ref.name == name && is_runtime_load(ref))
            lines.push_back(ref.line);
    return lines;
}

std::vector<std::string> dynamic(const FileFacts& facts) {
    std::vector<std::string> found;
    for (const DynamicImport& site : facts.dynamic_imports)
        found.push_back(std::to_string(site.line) + ":" + std::string(site.module) +
                        (site.package.empty() ? "" : " in " + std::string(site.package)));
    return found;
}

}  // namespace

TEST(AttributeChains, LoadRecordsTheDottedPathAfterTheName) {
    FileFacts facts = scan_source("import os.path\nos.path.join('a', 'b')\n");
    EXPECT_EQ(reads(facts, "os"), std::vector<std::string>{"os.path.join"});
}

TEST(AttributeChains, PackageReExportReadAsAttribute) {
    FileFacts facts = scan_source("import pkg\ndb = pkg.Database()\nx = pkg.sub.name\n");
    EXPECT_EQ(reads(facts, "pkg"), (std::vector<std::string>{"pkg.Database", "pkg.sub.name"}));
}

TEST(AttributeChains, ChainStopsAtACallOrSubscript) {
    FileFacts facts = scan_source("a.b().c\nx[0].y\na.b[1].c\n");
    EXPECT_EQ(reads(facts, "a"), (std::vector<std::string>{"a.b", "a.b"}));
    EXPECT_EQ(reads(facts, "x"), std::vector<std::string>{"x"});
}

TEST(AttributeChains, SpacedChainIsJoined) {
    FileFacts facts = scan_source("v = (a .\n  b . c)\n");
    EXPECT_EQ(reads(facts, "a"), std::vector<std::string>{"a.b.c"});
}

TEST(AttributeChains, StoredAttributeIsNotRead) {
    FileFacts facts = scan_source("pkg.sub.name = 1\ndel pkg.other\npkg.count += 1\n");
    EXPECT_EQ(reads(facts, "pkg"), (std::vector<std::string>{"pkg.sub", "pkg", "pkg.count"}));
}

TEST(Getattr, LiteralIsAnAttributeRead) {
    FileFacts facts = scan_source("import mod\ngetattr(mod, 'name')\ngetattr(mod.sub, \"x\", None)\n");
    EXPECT_EQ(reads(facts, "mod"), (std::vector<std::string>{"mod.name+g", "mod.sub.x+g"}));
}

TEST(Getattr, NonLiteralOrNonIdentifierIsNot) {
    FileFacts facts = scan_source("getattr(mod, name)\ngetattr(mod, 'a.b')\ngetattr(mod, b'x')\n");
    EXPECT_EQ(reads(facts, "mod"), (std::vector<std::string>{"mod", "mod", "mod"}));
}

TEST(DynamicImports, ImportlibImportModule) {
    FileFacts facts = scan_source("import importlib\nm = importlib.import_module('pkg.mod')\n");
    EXPECT_EQ(dynamic(facts), std::vector<std::string>{"2:pkg.mod"});
    EXPECT_EQ(facts.imports.size(), 1u);  // never an ImportSite: nothing may move it
}

TEST(DynamicImports, ImportModuleFromImportlibAndRelativePackage) {
    FileFacts facts = scan_source(
        "from importlib import import_module\n"
        "def load():\n    return import_module('.plugins', package=__name__)\n"
        "import_module('.x', 'pkg')\n");
    EXPECT_EQ(dynamic(facts), (std::vector<std::string>{"3:.plugins in __name__", "4:.x in pkg"}));
    EXPECT_EQ(facts.dynamic_imports[0].scope, 1u);
}

TEST(DynamicImports, DunderImport) {
    FileFacts facts = scan_source("mod = __import__('json')\n");
    EXPECT_EQ(dynamic(facts), std::vector<std::string>{"1:json"});
}

TEST(DynamicImports, NotWhenTheCalleeIsSomethingElse) {
    FileFacts facts = scan_source(
        "def import_module(name):\n    pass\n"
        "import_module('a')\n"
        "def f(__import__):\n    __import__('b')\n"
        "other.import_module('c')\n"
        "import importlib\nimportlib.import_module(name)\n");
    EXPECT_TRUE(dynamic(facts).empty());
}

TEST(Annotations, LocalVariableAnnotationIsNeverEvaluated) {
    FileFacts facts = scan_source(
        "import requests\n"
        "def f():\n    x: requests.Session = make()\n    y: requests.Response\n"
        "z: requests.Timeout = 1\n");
    EXPECT_EQ(runtime_lines(facts, "requests"), std::vector<uint32_t>{5});
}

TEST(Annotations, PostponedAnnotationsAreNotLoads) {
    FileFacts facts = scan_source(
        "from __future__ import annotations\nimport requests\n"
        "def f(s: requests.Session) -> requests.Response:\n    pass\n"
        "class C:\n    s: requests.Session\n");
    EXPECT_TRUE(runtime_lines(facts, "requests").empty());
}

TEST(Annotations, PydanticModelFieldsAreRead) {
    FileFacts facts = scan_source(
        "from __future__ import annotations\nimport datetime\nfrom pydantic import BaseModel\n"
        "class Event(BaseModel):\n    when: datetime.datetime\n"
        "class Plain:\n    when: datetime.date\n"
        "class Child(Event):\n    until: datetime.time\n");
    EXPECT_EQ(runtime_lines(facts, "datetime"), (std::vector<uint32_t>{5, 9}));
}

TEST(Annotations, DataclassAndAttrsFieldsAreRead) {
    FileFacts facts = scan_source(
        "from __future__ import annotations\nimport dataclasses, attr\nimport typing as t\n"
        "@dataclasses.dataclass(frozen=True)\nclass A:\n    x: t.ClassVar[int]\n"
        "@attr.s(auto_attribs=True)\nclass B:\n    y: t.Any\n");
    EXPECT_EQ(runtime_lines(facts, "t"), (std::vector<uint32_t>{6, 9}));
}

TEST(Annotations, RouteDecoratorReadsTheSignature) {
    FileFacts facts = scan_source(
        "from __future__ import annotations\nimport models\n"
        "@app.get('/items')\ndef items(q: models.Query) -> models.Page:\n    pass\n"
        "def plain(q: models.Query):\n    pass\n");
    EXPECT_EQ(runtime_lines(facts, "models"), (std::vector<uint32_t>{4, 4}));
    for (const Reference& ref : facts.references)
        if (ref.name == "models" && ref.line == 4) {
            EXPECT_TRUE(ref.definition_time);
        }
}

TEST(Annotations, SqlalchemyMappedAnnotationIsRead) {
    FileFacts facts = scan_source(
        "from __future__ import annotations\nimport decimal\nfrom sqlalchemy.orm import Mapped\n"
        "class Row(Base):\n    price: Mapped[decimal.Decimal]\n    note: decimal.Context\n");
    EXPECT_EQ(runtime_lines(facts, "decimal"), std::vector<uint32_t>{5});
}

TEST(Annotations, DeclarativeBaseMakesItsClassesConsumers) {
    FileFacts facts = scan_source(
        "from __future__ import annotations\nimport decimal\nfrom sqlalchemy.orm import declarative_base\n"
        "Base = declarative_base()\nclass Row(Base):\n    price: decimal.Decimal\n");
    EXPECT_EQ(runtime_lines(facts, "decimal"), std::vector<uint32_t>{6});
}

TEST(Annotations, GetTypeHintsReadsEveryAnnotationButLocalOnes) {
    FileFacts facts = scan_source(
        "from __future__ import annotations\nimport typing, decimal\n"
        "class Row:\n    price: decimal.Decimal\n"
        "def f():\n    local: decimal.Context = None\n    return typing.get_type_hints(Row)\n");
    EXPECT_EQ(runtime_lines(facts, "decimal"), std::vector<uint32_t>{4});
}

TEST(Annotations, ProjectConsumerFromConfiguration) {
    std::string text =
        "from __future__ import annotations\nimport decimal\nfrom mylib import Model\n"
        "class Row(Model):\n    price: decimal.Decimal\n";
    EXPECT_TRUE(runtime_lines(scan_source(text), "decimal").empty());
    AnnotationConsumers consumers({"mylib.Model"});
    EXPECT_EQ(runtime_lines(scan_source(text, consumers), "decimal"), std::vector<uint32_t>{5});
}

TEST(Annotations, ScanFilesTakesTheProjectConsumers) {
    testing::TempDir dir;
    dir.write("models.py",
              "from __future__ import annotations\nimport decimal\nimport mylib\n"
              "class Row(mylib.Model):\n    price: decimal.Decimal\n");
    AnnotationConsumers consumers({"mylib.Model"});
    ScanOptions options;
    options.annotation_consumers = &consumers;
    EXPECT_TRUE(runtime_lines(scan_files(dir.path(), {"models.py"}).files[0].facts, "decimal").empty());
    EXPECT_EQ(runtime_lines(scan_files(dir.path(), {"models.py"}, options).files[0].facts, "decimal"),
              std::vector<uint32_t>{5});
}

TEST(AnnotationConsumers, BuiltinTableIsSortedAndValid) {
    auto table = builtin_annotation_consumers();
    for (size_t i = 0; i < table.size(); ++i) {
        EXPECT_TRUE(valid_consumer_name(table[i].name)) << table[i].name;
        if (i > 0) {
            EXPECT_LT(table[i - 1].name, table[i].name);
        }
    }
}

TEST(AnnotationConsumers, NamesAreDottedIdentifiers) {
    EXPECT_TRUE(valid_consumer_name("mylib.Model"));
    EXPECT_TRUE(valid_consumer_name("*.handler"));
    EXPECT_TRUE(valid_consumer_name("Model"));
    EXPECT_FALSE(valid_consumer_name(""));
    EXPECT_FALSE(valid_consumer_name("*"));
    EXPECT_FALSE(valid_consumer_name("a..b"));
    EXPECT_FALSE(valid_consumer_name("a.*"));
    EXPECT_FALSE(valid_consumer_name("my lib.Model"));
}

}  // namespace lmms::python
