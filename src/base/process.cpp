#include "base/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fmt/format.h>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "base/stop_signal.hpp"

namespace lmms::base {

MonotonicNs monotonic_now() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<MonotonicNs>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

int64_t own_peak_rss_kb() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmHWM:"))
            return std::strtoll(line.c_str() + 6, nullptr, 10);
    return 0;
}

namespace {

/// Captured output is capped so a runaway child cannot exhaust memory.
constexpr size_t k_max_capture_bytes = 256u << 20;

struct Pipe {
    int read_end = -1;
    int write_end = -1;
};

Expected<Pipe> open_pipe() {
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0)
        return make_error(errno_message("cannot create a pipe"));
    return Pipe{fds[0], fds[1]};
}

void close_fd(int& fd) {
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

/// One output stream of the child, drained by the poll loop.
struct Stream {
    int fd = -1;
    std::string* sink = nullptr;
    std::vector<ReportLine>* lines = nullptr;  ///< set for the report channel
    std::string partial;                       ///< report text not yet ended by '\n'
    const std::function<void(const ReportLine&)>* on_line = nullptr;
};

void add_line(Stream& stream, ReportLine line) {
    stream.lines->push_back(std::move(line));
    if (stream.on_line != nullptr && *stream.on_line)
        (*stream.on_line)(stream.lines->back());
}

void append_chunk(Stream& stream, const char* data, size_t size, MonotonicNs now) {
    if (stream.lines == nullptr) {
        size_t room = k_max_capture_bytes - std::min(k_max_capture_bytes, stream.sink->size());
        stream.sink->append(data, std::min(size, room));
        return;
    }
    stream.partial.append(data, size);
    size_t start = 0;
    for (size_t end; (end = stream.partial.find('\n', start)) != std::string::npos; start = end + 1)
        add_line(stream, {stream.partial.substr(start, end - start), now});
    stream.partial.erase(0, start);
}

/// Reads what is available; returns false at end of file.
bool drain(Stream& stream) {
    std::array<char, 65536> buffer{};
    ssize_t got = ::read(stream.fd, buffer.data(), buffer.size());
    if (got < 0)
        return errno == EINTR || errno == EAGAIN;
    if (got == 0) {
        if (stream.lines != nullptr && !stream.partial.empty())
            add_line(stream, {std::move(stream.partial), monotonic_now()});
        return false;
    }
    append_chunk(stream, buffer.data(), static_cast<size_t>(got), monotonic_now());
    return true;
}

bool reap(pid_t pid, ProcessResult& result, int options) {
    int status = 0;
    rusage usage{};
    pid_t done = ::wait4(pid, &status, options, &usage);
    if (done != pid)
        return false;
    result.exited = monotonic_now();
    result.peak_rss_kb = usage.ru_maxrss;
    if (WIFEXITED(status))
        result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
    return true;
}

/// How long a child's group has to end after the stop signal is passed on,
/// before SIGKILL.
constexpr MonotonicNs k_stop_grace_ns = 1'000'000'000;

/// Passes the stop signal on to the child's group, as if the group had been in
/// the terminal's foreground; returns true when the child ended within the grace.
bool stop_group(pid_t pid, int signal, ProcessResult& result) {
    ::kill(-pid, signal);
    for (MonotonicNs until = monotonic_now() + k_stop_grace_ns; monotonic_now() < until;) {
        if (reap(pid, result, WNOHANG))
            return true;
        ::usleep(10'000);
    }
    return false;
}

std::vector<pollfd> poll_set(const std::vector<Stream>& streams) {
    std::vector<pollfd> fds;
    for (const Stream& stream : streams)
        if (stream.fd >= 0)
            fds.push_back({stream.fd, POLLIN, 0});
    return fds;
}

void drain_ready(std::vector<Stream>& streams, const std::vector<pollfd>& fds) {
    for (Stream& stream : streams) {
        if (stream.fd < 0)
            continue;
        for (const pollfd& entry : fds)
            if (entry.fd == stream.fd && (entry.revents & (POLLIN | POLLHUP | POLLERR)) != 0 &&
                !drain(stream))
                close_fd(stream.fd);
    }
}

enum class Ending { finished, interrupted };

/// Polls the child's streams until they close and it exits, the deadline, or a stop signal.
Ending supervise(pid_t pid, std::vector<Stream>& streams, MonotonicNs deadline, ProcessResult& result) {
    bool reaped = false;
    Ending ending = Ending::finished;
    while (true) {
        std::vector<pollfd> fds = poll_set(streams);
        if (int signal = stop_signal(); signal != 0) {
            ending = Ending::interrupted;
            reaped = stop_group(pid, signal, result);
            break;
        }
        MonotonicNs now = monotonic_now();
        if (now >= deadline) {
            result.timed_out = true;
            break;
        }
        if (fds.empty()) {
            // Its streams are closed but it may still be ending (tar does): wait for it, not kill it.
            if (reap(pid, result, WNOHANG)) {
                reaped = true;
                break;
            }
            ::usleep(1'000);
            continue;
        }
        size_t streams_polled = fds.size();
        if (stop_wake_fd() >= 0)
            fds.push_back({stop_wake_fd(), POLLIN, 0});
        // Wake up now and then: a grandchild may hold our pipes open after the child exits.
        int wait_ms = static_cast<int>(std::min<MonotonicNs>((deadline - now) / 1'000'000 + 1, 100));
        int ready = ::poll(fds.data(), fds.size(), wait_ms);
        if (ready < 0 && errno != EINTR)
            break;
        fds.resize(streams_polled);
        drain_ready(streams, fds);
        if (ready == 0 && reap(pid, result, WNOHANG)) {
            reaped = true;
            break;
        }
    }
    // Whatever happened, nothing of the child's group may outlive it.
    ::kill(-pid, SIGKILL);
    if (!reaped)
        reap(pid, result, 0);
    bool stopped = result.timed_out || ending == Ending::interrupted;
    for (Stream& stream : streams) {
        if (stream.fd >= 0) {
            ::fcntl(stream.fd, F_SETFL, O_NONBLOCK);
            while (drain(stream) && !stopped) {
                pollfd entry{stream.fd, POLLIN, 0};
                if (::poll(&entry, 1, 0) <= 0)
                    break;
            }
        }
        close_fd(stream.fd);
    }
    return ending;
}

Error interrupted_error() {
    return Error{fmt::format("interrupted by {}; the running child's process group was stopped",
                             stop_signal_name(stop_signal())),
                 {},
                 {},
                 ErrorKind::interrupted};
}

struct SpawnSetup {
    posix_spawn_file_actions_t actions{};
    posix_spawnattr_t attributes{};
    SpawnSetup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attributes);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
};

}  // namespace

Expected<ProcessResult> PosixProcessRunner::run(const SpawnRequest& request) {
    if (request.argv.empty())
        return make_error("internal: empty argv");
    if (stop_signal() != 0)
        return tl::unexpected(interrupted_error());
    Pipe out = LMMS_TRY(open_pipe());
    Pipe err = LMMS_TRY(open_pipe());
    Pipe report;
    if (request.report_channel)
        report = LMMS_TRY(open_pipe());

    SpawnSetup setup;
    posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&setup.actions, out.write_end, 1);
    posix_spawn_file_actions_adddup2(&setup.actions, err.write_end, 2);
    if (request.report_channel)
        posix_spawn_file_actions_adddup2(&setup.actions, report.write_end, k_report_fd);
    if (!request.working_directory.empty())
        posix_spawn_file_actions_addchdir_np(&setup.actions, request.working_directory.c_str());
    posix_spawnattr_setpgroup(&setup.attributes, 0);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
    posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> argv;
    for (const std::string& arg : request.argv)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);

    ProcessResult result;
    result.spawned = monotonic_now();
    pid_t pid = 0;
    int failed = ::posix_spawn(&pid, argv[0], &setup.actions, &setup.attributes, argv.data(), environ);
    close_fd(out.write_end);
    close_fd(err.write_end);
    close_fd(report.write_end);
    if (failed != 0) {
        close_fd(out.read_end);
        close_fd(err.read_end);
        close_fd(report.read_end);
        errno = failed;
        return make_error(errno_message("cannot start " + request.argv[0]));
    }

    std::vector<Stream> streams{{out.read_end, &result.stdout_text, nullptr, {}},
                                {err.read_end, &result.stderr_text, nullptr, {}}};
    if (request.report_channel)
        streams.push_back({report.read_end, nullptr, &result.report, {}, &request.on_report_line});
    MonotonicNs deadline =
        result.spawned + std::chrono::duration_cast<std::chrono::nanoseconds>(request.timeout).count();
    if (supervise(pid, streams, deadline, result) == Ending::interrupted)
        return tl::unexpected(interrupted_error());
    return result;
}

std::string describe_exit(const ProcessResult& result, std::chrono::milliseconds timeout) {
    if (result.timed_out)
        return fmt::format("timed out after {:g} s; its process group was killed",
                           static_cast<double>(timeout.count()) / 1000.0);
    if (result.signal != 0)
        return fmt::format("was killed by signal {} ({})", result.signal, ::strsignal(result.signal));
    return fmt::format("exited with code {}", result.exit_code);
}

}  // namespace lmms::base
