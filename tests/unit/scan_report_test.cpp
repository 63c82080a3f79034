// lmms scan's JSON, written file by file: valid JSON whatever the names are.

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "python/scanner.hpp"
#include "report/scan_report.hpp"

namespace lmms::report {

namespace {

python::ScanResult scanned(std::initializer_list<std::pair<std::string, std::string>> files) {
    python::ScanResult result;
    for (const auto& [path, source] : files) {
        python::ScannedFile& file = result.files.emplace_back();
        file.path = path;
        file.facts = python::scan_source(source);
        result.summary.files += 1;
    }
    return result;
}

nlohmann::json written(const python::ScanResult& result, bool with_references) {
    std::ostringstream out;
    write_scan_json(result, with_references, out);
    return nlohmann::json::parse(out.str());
}

}  // namespace

TEST(ScanJson, ReferencesAreWrittenOnePerLineAndParse) {
    auto result = scanned({{"a.py", "import os\nos.sep\n"}, {"b.py", "x = 1\n"}});
    std::ostringstream out;
    write_scan_json(result, true, out);
    EXPECT_NE(out.str().find(R"(    {"name": "os", "line": 2, "col": 0, "scope": 0, "store": false, )"
                             R"("annotation": false, "definition_time": false})"),
              std::string::npos);
    nlohmann::json json = nlohmann::json::parse(out.str());
    EXPECT_EQ(json["schema_version"], k_scan_schema_version);
    ASSERT_EQ(json["files"].size(), 2u);
    EXPECT_EQ(json["files"][0]["references"].size(), 2u);
    EXPECT_EQ(json["files"][1]["references"][0]["name"], "x");
    EXPECT_EQ(json["summary"]["files"], 2);
}

TEST(ScanJson, NonAsciiAndInvalidUtf8NamesStayValidJson) {
    auto result = scanned({{"u.py", "\xC3\xA9t\xC3\xA9 = 1\n"}, {"bad.py", "a\xFF = 1\n"}});
    nlohmann::json json = written(result, true);
    EXPECT_EQ(json["files"][0]["references"][0]["name"], "\xC3\xA9t\xC3\xA9");
    EXPECT_EQ(json["files"][1]["references"][0]["name"], "a\xEF\xBF\xBD");  // U+FFFD
}

TEST(ScanJson, NoFilesAndNoReferences) {
    EXPECT_TRUE(written(scanned({}), true)["files"].empty());
    nlohmann::json json = written(scanned({{"a.py", "import os\n"}}), false);
    EXPECT_FALSE(json["files"][0].contains("references"));
    EXPECT_EQ(json["files"][0]["imports"].size(), 1u);
}

}  // namespace lmms::report
