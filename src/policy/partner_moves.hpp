#pragma once
/// Rows that move only together with other rows' remedies (pure). A movable
/// import can save nothing alone because another import, blocked until its
/// remedy is applied, keeps its modules on the cold path (a package that
/// re-exports a module another file imports too). The lazy-set solver finds
/// them (Decision::partners); here they get the remedy that says so.

#include "policy/plan_rows.hpp"

namespace lmms::policy {

/// Gives each row that saves nothing alone but moves with other rows'
/// remedies (Decision::partners) its move_with_remedies remedy: function
/// style, applied by lmms fix only with all of them; as cautious as the
/// most cautious of them.
void attach_partner_moves(Rows& rows);

}  // namespace lmms::policy
