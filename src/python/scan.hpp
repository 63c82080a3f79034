#pragma once
/// Scans many files on all cores. Results keep the input order.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "python/facts.hpp"
#include "python/scanner.hpp"

namespace lmms::python {

struct ScannedFile {
    std::string path;  ///< as given: project-relative
    FileFacts facts;
    std::string read_error;  ///< set when the file could not be read
};

struct ScanSummary {
    size_t files = 0;
    size_t lines = 0;
    size_t bytes = 0;
    size_t import_sites = 0;
    size_t module_level_imports = 0;
    size_t files_with_errors = 0;
    std::chrono::microseconds elapsed{0};
};

struct ScanResult {
    std::vector<ScannedFile> files;
    ScanSummary summary;
};

struct ScanOptions {
    unsigned threads = 0;  ///< 0: one per core
    References references = References::keep;
    const AnnotationConsumers* annotation_consumers = nullptr;  ///< null: the built-in table
};

ScanResult scan_files(const std::filesystem::path& project_dir, const std::vector<std::string>& paths,
                      const ScanOptions& options = {});

}  // namespace lmms::python
