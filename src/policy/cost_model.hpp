#pragma once
/// The cost model of DESIGN.md §3 (pure). Python caches modules, so a lazy
/// import costs its full price once per process, on the first request that
/// needs it. With r = cold starts / requests and u = usage, a process serves
/// 1/r requests and needs the module with probability 1 - (1 - u)^(1/r):
///  - module level: every cold start pays c during init; per request r*c;
///  - function level: per request r*c*(1 - (1 - u)^(1/r)) <= r*c, paid on the
///    latency of the request that first needs it, warm or not.

#include "config/config.hpp"

namespace lmms::policy {

struct CostFigures {
    double init_saved_ms = 0;      ///< per cold start, when the import is lazy
    double paying_share = 0;       ///< share of requests that pay the import on their path
    double added_ms = 0;           ///< what each of them pays
    double p95_added_ms = 0;       ///< added to the P95 latency: added_ms when more than 5 % pay
    double p99_added_ms = 0;       ///< the same for more than 1 %
    double module_ms_per_day = 0;  ///< CPU spent importing it per day at module level
    double lazy_ms_per_day = 0;    ///< per day at function level (never more)
};

/// `saved_ms`: what leaves init; `load_ms`: what its first use pays; `usage` in [0, 1].
CostFigures cost_figures(double saved_ms, double load_ms, double usage, const config::Traffic& traffic);

}  // namespace lmms::policy
