// The kind of each import-time use, one construct per test.

#include <gtest/gtest.h>

#include "capture/import_time_kind.hpp"
#include "python/facts.hpp"

namespace lmms::capture {

namespace {

using model::ImportTimeKind;

/// The kind of the first load of `name` on `line` of `source`.
ImportTimeKind kind_of(const char* source, std::string_view name, uint32_t line) {
    python::FileFacts facts = python::scan_source(source);
    for (const python::Reference& ref : facts.references) {
        if (ref.store || ref.name != name || ref.line != line)
            continue;
        ImportTimeRead read;
        read.name = name;
        read.line = ref.line;
        read.col = ref.col;
        read.statements = &facts.statements;
        read.annotation = ref.annotation;
        read.definition_time = ref.definition_time;
        return import_time_kind(read);
    }
    ADD_FAILURE() << "no load of " << name << " on line " << line;
    return ImportTimeKind::other;
}

}  // namespace

TEST(ImportTimeKind, ACallOfAnAttributeOfTheNameConfiguresIt) {
    const char* source =
        "import plotlib\n"
        "import logging\n"
        "plotlib.use('Agg')\n"
        "logging.getLogger('x').setLevel(10)\n";
    EXPECT_EQ(kind_of(source, "plotlib", 3), ImportTimeKind::configuring_call);
    EXPECT_EQ(kind_of(source, "logging", 4), ImportTimeKind::configuring_call);
}

TEST(ImportTimeKind, ABareCallOfTheNameOrWithItRegisters) {
    const char* source =
        "from registry import register, Command\n"
        "register('build')\n"
        "app.add_command(Command)\n";
    EXPECT_EQ(kind_of(source, "register", 2), ImportTimeKind::registration);
    EXPECT_EQ(kind_of(source, "Command", 3), ImportTimeKind::registration);
}

TEST(ImportTimeKind, ADecoratorThatCallsAnAttributeRegisters) {
    const char* source =
        "from web import app\n"
        "import functools\n"
        "@app.route('/')\n"
        "@functools.cache\n"
        "def index():\n"
        "    pass\n";
    EXPECT_EQ(kind_of(source, "app", 3), ImportTimeKind::registration);
    EXPECT_EQ(kind_of(source, "functools", 4), ImportTimeKind::decorator);
}

TEST(ImportTimeKind, ADecoratorFactoryOfAModuleIsADecorator) {
    python::FileFacts facts =
        python::scan_source("import functools\n@functools.lru_cache(maxsize=None)\ndef f():\n    pass\n");
    ImportTimeRead read{"functools", 2, 1, &facts.statements};
    EXPECT_EQ(import_time_kind(read),
              ImportTimeKind::registration);  // an object's method: could be a registry
    read.name_is_module = true;
    EXPECT_EQ(import_time_kind(read), ImportTimeKind::decorator);
}

TEST(ImportTimeKind, AClassDecoratorIsADecorator) {
    EXPECT_EQ(kind_of("from dataclasses import dataclass\n@dataclass\nclass A:\n    x = 1\n", "dataclass", 2),
              ImportTimeKind::decorator);
}

TEST(ImportTimeKind, ABaseOrMetaclassIsABaseClassAndTheBodyAClassBody) {
    const char* source =
        "import orm\n"
        "class Row(orm.Base,\n"
        "          metaclass=orm.Meta):\n"
        "    id = orm.Column(orm.Integer)\n"
        "    @orm.validator('id')\n"
        "    def check(self):\n"
        "        pass\n";
    EXPECT_EQ(kind_of(source, "orm", 2), ImportTimeKind::base_class);
    EXPECT_EQ(kind_of(source, "orm", 3), ImportTimeKind::base_class);
    EXPECT_EQ(kind_of(source, "orm", 4), ImportTimeKind::class_body);
    EXPECT_EQ(kind_of(source, "orm", 5),
              ImportTimeKind::class_body);  // a method's decorator runs with the class
}

TEST(ImportTimeKind, ADefaultValueIsADefaultArgumentAndAnAnnotationAnAnnotation) {
    const char* source =
        "import numbers\n"
        "def scale(x: numbers.Real = numbers.ONE) -> numbers.Real:\n"
        "    return x\n"
        "LIMIT: numbers.Real = 3\n";
    python::FileFacts facts = python::scan_source(source);
    std::vector<ImportTimeKind> kinds;
    for (const python::Reference& ref : facts.references)
        if (!ref.store && ref.name == "numbers" && ref.line == 2) {
            ImportTimeRead read{ref.name, ref.line, ref.col, &facts.statements};
            read.annotation = ref.annotation;
            read.definition_time = ref.definition_time;
            kinds.push_back(import_time_kind(read));
        }
    std::sort(kinds.begin(), kinds.end());
    EXPECT_EQ(kinds, (std::vector<ImportTimeKind>{ImportTimeKind::default_argument,
                                                  ImportTimeKind::annotation, ImportTimeKind::annotation}));
    EXPECT_EQ(kind_of(source, "numbers", 4), ImportTimeKind::annotation);
}

TEST(ImportTimeKind, AnAssignmentOfACallMakesAModuleObject) {
    const char* source =
        "import jinja\n"
        "import boto\n"
        "import fast\n"
        "env = jinja.Environment(\n"
        "    autoescape=True)\n"
        "client = make_client(boto.DEFAULT)\n"
        "dumps = fast.dumps\n";
    EXPECT_EQ(kind_of(source, "jinja", 4), ImportTimeKind::module_object);
    EXPECT_EQ(kind_of(source, "boto", 6), ImportTimeKind::module_object);
    EXPECT_EQ(kind_of(source, "fast", 7), ImportTimeKind::other);
}

TEST(ImportTimeKind, ATestedNameIsAFeatureFlag) {
    const char* source =
        "try:\n"
        "    from crypto import Fernet\n"
        "    KEY = Fernet.generate_key()\n"
        "    dumps = Fernet.dumps\n"
        "except ImportError:\n"
        "    Fernet = None\n"
        "if Fernet is not None:\n"
        "    MODE = 'secure'\n"
        "if Fernet: MODE = Fernet.mode\n";
    EXPECT_EQ(kind_of(source, "Fernet", 7), ImportTimeKind::feature_flag);
    EXPECT_EQ(kind_of(source, "Fernet", 9), ImportTimeKind::feature_flag);
    // What is read inside the try is part of the probe; a call keeps its own kind.
    EXPECT_EQ(kind_of(source, "Fernet", 4), ImportTimeKind::feature_flag);
    EXPECT_EQ(kind_of(source, "Fernet", 3), ImportTimeKind::module_object);
}

TEST(ImportTimeKind, AReadInAFunctionCalledWhileImportingIsACall) {
    ImportTimeRead read{"json", 3, 11};
    read.in_function = true;
    EXPECT_EQ(import_time_kind(read), ImportTimeKind::call);
}

TEST(ImportTimeKind, AnotherModulesFromImportIsAFromImport) {
    ImportTimeRead read{"application", 1, 0};
    read.from_import = true;
    EXPECT_EQ(import_time_kind(read), ImportTimeKind::from_import);
}

TEST(ImportTimeKind, AnythingElseIsOther) {
    const char* source =
        "import plugins\n"
        "for name in plugins.names():\n"
        "    pass\n"
        "with plugins.lock():\n"
        "    pass\n";
    EXPECT_EQ(kind_of(source, "plugins", 2), ImportTimeKind::other);
    EXPECT_EQ(kind_of(source, "plugins", 4), ImportTimeKind::other);
    EXPECT_EQ(import_time_kind(ImportTimeRead{"x", 1, 0}), ImportTimeKind::other);  // no statements
}

TEST(ImportTimeKind, OnALineOfSeveralStatementsTheColumnDecides) {
    const char* source = "import plotlib; plotlib.use('Agg'); backend = plotlib.get()\n";
    python::FileFacts facts = python::scan_source(source);
    std::vector<ImportTimeKind> kinds;
    for (const python::Reference& ref : facts.references)
        if (!ref.store && ref.name == "plotlib")
            kinds.push_back(import_time_kind(ImportTimeRead{ref.name, ref.line, ref.col, &facts.statements}));
    EXPECT_EQ(kinds,
              (std::vector<ImportTimeKind>{ImportTimeKind::configuring_call, ImportTimeKind::module_object}));
}

}  // namespace lmms::capture
