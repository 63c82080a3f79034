// From a plan row's remedy to the fix of its kind, marked as the plan says:
// safe (applied by default), unsafe (only with --unsafe-fixes) or manual
// (listed with its edit, never applied).

#include "fix/remedy_fix.hpp"

#include <fmt/format.h>

#include "fix/site_text.hpp"

namespace lmms::fix {

namespace {

using policy::RemedyKind;

/// What may change when the remedy is applied: why the plan calls it unsafe.
const char* unsafe_reason(RemedyKind kind) {
    switch (kind) {
        case RemedyKind::move_configuring_call:
            return "the configuring call runs when a function first needs it, not while the module is "
                   "imported";
        case RemedyKind::find_spec_flag:
        case RemedyKind::find_spec_probe:
            return "find_spec tells whether the package is installed, not whether importing it succeeds";
        case RemedyKind::module_getattr:
            return "the re-exported module is imported on first access, not with the package";
        case RemedyKind::cached_factory:
            return "the object is built on first use, not while the module is imported";
        case RemedyKind::own_module_for_class:
        case RemedyKind::lazy_in_handlers:
        case RemedyKind::move_with_remedies:  // a lazy move: the lazy intents carry it
            break;
    }
    return "the plan marks it unsafe";
}

SiteFix fix_of_kind(const FileView& file, const RemedyRequest& request) {
    switch (request.remedy.kind) {
        case RemedyKind::move_configuring_call:
            return move_configuring_call(file, request);
        case RemedyKind::find_spec_flag:
            return find_spec_flag(file, request);
        case RemedyKind::find_spec_probe:
            return find_spec_probe(file, request);
        case RemedyKind::module_getattr:
            return module_getattr(file, request);
        case RemedyKind::cached_factory:
            return cached_factory(file, request);
        case RemedyKind::own_module_for_class:
        case RemedyKind::lazy_in_handlers:
        case RemedyKind::move_with_remedies:  // a lazy move: the lazy intents carry it
            break;
    }
    SiteFix fix = site_fix_for(file, file.facts->imports[request.site]);
    return fix;
}

}  // namespace

bool mechanical(RemedyKind kind) {
    return kind != RemedyKind::own_module_for_class && kind != RemedyKind::lazy_in_handlers;
}

std::vector<SiteFix> remedy_fixes(const FileView& file, const std::vector<RemedyRequest>& requests) {
    std::vector<SiteFix> fixes;
    for (const RemedyRequest& request : requests) {
        const policy::Remedy& remedy = request.remedy;
        bool by_hand = !mechanical(remedy.kind) || remedy.fix == policy::RemedyFix::manual;
        SiteFix fix = by_hand ? refuse(site_fix_for(file, file.facts->imports[request.site]),
                                       "to do by hand: " + remedy.edit)
                              : fix_of_kind(file, request);
        fix.remedy = policy::remedy_kind_name(remedy.kind);
        fix.remedy_edit = remedy.edit;
        fix.saving_ms = remedy.saving_ms;
        fix.manual = by_hand;
        if (!by_hand && remedy.fix == policy::RemedyFix::unsafe) {
            fix.applicability = Applicability::unsafe;
            fix.unsafe_reason = unsafe_reason(remedy.kind);
        }
        fixes.push_back(std::move(fix));
    }
    return fixes;
}

}  // namespace lmms::fix
