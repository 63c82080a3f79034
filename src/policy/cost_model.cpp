#include "policy/cost_model.hpp"

#include <algorithm>
#include <cmath>

namespace lmms::policy {

CostFigures cost_figures(double saved_ms, double load_ms, double usage, const config::Traffic& traffic) {
    double r = std::clamp(traffic.cold_start_rate, 1e-9, 1.0);
    double u = std::clamp(usage, 0.0, 1.0);
    // 1 - (1 - u)^(1/r), computed without cancellation for small u.
    double process_needs = u >= 1.0 ? 1.0 : -std::expm1(std::log1p(-u) / r);
    CostFigures figures;
    figures.init_saved_ms = saved_ms;
    figures.paying_share = r * process_needs;
    figures.added_ms = load_ms;
    figures.p95_added_ms = figures.paying_share > 0.05 ? load_ms : 0;
    figures.p99_added_ms = figures.paying_share > 0.01 ? load_ms : 0;
    figures.module_ms_per_day = traffic.requests_per_day * r * load_ms;
    figures.lazy_ms_per_day = traffic.requests_per_day * figures.paying_share * load_ms;
    return figures;
}

}  // namespace lmms::policy
