#include "policy/partner_moves.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace lmms::policy {

void attach_partner_moves(Rows& rows) {
    for (const Decision& decision : rows.decisions) {
        if (decision.partners.empty())
            continue;
        std::vector<std::string> with;
        RemedyFix fix = RemedyFix::safe;
        bool all_given = true;
        for (size_t p : decision.partners) {
            bool given = false;
            for (size_t r : rows.decisions[p].rows) {
                const PlanItem& partner = rows.drafts[r].item;
                if (!partner.remedy || partner.remedy->fix == RemedyFix::manual)
                    continue;
                given = true;
                with.push_back(fmt::format("{}:{}", partner.file, partner.line));
                fix = std::max(fix, partner.remedy->fix);
            }
            all_given = all_given && given;
        }
        if (!all_given)
            continue;  // a partner's remedy is not one lmms fix applies: nothing to move with
        std::sort(with.begin(), with.end());
        with.erase(std::unique(with.begin(), with.end()), with.end());
        for (size_t r : decision.rows) {
            Draft& draft = rows.drafts[r];
            PlanItem& item = draft.item;
            if (!draft.module_level || item.action != Action::keep || item.remedy)
                continue;
            Remedy remedy;
            remedy.kind = RemedyKind::move_with_remedies;
            remedy.fix = fix;
            remedy.saving_ms = decision.partner_saving_ms;
            remedy.with = with;
            std::string into = item.functions.empty()
                                   ? std::string("`if TYPE_CHECKING:`")
                                   : fmt::format("{}()", fmt::join(item.functions, "(), "));
            remedy.edit = fmt::format(
                "alone it saves nothing, other imports keep its modules; it moves into {} with the "
                "remedies of {}",
                into, fmt::join(with, ", "));
            item.why.remedy = remedy.edit;
            item.why.remedy_saving_ms = remedy.saving_ms;
            item.remedy = std::move(remedy);
            item.reason = render_reason(item.why);
        }
    }
}

}  // namespace lmms::policy
