#include "base/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "base/stop_signal.hpp"

namespace lmms::base {

namespace fs = std::filesystem;

Expected<std::string> read_file(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return make_error(errno_message("cannot read file"), path.string());
    // Straight into the string: sized from fstat, grown if the file grows.
    struct stat info {};
    size_t expected = ::fstat(fd, &info) == 0 && info.st_size > 0 ? static_cast<size_t>(info.st_size) : 0;
    std::string content(expected + 1, '\0');
    size_t used = 0;
    while (true) {
        if (used == content.size())
            content.resize(content.size() * 2);
        ssize_t got = ::read(fd, content.data() + used, content.size() - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            auto error = make_error(errno_message("cannot read file"), path.string());
            ::close(fd);
            return error;
        }
        if (got == 0)
            break;
        used += static_cast<size_t>(got);
    }
    content.resize(used);
    ::close(fd);
    return content;
}

namespace {

Expected<void> write_all(int fd, std::string_view content, const fs::path& shown) {
    while (!content.empty()) {
        ssize_t written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return make_error(errno_message("cannot write file"), shown.string());
        }
        content.remove_prefix(static_cast<size_t>(written));
    }
    return {};
}

mode_t new_file_mode() {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

/// Writes `content` to a fresh temporary beside `target`, fsynced, with `mode`;
/// returns its path. On error no temporary remains.
Expected<std::string> write_temporary(const fs::path& target, std::string_view content, mode_t mode) {
    fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string temporary_name = ".";  // appended piecewise: GCC 12 misreports `"." + string` (-Wrestrict)
    temporary_name.append(target.filename().string()).append(".tmp-XXXXXX");
    std::string pattern = (dir / temporary_name).string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        return make_error(errno_message("cannot write file"), target.string());
    auto written = write_all(fd, content, target);
    if (written && ::fsync(fd) != 0)
        written = make_error(errno_message("cannot write file"), target.string());
    // mkstemp creates 0600.
    if (written && ::fchmod(fd, mode) != 0)
        written = make_error(errno_message("cannot write file"), target.string());
    if (::close(fd) != 0 && written)
        written = make_error(errno_message("cannot write file"), target.string());
    if (!written) {
        ::unlink(pattern.c_str());
        return tl::unexpected(written.error());
    }
    return pattern;
}

tl::unexpected<Error> interrupted(int signal, std::string_view what, const fs::path& path) {
    return tl::unexpected(
        Error{std::string("interrupted by ") + stop_signal_name(signal) + "; " + std::string(what),
              path.string(),
              {},
              ErrorKind::interrupted});
}

}  // namespace

Expected<void> write_file_atomic(const fs::path& path, std::string_view content) {
    // Once asked to stop, LMMS leaves every file as it was.
    if (int signal = stop_signal(); signal != 0)
        return interrupted(signal, "the file was left as it was", path);
    auto temporary = LMMS_TRY(write_temporary(path, content, new_file_mode()));
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        auto error = make_error(errno_message("cannot write file"), path.string());
        ::unlink(temporary.c_str());
        return error;
    }
    return {};
}

namespace {

/// A file can be created in `dir`, an existing directory.
Expected<void> check_can_create_file(const fs::path& dir, const fs::path& shown) {
    std::string probe = (dir / ".lmms-write-test-XXXXXX").string();
    int fd = ::mkstemp(probe.data());
    if (fd < 0)
        return make_error(errno_message("directory is not writable"), shown.string());
    ::close(fd);
    ::unlink(probe.c_str());
    return {};
}

}  // namespace

Expected<void> ensure_writable_directory(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return make_error("cannot create directory: " + ec.message(), dir.string());
    if (!fs::is_directory(dir))
        return make_error("not a directory", dir.string());
    return check_can_create_file(dir, dir);
}

Expected<void> check_writable_directory(const fs::path& dir) {
    std::error_code ec;
    fs::path existing = fs::absolute(dir, ec).lexically_normal();
    while (!fs::exists(fs::symlink_status(existing, ec)) && existing.has_relative_path())
        existing = existing.parent_path();
    if (!fs::is_directory(existing, ec))
        return make_error(std::string("cannot create directory: ") + std::strerror(ENOTDIR), dir.string());
    return check_can_create_file(existing, dir);
}

namespace {

/// One target of a transaction and what is known of it as it proceeds.
struct Target {
    fs::path path;  ///< symlinks resolved
    const FileWrite* write = nullptr;
    std::optional<std::string> previous;  ///< the bytes before; nullopt: the file did not exist
    mode_t mode = 0;                      ///< for the new file: the previous mode, else the usual one
    std::string temporary;                ///< written and not yet renamed; empty when none
    bool applied = false;                 ///< renamed over the target, or the target unlinked
};

class Transaction {
public:
    explicit Transaction(const WriteStepHook& after_step) : m_after_step(after_step) {}

    Expected<void> run(const std::vector<FileWrite>& writes) {
        auto done = prepare(writes);
        if (done)
            done = write_temporaries();
        if (done)
            done = apply();
        if (!done) {
            roll_back(done.error());
            return done;
        }
        sync_directories();
        return {};
    }

private:
    Expected<void> prepare(const std::vector<FileWrite>& writes) {
        for (const FileWrite& write : writes) {
            Target target = LMMS_TRY(resolve(write));
            for (const Target& earlier : m_targets)
                if (earlier.path == target.path)
                    return make_error("file written twice in one transaction", write.path.string());
            m_targets.push_back(std::move(target));
        }
        for (const Target& target : m_targets)
            if (target.write->content && target.write->create_directories)
                LMMS_TRY_VOID(create_parents(target));
            else if (!target.write->content && target.previous)
                LMMS_TRY_VOID(check_can_create_file(target.path.parent_path(), target.write->path));
        return {};
    }

    static Expected<Target> resolve(const FileWrite& write) {
        std::error_code ec;
        Target target;
        target.path = fs::absolute(write.path, ec).lexically_normal();
        target.write = &write;
        target.mode = new_file_mode();
        if (ec)
            return make_error("cannot resolve path: " + ec.message(), write.path.string());
        if (fs::is_symlink(fs::symlink_status(target.path, ec))) {
            target.path = fs::canonical(target.path, ec);
            if (ec)
                return make_error("cannot follow symlink: " + ec.message(), write.path.string());
        }
        struct stat info {};
        if (::stat(target.path.c_str(), &info) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                return target;
            return make_error(errno_message("cannot read file"), write.path.string());
        }
        if (!S_ISREG(info.st_mode))
            return make_error("not a regular file", write.path.string());
        target.previous = LMMS_TRY(read_file(target.path));
        target.mode = info.st_mode & 07777;
        return target;
    }

    /// Creates the missing parents of `target`, remembering them to remove on error.
    Expected<void> create_parents(const Target& target) {
        std::vector<fs::path> missing;
        std::error_code ec;
        for (fs::path dir = target.path.parent_path(); !fs::exists(fs::symlink_status(dir, ec));
             dir = dir.parent_path())
            missing.push_back(dir);
        for (auto dir = missing.rbegin(); dir != missing.rend(); ++dir) {
            if (!fs::create_directory(*dir, ec) && ec)
                return make_error("cannot create directory: " + ec.message(), target.write->path.string());
            m_created_directories.push_back(*dir);
        }
        return {};
    }

    Expected<void> write_temporaries() {
        for (Target& target : m_targets) {
            if (!target.write->content)
                continue;
            LMMS_TRY_VOID(check_stop());
            target.temporary = LMMS_TRY(write_temporary(target.path, *target.write->content, target.mode));
            LMMS_TRY_VOID(step());
        }
        return {};
    }

    Expected<void> apply() {
        for (Target& target : m_targets) {
            LMMS_TRY_VOID(check_stop());
            if (target.write->content) {
                if (::rename(target.temporary.c_str(), target.path.c_str()) != 0)
                    return make_error(errno_message("cannot write file"), target.write->path.string());
                target.temporary.clear();
            } else if (target.previous && ::unlink(target.path.c_str()) != 0) {
                return make_error(errno_message("cannot delete file"), target.write->path.string());
            }
            target.applied = true;
            LMMS_TRY_VOID(step());
        }
        return {};
    }

    Expected<void> check_stop() const {
        if (int signal = stop_signal(); signal != 0)
            return interrupted(signal, "every file was left as it was",
                               m_targets.empty() ? fs::path() : m_targets.front().write->path);
        return {};
    }

    Expected<void> step() { return m_after_step ? m_after_step(++m_step) : Expected<void>{}; }

    /// Puts back every file already replaced, newest first, then removes what
    /// the transaction created. A file that cannot be restored is named in `error`.
    void roll_back(Error& error) {
        for (auto target = m_targets.rbegin(); target != m_targets.rend(); ++target) {
            if (target->applied)
                if (auto restored = restore(*target); !restored)
                    error.detail += (error.detail.empty() ? "" : "\n") + std::string("could not restore ") +
                                    target->write->path.string() + ": " + restored.error().message;
            if (!target->temporary.empty())
                ::unlink(target->temporary.c_str());
        }
        std::error_code ec;
        for (auto dir = m_created_directories.rbegin(); dir != m_created_directories.rend(); ++dir)
            fs::remove(*dir, ec);  // only when empty: a directory someone else filled stays
    }

    static Expected<void> restore(const Target& target) {
        if (!target.previous) {
            if (::unlink(target.path.c_str()) != 0 && errno != ENOENT)
                return make_error(errno_message("cannot delete file"), target.path.string());
            return {};
        }
        auto temporary = LMMS_TRY(write_temporary(target.path, *target.previous, target.mode));
        if (::rename(temporary.c_str(), target.path.c_str()) != 0) {
            auto error = make_error(errno_message("cannot write file"), target.path.string());
            ::unlink(temporary.c_str());
            return error;
        }
        return {};
    }

    /// The renames reach the disk too; a failure here changes nothing the caller can act on.
    void sync_directories() const {
        std::vector<fs::path> dirs;
        for (const Target& target : m_targets)
            if (std::find(dirs.begin(), dirs.end(), target.path.parent_path()) == dirs.end())
                dirs.push_back(target.path.parent_path());
        for (const fs::path& dir : dirs)
            if (int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
                ::fsync(fd);
                ::close(fd);
            }
    }

    const WriteStepHook& m_after_step;
    std::vector<Target> m_targets;
    std::vector<fs::path> m_created_directories;
    int m_step = 0;
};

/// LMMS_TEST_KILL_AT_WRITE_STEP=N: SIGKILL right after step N, for the crash-safety tests.
WriteStepHook kill_hook_from_environment() {
    const char* value = std::getenv("LMMS_TEST_KILL_AT_WRITE_STEP");
    if (value == nullptr || *value == '\0')
        return nullptr;
    int kill_at = std::atoi(value);
    return [kill_at](int step) -> Expected<void> {
        if (step == kill_at)
            ::raise(SIGKILL);
        return {};
    };
}

}  // namespace

Expected<void> write_files_transaction(const std::vector<FileWrite>& writes) {
    return write_files_transaction(writes, kill_hook_from_environment());
}

Expected<void> write_files_transaction(const std::vector<FileWrite>& writes,
                                       const WriteStepHook& after_step) {
    // Once asked to stop, LMMS leaves every file as it was.
    if (int signal = stop_signal(); signal != 0)
        return interrupted(signal, "every file was left as it was",
                           writes.empty() ? fs::path() : writes.front().path);
    return Transaction(after_step).run(writes);
}

std::string relative_to(const fs::path& path, const fs::path& root) {
    std::error_code ec;
    auto under = [](const fs::path& absolute, const fs::path& base) -> std::optional<std::string> {
        fs::path relative = absolute.lexically_relative(base);
        if (relative.empty() || *relative.begin() == "..")
            return std::nullopt;
        return relative.generic_string();
    };
    // As written first (a symlinked file keeps its own path), then with links resolved.
    if (auto plain =
            under(fs::absolute(path, ec).lexically_normal(), fs::absolute(root, ec).lexically_normal()))
        return *plain;
    if (auto resolved = under(fs::weakly_canonical(path, ec), fs::weakly_canonical(root, ec)))
        return *resolved;
    return path.generic_string();
}

}  // namespace lmms::base
