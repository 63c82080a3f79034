#include "capture/probe_report.hpp"

#include <gtest/gtest.h>

namespace lmms::capture {

namespace {

std::vector<base::ReportLine> lines(std::initializer_list<std::string> texts) {
    std::vector<base::ReportLine> result;
    base::MonotonicNs time = 100;
    for (const std::string& text : texts)
        result.push_back({text, time++});
    return result;
}

}  // namespace

TEST(ProbeReport, ReadsTimestampsAndWhenReadyArrived) {
    auto report = parse_probe_report(lines({"start\t10", "python\t3.11.2\t/usr/bin/python3\tcpython",
                                            "import\t20", "imported\t30", "ready\t40", "modules\t99"}));
    EXPECT_EQ(report.started, 10);
    EXPECT_EQ(report.import_started, 20);
    EXPECT_EQ(report.imported, 30);
    EXPECT_EQ(report.ready, 40);
    EXPECT_EQ(report.ready_arrived, 104);
    EXPECT_EQ(report.python_version, "3.11.2");
    EXPECT_EQ(report.module_count, 99);
}

TEST(ProbeReport, ReadsWhetherTheEntryCompiledFromSource) {
    EXPECT_FALSE(parse_probe_report(lines({"start\t10"})).bytecode);
    auto report = parse_probe_report(lines({"bytecode\t1\t3\t/proj/app/__init__.py"}));
    ASSERT_TRUE(report.bytecode);
    EXPECT_TRUE(report.bytecode->dont_write_bytecode);
    EXPECT_EQ(report.bytecode->compiled, 3);
    EXPECT_EQ(report.bytecode->first_compiled, "/proj/app/__init__.py");
}

TEST(ProbeReport, ReadsTheWarmUpsStatementFinderAndCompileTimes) {
    auto report = parse_probe_report(lines({"statement\t/proj/app/a.py\t17\t90000000",
                                            "finder\tapp.hook.Finder\t2\t40000\tapp.routes\t39000",
                                            "compile\tapp.a\t/proj/app/a.py\t1500"}));
    ASSERT_EQ(report.statements.size(), 1u);
    EXPECT_EQ(report.statements[0].file, "/proj/app/a.py");
    EXPECT_EQ(report.statements[0].line, 17u);
    EXPECT_EQ(report.statements[0].ns, 90'000'000);
    ASSERT_EQ(report.finders.size(), 1u);
    EXPECT_EQ(report.finders[0].finder, "app.hook.Finder");
    EXPECT_EQ(report.finders[0].calls, 2);
    EXPECT_EQ(report.finders[0].ns, 40'000);
    EXPECT_EQ(report.finders[0].slowest_module, "app.routes");
    EXPECT_EQ(report.finders[0].slowest_ns, 39'000);
    ASSERT_EQ(report.compiles.size(), 1u);
    EXPECT_EQ(report.compiles[0].module, "app.a");
    EXPECT_EQ(report.compiles[0].file, "/proj/app/a.py");
    EXPECT_EQ(report.compiles[0].ns, 1'500);
}

TEST(ProbeReport, UnescapesTabsNewlinesAndBackslashes) {
    auto report = parse_probe_report(
        lines({"edge\tpkg.a\tpkg.b\t/p/a\\tb\\\\c.py\t7", "error\timport\tValueError\tbad\\nvalue"}));
    ASSERT_EQ(report.edges.size(), 1u);
    EXPECT_EQ(report.edges[0].file, "/p/a\tb\\c.py");
    EXPECT_EQ(report.edges[0].line, 7u);
    ASSERT_TRUE(report.failure);
    EXPECT_EQ(report.failure->message, "bad\nvalue");
}

TEST(ProbeReport, IgnoresUnknownAndMalformedLines) {
    auto report = parse_probe_report(lines({"", "bogus\tline", "start\tnot-a-number", "traceback\torphan"}));
    EXPECT_FALSE(report.started);
    EXPECT_FALSE(report.failure);
}

}  // namespace lmms::capture
