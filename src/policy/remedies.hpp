#pragma once
/// The remedy table (pure, TRAPS.md B): which edit unblocks a module-level
/// import that cannot move because its names are used while its module is
/// imported, chosen from the kinds of those uses, with the lines that block
/// it and what it would save.

#include <optional>
#include <vector>

#include "model/usage.hpp"
#include "policy/plan_rows.hpp"
#include "policy/remedy.hpp"

namespace lmms::policy {

/// The remedy of one import-time use's kind, and how `lmms fix` treats it:
/// configuring_call -> move_configuring_call (unsafe), feature_flag ->
/// find_spec_flag (unsafe), module_object -> cached_factory (unsafe), a class's
/// base, body, decorator, default argument or annotation -> own_module_for_class
/// (manual), registration -> lazy_in_handlers (manual); none for the others.
std::optional<RemedyKind> remedy_of(model::ImportTimeKind kind);

/// The import-time uses of the rows' usage rows that concern them (a split
/// row: its own name), by file, line and kind, each once.
std::vector<model::ImportTimeUse> import_time_uses_of(const std::vector<const Draft*>& rows);

/// The remedy for `blocked`, a module-level row that cannot move because of
/// `uses` (its decision's import-time uses); `saving_ms` is its pending cost.
/// None when no use has a kind the table knows.
std::optional<Remedy> choose_remedy(const Draft& blocked, const std::vector<model::ImportTimeUse>& uses,
                                    double saving_ms);

/// Gives every cannot-move row that is used at import time its remedy (a
/// configuring call: the first row of its library's decision only, the fix
/// moves the library's imports as one) and renders its reason again. A cached
/// factory lists the other modules' readers of the object it turns into a
/// function (`m.env`, `from m import env`, `__all__`): any refuses the fix.
void attach_remedies(Rows& rows, const ProjectReaders& readers);

/// How lmms fix would treat the remedy of a blocked decision (used at import
/// time, or read elsewhere and by no import-time reader on the cold path as it
/// is), before its saving is known; none when it has none, it is by hand, or
/// it is blocked both ways. The lazy-set solver assumes these applied.
std::optional<RemedyFix> mechanical_remedy_of(const Decision& decision, const Rows& rows,
                                              const ProjectReaders& readers,
                                              const OnColdPathAfter& on_cold_path);

}  // namespace lmms::policy
