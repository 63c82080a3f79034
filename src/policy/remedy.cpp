#include "policy/remedy.hpp"

namespace lmms::policy {

const char* remedy_kind_name(RemedyKind kind) {
    switch (kind) {
        case RemedyKind::move_configuring_call:
            return "move_configuring_call";
        case RemedyKind::find_spec_flag:
            return "find_spec_flag";
        case RemedyKind::find_spec_probe:
            return "find_spec_probe";
        case RemedyKind::module_getattr:
            return "module_getattr";
        case RemedyKind::cached_factory:
            return "cached_factory";
        case RemedyKind::own_module_for_class:
            return "own_module_for_class";
        case RemedyKind::lazy_in_handlers:
            return "lazy_in_handlers";
        case RemedyKind::move_with_remedies:
            return "move_with_remedies";
    }
    return "move_configuring_call";
}

const char* remedy_fix_name(RemedyFix fix) {
    switch (fix) {
        case RemedyFix::safe:
            return "safe";
        case RemedyFix::unsafe:
            return "unsafe";
        case RemedyFix::manual:
            return "manual";
    }
    return "manual";
}

}  // namespace lmms::policy
