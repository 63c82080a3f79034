#include "base/error.hpp"

#include <cerrno>
#include <cstring>

namespace lmms {

std::string errno_message(std::string_view what) {
    int saved = errno;
    return std::string(what) + ": " + std::strerror(saved);
}

}  // namespace lmms
