#include "python/scan.hpp"

#include <atomic>
#include <thread>

#include "base/files.hpp"

namespace lmms::python {

ScanResult scan_files(const std::filesystem::path& project_dir, const std::vector<std::string>& paths,
                      const ScanOptions& options) {
    auto started = std::chrono::steady_clock::now();
    ScanResult result;
    result.files.resize(paths.size());
    std::atomic<size_t> next{0};
    std::atomic<size_t> bytes{0};
    auto work = [&] {
        Scanner scanner(options.references, options.annotation_consumers != nullptr
                                                ? *options.annotation_consumers
                                                : AnnotationConsumers::builtin());
        for (size_t i = next++; i < paths.size(); i = next++) {
            ScannedFile& file = result.files[i];
            file.path = paths[i];
            auto text = base::read_file(project_dir / paths[i]);
            if (!text) {
                file.read_error = text.error().message;
                continue;
            }
            bytes += text->size();
            file.facts = scanner.scan(std::move(*text));
        }
    };
    unsigned count =
        options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    count = static_cast<unsigned>(std::min<size_t>(count, std::max<size_t>(1, paths.size())));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < count; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread& thread : pool)
        thread.join();
    ScanSummary& summary = result.summary;
    summary.files = paths.size();
    summary.bytes = bytes;
    for (const ScannedFile& file : result.files) {
        summary.lines += file.facts.line_count;
        summary.import_sites += file.facts.imports.size();
        for (const ImportSite& site : file.facts.imports)
            summary.module_level_imports += site.scope == 0 ? 1 : 0;
        summary.files_with_errors += !file.facts.errors.empty() || !file.read_error.empty() ? 1 : 0;
    }
    summary.elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    return result;
}

}  // namespace lmms::python
