#pragma once
/// The probe's Python source (src/capture/probe.py), embedded at build time.

#include <string_view>

namespace lmms::capture {

std::string_view probe_source();

}  // namespace lmms::capture
