#pragma once
/// One error type for every fallible boundary: a one-line message, where it
/// happened, and optional multi-line detail (e.g. a child's stderr tail).

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace lmms {

enum class ErrorKind {
    input,     ///< bad input, usage or environment: exit code 2
    internal,  ///< a bug in LMMS: exit code 3
    /// a stop signal (base::stop_signal()) ended the work: exit code 128 + the signal
    interrupted,
};

struct Error {
    std::string message;   ///< one line, no trailing period or newline
    std::string location;  ///< "path", "path:line" or empty
    std::string detail;    ///< extra lines shown under the message, may be empty
    ErrorKind kind = ErrorKind::input;
};

template <class T>
using Expected = tl::expected<T, Error>;

inline tl::unexpected<Error> make_error(std::string message, std::string location = {},
                                        std::string detail = {}) {
    return tl::unexpected<Error>(
        Error{std::move(message), std::move(location), std::move(detail), ErrorKind::input});
}

/// "what: <strerror(errno)>", read at the call.
std::string errno_message(std::string_view what);

}  // namespace lmms

/// Evaluates an Expected<T>; returns its error from the enclosing function or
/// yields the value (GNU statement expression, supported by GCC and Clang).
#define LMMS_TRY(expr)                                                  \
    ({                                                                  \
        auto&& lmms_try_result_ = (expr);                               \
        if (!lmms_try_result_)                                          \
            return tl::unexpected(std::move(lmms_try_result_).error()); \
        std::move(*lmms_try_result_);                                   \
    })

/// Same as LMMS_TRY for Expected<void>.
#define LMMS_TRY_VOID(expr)                                             \
    do {                                                                \
        auto&& lmms_try_result_ = (expr);                               \
        if (!lmms_try_result_)                                          \
            return tl::unexpected(std::move(lmms_try_result_).error()); \
    } while (false)
