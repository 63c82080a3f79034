// libFuzzer target: any bytes through the whole scanner (decode, tokenize,
// parse, analyse) must neither crash, hang nor trip a sanitizer.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "python/facts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    lmms::python::FileFacts facts = lmms::python::scan_source(bytes);
    return facts.line_count > 0 || facts.scopes.empty() ? 0 : 0;
}
