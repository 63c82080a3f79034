// Readers of a module-level binding across a project.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "python/readers.hpp"
#include "python/scanner.hpp"

namespace lmms::python {

namespace {

/// A project from (path, source) pairs; modules from the paths.
class Project {
public:
    Project(std::initializer_list<std::pair<std::string, std::string>> files) {
        for (const auto& [path, source] : files) {
            m_facts.push_back(std::make_unique<FileFacts>(scan_source(source)));
            std::string module = path.substr(0, path.size() - 3);
            bool package = module.ends_with("__init__");
            if (package)
                module.resize(module.size() - 9);
            std::replace(module.begin(), module.end(), '/', '.');
            m_files.push_back({path, module, package, m_facts.back().get()});
        }
    }

    /// "path:line kind import|function" for each reader of `name` in `path`.
    std::vector<std::string> readers(const std::string& path, std::string_view name) const {
        return shown(readers_of(m_files, index(path), name));
    }
    std::vector<std::string> module_readers(const std::string& path) const {
        return shown(readers_of_module(m_files, index(path)));
    }

private:
    size_t index(const std::string& path) const {
        for (size_t i = 0; i < m_files.size(); ++i)
            if (m_files[i].path == path)
                return i;
        ADD_FAILURE() << "no file " << path;
        return 0;
    }
    std::vector<std::string> shown(const std::vector<Reader>& readers) const {
        std::vector<std::string> lines;
        for (const Reader& reader : readers)
            lines.push_back(fmt::format("{}:{} {} {}", m_files[reader.file].path, reader.line,
                                        reader_kind_name(reader.kind),
                                        reader.import_time        ? "import"
                                        : reader.function.empty() ? "-"
                                                                  : reader.function));
        return lines;
    }

    std::vector<std::unique_ptr<FileFacts>> m_facts;
    std::vector<ProjectFile> m_files;
};

using Lines = std::vector<std::string>;

}  // namespace

TEST(Readers, FromImportAtModuleLevelIsImportTime) {
    Project project{{"run.py", "def main():\n    from web import application\n    return application\n"},
                    {"web/__init__.py", "from .app import application\n"},
                    {"wsgi.py", "from web import application\n"}};
    EXPECT_EQ(project.readers("web/__init__.py", "application"),
              (Lines{"run.py:2 from_import main", "wsgi.py:1 from_import import"}));
}

TEST(Readers, RelativeFromImportIsResolved) {
    Project project{{"pkg/__init__.py", "from .db import Database\n"},
                    {"pkg/cli.py", "from . import Database\nfrom .db import Database as D\n"},
                    {"pkg/db.py", "class Database: pass\n"}};
    EXPECT_EQ(project.readers("pkg/__init__.py", "Database"), Lines{"pkg/cli.py:1 from_import import"});
    EXPECT_EQ(project.readers("pkg/db.py", "Database"),
              (Lines{"pkg/__init__.py:1 from_import import", "pkg/cli.py:2 from_import import"}));
}

TEST(Readers, PackageReExportReadAsAttributeAndFromImport) {
    Project project{{"app.py", "from pkg import Database\n"},
                    {"pkg/__init__.py", "from .db import Database\n__all__ = ['Database']\n"},
                    {"pkg/cli.py", "import pkg\n\ndef main():\n    return pkg.Database()\n"}};
    EXPECT_EQ(project.readers("pkg/__init__.py", "Database"),
              (Lines{"app.py:1 from_import import", "pkg/__init__.py:2 all_export -",
                     "pkg/cli.py:4 attribute main"}));
}

TEST(Readers, SubmoduleAttributeChains) {
    Project project{{"pkg/__init__.py", ""},
                    {"pkg/sub.py", "name = 1\nother = 2\n"},
                    {"a.py", "import pkg.sub\nx = pkg.sub.name.real\ny = pkg.sub.other\n"},
                    {"b.py", "from pkg import sub\nclass C:\n    z = sub.name\n"},
                    {"c.py", "import pkg.sub as s\ndef f(s):\n    return s.name\nprint(s.name)\n"}};
    EXPECT_EQ(project.readers("pkg/sub.py", "name"),
              (Lines{"a.py:2 attribute import", "b.py:3 attribute import", "c.py:4 attribute import"}));
}

TEST(Readers, GetattrWithALiteral) {
    Project project{{"plugins.py", "def hook(): pass\n"},
                    {"main.py", "import plugins\ndef run():\n    return getattr(plugins, 'hook', None)\n"}};
    EXPECT_EQ(project.readers("plugins.py", "hook"), Lines{"main.py:3 getattr run"});
}

TEST(Readers, StarImportWhenTheNameIsExported) {
    Project project{{"consts.py", "__all__ = ['A']\nA = 1\nB = 2\n_C = 3\n"},
                    {"use.py", "from consts import *\n"}};
    EXPECT_EQ(project.readers("consts.py", "A"),
              (Lines{"consts.py:1 all_export -", "use.py:1 star_import import"}));
    EXPECT_TRUE(project.readers("consts.py", "B").empty());
    Project no_all{{"consts.py", "A = 1\n_C = 3\n"}, {"use.py", "from consts import *\n"}};
    EXPECT_EQ(no_all.readers("consts.py", "A"), Lines{"use.py:1 star_import import"});
    EXPECT_TRUE(no_all.readers("consts.py", "_C").empty());
}

TEST(Readers, NotReaders) {
    Project project{{"pkg/__init__.py", "from .db import Database\n"},
                    {"other/__init__.py", "Database = None\n"},
                    {"x.py",
                     "import other\nother.Database\nimport pkg\npkg.Database = 1\n"
                     "from __future__ import annotations\ndef f(d: pkg.Database): pass\n"}};
    EXPECT_TRUE(project.readers("pkg/__init__.py", "Database").empty());
}

TEST(Readers, DynamicImportOfTheModule) {
    Project project{
        {"main.py", "mod = __import__('pkg.plugins')\n"},
        {"other.py", "from importlib import import_module\nimport_module('pkg.plug')\n"},
        {"pkg/__init__.py", ""},
        {"pkg/load.py",
         "import importlib\ndef load():\n    return importlib.import_module('.plugins', __package__)\n"},
        {"pkg/plugins.py", ""}};
    EXPECT_EQ(project.module_readers("pkg/plugins.py"),
              (Lines{"main.py:1 dynamic_import import", "pkg/load.py:3 dynamic_import load"}));
}

}  // namespace lmms::python
