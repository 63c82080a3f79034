#include "base/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

}  // namespace

Expected<void> write_file_atomic(const fs::path& path, std::string_view content) {
    // Once asked to stop, LMMS leaves every file as it was.
    if (int signal = stop_signal(); signal != 0)
        return tl::unexpected(
            Error{std::string("interrupted by ") + stop_signal_name(signal) + "; the file was left as it was",
                  path.string(),
                  {},
                  ErrorKind::interrupted});
    fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    std::string temporary_name = ".";  // appended piecewise: GCC 12 misreports `"." + string` (-Wrestrict)
    temporary_name.append(path.filename().string()).append(".tmp-XXXXXX");
    std::string pattern = (dir / temporary_name).string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        return make_error(errno_message("cannot write file"), path.string());
    auto cleanup = [&] { ::unlink(pattern.c_str()); };
    auto written = write_all(fd, content, path);
    if (written && ::fsync(fd) != 0)
        written = make_error(errno_message("cannot write file"), path.string());
    if (::close(fd) != 0 && written)
        written = make_error(errno_message("cannot write file"), path.string());
    // mkstemp creates 0600; give the file the usual mode for a new file.
    mode_t mask = ::umask(0);
    ::umask(mask);
    if (written && ::chmod(pattern.c_str(), 0666 & ~mask) != 0)
        written = make_error(errno_message("cannot write file"), path.string());
    if (written && ::rename(pattern.c_str(), path.c_str()) != 0)
        written = make_error(errno_message("cannot write file"), path.string());
    if (!written)
        cleanup();
    return written;
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
