#include "cli/plan_setup.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/files.hpp"
#include "base/fingerprint.hpp"
#include "base/process.hpp"
#include "cli/entry.hpp"
#include "cli/project_setup.hpp"
#include "fix/snapshot.hpp"
#include "model/profile_json.hpp"
#include "model/usage_json.hpp"
#include "python/project_files.hpp"
#include "python/scanner.hpp"
#include "scaffold/project_init.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

/// `flag` relative to the working directory, else `fallback` in the project.
fs::path capture_path(const std::string& flag, const fs::path& project, const char* fallback) {
    return flag.empty() ? project / ".lmms" / fallback : fs::absolute(flag);
}

std::string display(const fs::path& path, const fs::path& project) {
    return base::relative_to(path, project);
}

std::string usage_command(const config::Config& config) {
    if (config.events || config.commands)
        return "lmms usage";
    return "lmms usage --events EVENTS.jsonl (or --commands FILE)";
}

}  // namespace

std::string entry_file(const std::string& entry_module, const std::vector<std::string>& files,
                       const std::vector<std::string>& roots) {
    for (const std::string& file : files)
        if (python::module_for_path(file, roots) == entry_module)
            return file;
    return {};
}

std::string fast_path_file(const std::string& flag, const config::Config& config,
                           const std::string& entry_file) {
    if (!flag.empty())
        return flag;
    if (config.fast_path)
        return *config.fast_path;
    return entry_file.empty() ? "fast_path.py" : scaffold::fast_path_beside(entry_file);
}

namespace {

/// The files lmms fix wrote since the profile, scanned as the profile measured them.
Expected<void> scan_as_profiled(const fs::path& project, const model::Profile& profile,
                                const python::AnnotationConsumers& consumers, python::ScanResult& scanned) {
    if (!profile.has_sources)
        return {};
    fix::Snapshot snapshot = LMMS_TRY(fix::read_snapshot(project));
    for (python::ScannedFile& file : scanned.files) {
        const model::SnapshotFile* written = snapshot.find(file.path);
        const model::SourceFingerprint* measured = profile.source(file.path);
        if (written == nullptr || !written->before || measured == nullptr)
            continue;
        auto now = base::read_file(project / file.path);
        std::string now_fingerprint = now ? base::fingerprint(*now) : "";
        if (!now || now_fingerprint != written->after || now_fingerprint == measured->fingerprint)
            continue;
        auto before = base::read_file(project / fix::k_snapshot_dir / "before" / *written->before);
        if (before && base::fingerprint(*before) == measured->fingerprint)
            file.facts = python::scan_source(*before, consumers);
    }
    return {};
}

}  // namespace

Expected<PlanContext> make_plan_context(const PlanFlags& flags) {
    ProjectSetup setup = LMMS_TRY(setup_project(flags.project, "", false));
    PlanContext context;
    context.project = setup.project;

    fs::path profile_path = capture_path(flags.profile, setup.project, "profile.json");
    std::error_code ec;
    if (!fs::exists(profile_path, ec))
        return make_error("no profile: run `lmms profile` first (the plan reads what it measured)",
                          display(profile_path, setup.project));
    std::string profile_text = LMMS_TRY(base::read_file(profile_path));
    context.profile = std::make_unique<model::Profile>(
        LMMS_TRY(model::profile_from_json(profile_text, display(profile_path, setup.project))));

    fs::path usage_path = capture_path(flags.usage, setup.project, "usage.json");
    if (fs::exists(usage_path, ec)) {
        std::string usage_text = LMMS_TRY(base::read_file(usage_path));
        context.usage = std::make_unique<model::Usage>(
            LMMS_TRY(model::usage_from_json(usage_text, display(usage_path, setup.project))));
        if (size_t failed = model::failed_invocations(*context.usage); failed > 0 && !flags.allow_failures)
            return make_error(
                fmt::format("{} of {} invocations of the workload failed: usage measured on a failing "
                            "workload misleads the plan",
                            failed, context.usage->invocations.size()),
                display(usage_path, setup.project),
                "fix the workload and run `lmms usage` again (it lists the failures),\n"
                "or pass --allow-failures to plan with it as it is");
    } else if (!flags.usage.empty()) {
        return make_error("usage file not found", flags.usage);
    }

    base::PosixProcessRunner runner;
    std::vector<std::string> files = LMMS_TRY(python::project_files(setup.project, setup.src_roots, runner, setup.file_scope()));
    python::AnnotationConsumers consumers(setup.config.annotation_consumers);
    python::ScanOptions scan_options;
    scan_options.annotation_consumers = &consumers;
    context.scanned =
        std::make_unique<python::ScanResult>(python::scan_files(setup.project, files, scan_options));

    if (flags.as_profiled)
        LMMS_TRY_VOID(scan_as_profiled(setup.project, *context.profile, consumers, *context.scanned));
    std::vector<std::string> roots = setup.relative_roots();
    context.roots = roots;
    context.config = setup.config;
    Entry entry = LMMS_TRY(parse_entry(context.profile->settings.entry));

    policy::PlanInputs inputs;
    inputs.profile = context.profile.get();
    inputs.usage = context.usage.get();
    for (const python::ScannedFile& file : context.scanned->files)
        if (file.read_error.empty())
            inputs.files.push_back({file.path, python::module_for_path(file.path, roots), &file.facts});
    inputs.entry_module = entry.module;
    inputs.fast_path_file =
        fast_path_file(flags.fast_path, setup.config, entry_file(entry.module, files, roots));
    inputs.fast_path_module = python::module_for_path(inputs.fast_path_file, roots);
    inputs.thresholds = setup.config.thresholds;
    context.fast_path_tolerance = setup.config.fast_path_tolerance;
    inputs.traffic = setup.config.traffic;
    if (!inputs.traffic.configured && context.usage && context.usage->workload == "commands") {
        inputs.traffic.cold_start_rate = 1.0;
        inputs.traffic.every_invocation_cold = true;
    }
    inputs.usage_command = usage_command(setup.config);
    context.plan = policy::make_plan(inputs);
    if (context.usage && context.usage->partial)
        context.plan.notes.push_back("the usage data is partial: " + context.usage->partial_reason);
    return context;
}

}  // namespace lmms::cli
