#pragma once
// Captures of a small made-up project whose numbers are known by construction.

#include "capture/profile_builder.hpp"

namespace lmms::testing {

using capture::Captures;
using capture::ProbeReport;
using capture::ProjectLayout;
using capture::RunCapture;
using capture::parse_importtime;

// app.handler imports app.a and app.b; both import `heavy` (shared), app.b
// also imports `light`. Self times are chosen so every total is known.
inline constexpr const char* k_log = R"(import time: self [us] | cumulative | imported package
import time:       100 |        100 | site
import time:        50 |         50 |   app
import time:      3000 |       3000 |       heavy.core
import time:      1000 |       4000 |     heavy
import time:       200 |       4200 |   app.a
import time:       500 |        500 |     light
import time:       300 |        800 |   app.b
import time:       400 |       5450 | app.handler
)";

inline ProbeReport warmup_report() {
    ProbeReport report;
    report.preloaded = {"sys", "site"};
    report.modules = {{"app", "/proj/app/__init__.py"},      {"app.handler", "/proj/app/handler.py"},
                      {"app.a", "/proj/app/a.py"},           {"app.b", "/proj/app/b.py"},
                      {"heavy", "/lib/heavy/__init__.py"},   {"heavy.core", "/lib/heavy/core.py"},
                      {"light", "/lib/light.py"}};
    report.edges = {{"app.handler", "app", "/proj/app/handler.py", 1},
                    {"app.handler", "app.a", "/proj/app/handler.py", 1},
                    {"app.handler", "app.b", "/proj/app/handler.py", 2},
                    {"app.a", "heavy", "/proj/app/a.py", 1},
                    {"heavy", "heavy.core", "/lib/heavy/__init__.py", 1},
                    {"app.b", "heavy", "/proj/app/b.py", 1},
                    {"app.b", "light", "/proj/app/b.py", 2}};
    return report;
}

inline RunCapture timed_run(const char* log, base::MonotonicNs total_ns) {
    RunCapture run;
    run.process.spawned = 0;
    run.process.peak_rss_kb = 2048;
    run.report.preloaded = {"sys", "site"};
    run.report.started = 1'000'000;
    run.report.imported = 8'000'000;
    run.report.ready = 8'100'000;
    run.report.ready_arrived = total_ns;
    run.report.module_count = 60;
    run.log = parse_importtime(log);
    return run;
}

inline RunCapture floor_run(base::MonotonicNs total_ns) {
    RunCapture run;
    run.report.ready_arrived = total_ns;
    return run;
}

inline Captures captures_of(const char* log) {
    Captures captures;
    captures.warmup.report = warmup_report();
    for (int i = 0; i < 3; ++i) {
        captures.runs.push_back(timed_run(log, 10'000'000));
        captures.floors.push_back(floor_run(2'000'000));
    }
    return captures;
}

inline const ProjectLayout k_layout{"/proj", {"/proj"}};

}  // namespace lmms::testing
