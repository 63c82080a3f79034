#include "store/history.hpp"

#include <memory>

#include <fmt/format.h>
#include <sqlite3.h>

namespace lmms::store {

using model::ModuleCost;
using model::PackageCost;
using model::Recording;

namespace fs = std::filesystem;

namespace {

struct CloseDatabase {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStatement {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

constexpr const char* k_schema = R"sql(
CREATE TABLE recordings (
  id INTEGER PRIMARY KEY,
  recorded_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  git_commit TEXT,
  git_dirty INTEGER NOT NULL,
  entry TEXT NOT NULL,
  python TEXT NOT NULL,
  python_version TEXT NOT NULL,
  lmms_version TEXT NOT NULL,
  runs INTEGER NOT NULL,
  median_ms REAL NOT NULL,
  p95_ms REAL NOT NULL,
  min_ms REAL NOT NULL,
  max_ms REAL NOT NULL,
  imports_ms REAL NOT NULL,
  module_count INTEGER NOT NULL,
  change REAL,
  regression INTEGER
);
CREATE TABLE recording_modules (
  recording_id INTEGER NOT NULL REFERENCES recordings(id),
  module TEXT NOT NULL,
  self_ms REAL NOT NULL,
  cumulative_ms REAL NOT NULL,
  site TEXT,
  project INTEGER NOT NULL,
  PRIMARY KEY (recording_id, module)
);
CREATE TABLE recording_packages (
  recording_id INTEGER NOT NULL REFERENCES recordings(id),
  package TEXT NOT NULL,
  self_ms REAL NOT NULL,
  modules INTEGER NOT NULL,
  site TEXT,
  PRIMARY KEY (recording_id, package)
);
PRAGMA user_version = 1;
)sql";

/// What to do about a database error, after what SQLite said.
Error database_error(sqlite3* db, int code, const std::string& display, std::string_view doing) {
    std::string said = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    int primary = code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return Error{fmt::format("the history database is locked by another process ({})", said), display,
                     "try again when the other lmms is done", ErrorKind::input};
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        return Error{fmt::format("the history database is corrupt ({})", said), display,
                     "move it away and lmms starts a new one", ErrorKind::input};
    return Error{
        fmt::format("cannot {} the history database: {}", doing, said), display, {}, ErrorKind::input};
}

Expected<Database> open(const fs::path& path, int flags, const std::string& display, std::string_view doing) {
    sqlite3* raw = nullptr;
    int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database db{raw};
    if (code != SQLITE_OK)
        return tl::unexpected(database_error(db.get(), code, display, doing));
    sqlite3_extended_result_codes(db.get(), 1);
    return db;
}

Expected<void> execute(sqlite3* db, const char* sql, const std::string& display, std::string_view doing) {
    int code = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (code != SQLITE_OK)
        return tl::unexpected(database_error(db, code, display, doing));
    return {};
}

Expected<Statement> prepare(sqlite3* db, const char* sql, const std::string& display,
                            std::string_view doing) {
    sqlite3_stmt* raw = nullptr;
    int code = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    Statement statement{raw};
    if (code != SQLITE_OK)
        return tl::unexpected(database_error(db, code, display, doing));
    return statement;
}

/// PRAGMA user_version; fails on a file that is not a database.
Expected<int> schema_version(sqlite3* db, const std::string& display, std::string_view doing) {
    Statement statement = LMMS_TRY(prepare(db, "PRAGMA user_version", display, doing));
    int code = sqlite3_step(statement.get());
    if (code != SQLITE_ROW)
        return tl::unexpected(database_error(db, code, display, doing));
    return sqlite3_column_int(statement.get(), 0);
}

Expected<void> check_version(int version, const std::string& display) {
    if (version > k_history_schema_version)
        return make_error(fmt::format("the history database has schema {}, newer than this lmms reads ({})",
                                      version, k_history_schema_version),
                          display);
    return {};
}

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void bind_optional_text(sqlite3_stmt* statement, int index, const std::string& text) {
    if (text.empty())
        sqlite3_bind_null(statement, index);
    else
        bind_text(statement, index, text);
}

std::string column_text(sqlite3_stmt* statement, int index) {
    const unsigned char* text = sqlite3_column_text(statement, index);
    return text == nullptr ? std::string{} : std::string(reinterpret_cast<const char*>(text));
}

/// Inserts one row of `sql` per item, parameter 1 the recording's id, the others bound by `bind`.
template <class Item, class Bind>
Expected<void> insert_children(sqlite3* db, const char* sql, int64_t id, const std::vector<Item>& items,
                               const std::string& display, Bind bind) {
    Statement row = LMMS_TRY(prepare(db, sql, display, "write to"));
    for (const Item& item : items) {
        sqlite3_reset(row.get());
        sqlite3_bind_int64(row.get(), 1, id);
        bind(row.get(), item);
        if (int code = sqlite3_step(row.get()); code != SQLITE_DONE)
            return tl::unexpected(database_error(db, code, display, "write to"));
    }
    return {};
}

Expected<void> insert(sqlite3* db, const Recording& r, const std::string& display) {
    constexpr std::string_view doing = "write to";
    Statement row =
        LMMS_TRY(prepare(db,
                         "INSERT INTO recordings (recorded_at, kind, git_commit, git_dirty, entry, "
                         "python, python_version, lmms_version, runs, median_ms, p95_ms, min_ms, "
                         "max_ms, imports_ms, module_count, change, regression) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         display, doing));
    sqlite3_stmt* s = row.get();
    bind_text(s, 1, r.recorded_at);
    bind_text(s, 2, r.kind);
    bind_optional_text(s, 3, r.git_commit);
    sqlite3_bind_int(s, 4, r.git_dirty ? 1 : 0);
    bind_text(s, 5, r.entry);
    bind_text(s, 6, r.python);
    bind_text(s, 7, r.python_version);
    bind_text(s, 8, r.lmms_version);
    sqlite3_bind_int64(s, 9, r.runs);
    sqlite3_bind_double(s, 10, r.median_ms);
    sqlite3_bind_double(s, 11, r.p95_ms);
    sqlite3_bind_double(s, 12, r.min_ms);
    sqlite3_bind_double(s, 13, r.max_ms);
    sqlite3_bind_double(s, 14, r.imports_ms);
    sqlite3_bind_int64(s, 15, r.module_count);
    if (r.change)
        sqlite3_bind_double(s, 16, *r.change);
    else
        sqlite3_bind_null(s, 16);
    if (r.regression)
        sqlite3_bind_int(s, 17, *r.regression ? 1 : 0);
    else
        sqlite3_bind_null(s, 17);
    if (int code = sqlite3_step(s); code != SQLITE_DONE)
        return tl::unexpected(database_error(db, code, display, doing));
    int64_t id = sqlite3_last_insert_rowid(db);

    LMMS_TRY_VOID(
        insert_children(db,
                        "INSERT INTO recording_modules (recording_id, module, self_ms, cumulative_ms, "
                        "site, project) VALUES (?, ?, ?, ?, ?, ?)",
                        id, r.modules, display, [](sqlite3_stmt* s, const ModuleCost& m) {
                            bind_text(s, 2, m.module);
                            sqlite3_bind_double(s, 3, m.self_ms);
                            sqlite3_bind_double(s, 4, m.cumulative_ms);
                            bind_optional_text(s, 5, m.site);
                            sqlite3_bind_int(s, 6, m.project ? 1 : 0);
                        }));
    return insert_children(db,
                           "INSERT INTO recording_packages (recording_id, package, self_ms, modules, site) "
                           "VALUES (?, ?, ?, ?, ?)",
                           id, r.packages, display, [](sqlite3_stmt* s, const PackageCost& p) {
                               bind_text(s, 2, p.package);
                               sqlite3_bind_double(s, 3, p.self_ms);
                               sqlite3_bind_int64(s, 4, p.modules);
                               bind_optional_text(s, 5, p.site);
                           });
}

/// Calls `add(recording, statement)` for each row of `sql` (whose first column
/// is the recording id, ordered by it) that belongs to one of `recordings`.
template <class Add>
Expected<void> read_children(sqlite3* db, const char* sql, std::vector<Recording>& recordings,
                             const std::string& display, Add add) {
    Statement rows = LMMS_TRY(prepare(db, sql, display, "read"));
    size_t at = 0;
    int code = SQLITE_ROW;
    while ((code = sqlite3_step(rows.get())) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(rows.get(), 0);
        while (at < recordings.size() && recordings[at].id < id)
            ++at;
        if (at < recordings.size() && recordings[at].id == id)
            add(recordings[at], rows.get());
    }
    if (code != SQLITE_DONE)
        return tl::unexpected(database_error(db, code, display, "read"));
    return {};
}

}  // namespace

Expected<void> append_recording(const fs::path& database, const Recording& recording,
                                const std::string& display, std::chrono::milliseconds busy_timeout) {
    constexpr std::string_view doing = "write to";
    Database db = LMMS_TRY(open(database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, display, doing));
    sqlite3_busy_timeout(db.get(), static_cast<int>(busy_timeout.count()));
    // BEGIN IMMEDIATE takes the write lock first: a reader or a writer elsewhere
    // makes it wait (up to busy_timeout), never fail half-way.
    LMMS_TRY_VOID(execute(db.get(), "BEGIN IMMEDIATE", display, doing));
    auto written = [&]() -> Expected<void> {
        int version = LMMS_TRY(schema_version(db.get(), display, doing));
        LMMS_TRY_VOID(check_version(version, display));
        if (version == 0)
            LMMS_TRY_VOID(execute(db.get(), k_schema, display, doing));
        LMMS_TRY_VOID(insert(db.get(), recording, display));
        return execute(db.get(), "COMMIT", display, doing);
    }();
    if (!written)
        sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return written;
}

Expected<std::vector<Recording>> read_recordings(const fs::path& database, const std::string& display) {
    constexpr std::string_view doing = "read";
    std::error_code ec;
    if (!fs::exists(database, ec))
        return make_error("no history yet: lmms profile, baseline and compare each add a recording", display);
    // Read-write when allowed (never created): SQLite then rolls back what an
    // interrupted writer left in its journal; read-only otherwise.
    auto opened = open(database, SQLITE_OPEN_READWRITE, display, doing);
    if (!opened)
        opened = open(database, SQLITE_OPEN_READONLY, display, doing);
    if (!opened)
        return tl::unexpected(opened.error());
    Database db = std::move(*opened);
    sqlite3_busy_timeout(db.get(), 2000);
    int version = LMMS_TRY(schema_version(db.get(), display, doing));
    LMMS_TRY_VOID(check_version(version, display));
    if (version == 0)  // an empty file: the first write failed
        return make_error("no history yet: lmms profile, baseline and compare each add a recording", display);
    std::vector<Recording> recordings;
    Statement rows =
        LMMS_TRY(prepare(db.get(),
                         "SELECT id, recorded_at, kind, git_commit, git_dirty, entry, python, "
                         "python_version, lmms_version, runs, median_ms, p95_ms, min_ms, max_ms, "
                         "imports_ms, module_count, change, regression "
                         "FROM recordings ORDER BY id",
                         display, doing));
    int code = SQLITE_ROW;
    while ((code = sqlite3_step(rows.get())) == SQLITE_ROW) {
        sqlite3_stmt* s = rows.get();
        Recording r;
        r.id = sqlite3_column_int64(s, 0);
        r.recorded_at = column_text(s, 1);
        r.kind = column_text(s, 2);
        r.git_commit = column_text(s, 3);
        r.git_dirty = sqlite3_column_int(s, 4) != 0;
        r.entry = column_text(s, 5);
        r.python = column_text(s, 6);
        r.python_version = column_text(s, 7);
        r.lmms_version = column_text(s, 8);
        r.runs = sqlite3_column_int64(s, 9);
        r.median_ms = sqlite3_column_double(s, 10);
        r.p95_ms = sqlite3_column_double(s, 11);
        r.min_ms = sqlite3_column_double(s, 12);
        r.max_ms = sqlite3_column_double(s, 13);
        r.imports_ms = sqlite3_column_double(s, 14);
        r.module_count = sqlite3_column_int64(s, 15);
        if (sqlite3_column_type(s, 16) != SQLITE_NULL)
            r.change = sqlite3_column_double(s, 16);
        if (sqlite3_column_type(s, 17) != SQLITE_NULL)
            r.regression = sqlite3_column_int(s, 17) != 0;
        recordings.push_back(std::move(r));
    }
    if (code != SQLITE_DONE)
        return tl::unexpected(database_error(db.get(), code, display, doing));

    LMMS_TRY_VOID(read_children(
        db.get(),
        "SELECT recording_id, module, self_ms, cumulative_ms, site, project FROM recording_modules "
        "ORDER BY recording_id, self_ms DESC, module",
        recordings, display, [](Recording& r, sqlite3_stmt* s) {
            r.modules.push_back({column_text(s, 1), sqlite3_column_double(s, 2), sqlite3_column_double(s, 3),
                                 column_text(s, 4), sqlite3_column_int(s, 5) != 0});
        }));
    LMMS_TRY_VOID(
        read_children(db.get(),
                      "SELECT recording_id, package, self_ms, modules, site FROM recording_packages "
                      "ORDER BY recording_id, package",
                      recordings, display, [](Recording& r, sqlite3_stmt* s) {
                          r.packages.push_back({column_text(s, 1), sqlite3_column_double(s, 2),
                                                sqlite3_column_int64(s, 3), column_text(s, 4)});
                      }));
    return recordings;
}

}  // namespace lmms::store
