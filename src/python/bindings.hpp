#pragma once
/// Which binding a name reads (pure): the scope whose binding of the name a
/// load in a given scope sees, as CPython's compiler resolves it (local,
/// `global`, `nonlocal`, enclosing functions, class bodies invisible to the
/// functions inside them, then the module).

#include <cstdint>
#include <string_view>

#include "python/facts.hpp"

namespace lmms::python {

inline constexpr int32_t k_unbound = -1;  ///< a global no scope of the file binds, or a builtin

/// The index in facts.scopes of the scope whose binding of `name` a load in
/// `scope` reads, or k_unbound.
int32_t binding_scope(const FileFacts& facts, uint32_t scope, std::string_view name);

}  // namespace lmms::python
