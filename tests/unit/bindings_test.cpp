// Name resolution over the scanner's scopes, as CPython's compiler does it.

#include <gtest/gtest.h>

#include "python/bindings.hpp"

namespace lmms::python {

namespace {

uint32_t scope_of(const FileFacts& facts, std::string_view qualname) {
    for (uint32_t i = 0; i < facts.scopes.size(); ++i)
        if (facts.scopes[i].qualname == qualname)
            return i;
    ADD_FAILURE() << "no scope " << qualname;
    return 0;
}

/// The qualname of the scope a load of `name` in `qualname` reads, "<module>", or "-".
std::string resolved(const FileFacts& facts, std::string_view qualname, std::string_view name) {
    int32_t at = binding_scope(facts, scope_of(facts, qualname), name);
    return at == k_unbound ? "-" : at == 0 ? "<module>" : facts.scopes[at].qualname;
}

}  // namespace

TEST(Bindings, ModuleImportSeenFromFunctionsUnlessShadowed) {
    FileFacts facts = scan_source(
        "import pandas as pd\n"
        "def uses():\n    return pd.DataFrame()\n"
        "def shadowed(pd):\n    return pd.DataFrame()\n"
        "def assigned():\n    pd = None\n    return pd\n"
        "def declared():\n    global pd\n    pd = 1\n");
    EXPECT_EQ(resolved(facts, "uses", "pd"), "<module>");
    EXPECT_EQ(resolved(facts, "shadowed", "pd"), "shadowed");
    EXPECT_EQ(resolved(facts, "assigned", "pd"), "assigned");
    EXPECT_EQ(resolved(facts, "declared", "pd"), "<module>");
    EXPECT_EQ(resolved(facts, "", "print"), "-");
}

TEST(Bindings, EnclosingFunctionsButNotClassBodies) {
    FileFacts facts = scan_source(
        "def outer():\n"
        "    import json\n"
        "    def inner():\n        return json.dumps(1)\n"
        "    def rebinding():\n        nonlocal json\n        json = None\n"
        "    return inner\n"
        "class C:\n"
        "    import yaml\n"
        "    loader = yaml.safe_load\n"
        "    def method(self):\n        return yaml\n"
        "    items = [yaml for _ in range(3)]\n");
    EXPECT_EQ(resolved(facts, "outer.<locals>.inner", "json"), "outer");
    EXPECT_EQ(resolved(facts, "outer.<locals>.rebinding", "json"), "outer");
    EXPECT_EQ(resolved(facts, "C", "yaml"), "C");
    EXPECT_EQ(resolved(facts, "C.method", "yaml"), "-");  // a NameError at run time
    EXPECT_EQ(resolved(facts, "C.<listcomp>", "yaml"), "-");
}

}  // namespace lmms::python
