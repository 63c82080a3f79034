#include "base/stop_signal.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>

namespace lmms::base {

namespace {

std::atomic<int> g_stop_signal{0};
std::array<int, 2> g_wake_pipe{-1, -1};

void record_stop(int signal) {
    int saved_errno = errno;
    int none = 0;
    g_stop_signal.compare_exchange_strong(none, signal);
    char byte = 1;
    // Non-blocking: a full pipe already wakes the loop.
    [[maybe_unused]] ssize_t ignored = ::write(g_wake_pipe[1], &byte, 1);
    errno = saved_errno;
}

}  // namespace

void install_stop_handlers() {
    if (g_wake_pipe[0] >= 0 || ::pipe2(g_wake_pipe.data(), O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction current {};
        if (::sigaction(signal, nullptr, &current) == 0 && current.sa_handler == SIG_IGN)
            continue;
        struct sigaction action {};
        action.sa_handler = record_stop;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(signal, &action, nullptr);
    }
}

int stop_signal() {
    return g_stop_signal.load();
}

int stop_wake_fd() {
    return g_wake_pipe[0];
}

const char* stop_signal_name(int signal) {
    switch (signal) {
        case SIGINT:
            return "SIGINT";
        case SIGTERM:
            return "SIGTERM";
        case SIGHUP:
            return "SIGHUP";
        default:
            return "a signal";
    }
}

}  // namespace lmms::base
