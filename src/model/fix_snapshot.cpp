#include "model/fix_snapshot.hpp"

#include <fmt/format.h>

#include "base/strings.hpp"
#include "model/json_errors.hpp"

namespace lmms::model {

namespace {

using Json = nlohmann::ordered_json;

/// Project-relative and inside the project: a snapshot must not make verify
/// write outside the tree it builds.
bool is_inside_path(const std::string& path) {
    if (path.empty() || path.front() == '/')
        return false;
    for (std::string_view part : base::split(path, "/"))
        if (part == ".." || part.empty())
            return false;
    return true;
}

std::string checked_path(const JsonField& field) {
    std::string path = field.get<std::string>();
    if (!is_inside_path(path))
        throw JsonFieldError(
            fmt::format("{}: expected a project-relative path without `..`, got `{}`", field.path(), path));
    return path;
}

}  // namespace

const SnapshotFile* FixSnapshot::find(const std::string& file) const {
    for (const SnapshotFile& entry : files)
        if (entry.file == file)
            return &entry;
    return nullptr;
}

Expected<FixSnapshot> fix_snapshot_from_json(std::string_view text, const std::string& file_name) {
    Json document = LMMS_TRY(parse_capture_json(text, file_name));
    try {
        JsonField json(document, "");
        int version = json["schema_version"].get<int>();
        if (version != k_fix_snapshot_schema_version)
            return make_error(fmt::format("unsupported snapshot schema_version {} (this lmms reads {})",
                                          version, k_fix_snapshot_schema_version),
                              file_name);
        FixSnapshot snapshot;
        snapshot.created = json["created"].get<std::string>();
        for (const JsonField& row : json["files"].items()) {
            SnapshotFile file;
            file.file = checked_path(row["file"]);
            if (row.has("before") && !row["before"].is_null())
                file.before = checked_path(row["before"]);
            if (row.has("after"))
                file.after = row["after"].get<std::string>();
            snapshot.files.push_back(std::move(file));
        }
        return snapshot;
    } catch (const JsonFieldError& error) {
        return make_error(error.what(), file_name);
    }
}

std::string fix_snapshot_to_json(const FixSnapshot& snapshot) {
    Json json;
    json["schema_version"] = k_fix_snapshot_schema_version;
    json["created"] = snapshot.created;
    json["files"] = Json::array();
    for (const SnapshotFile& file : snapshot.files) {
        Json row;
        row["file"] = file.file;
        row["before"] = file.before ? Json(*file.before) : Json(nullptr);
        row["after"] = file.after;
        json["files"].push_back(std::move(row));
    }
    return json.dump(2) + "\n";
}

}  // namespace lmms::model
