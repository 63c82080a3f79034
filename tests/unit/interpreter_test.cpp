#include "config/interpreter.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lmms::config {

namespace {

std::filesystem::path executable(const testing::TempDir& dir, const std::string& relative) {
    auto file = dir.write(relative, "#!/bin/sh\n");
    ::chmod(file.c_str(), 0755);
    return file;
}

}  // namespace

TEST(Interpreter, FlagWinsOverEverything) {
    testing::TempDir dir;
    auto flag = executable(dir, "flag/python");
    executable(dir, ".venv/bin/python");
    InterpreterQuery query{flag.string(), "python3", "pyproject.toml", {}, dir.path(), ""};
    auto found = find_interpreter(query);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->path, flag);
    EXPECT_EQ(found->source, "--python");
}

TEST(Interpreter, ConfiguredRelativePathIsRelativeToTheProject) {
    testing::TempDir dir;
    auto python = executable(dir, "tools/python");
    InterpreterQuery query{std::nullopt, "./tools/python", "pyproject.toml", {}, dir.path(), ""};
    auto found = find_interpreter(query);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->source, "config");
}

TEST(Interpreter, VirtualEnvThenDotVenvThenPath) {
    testing::TempDir dir;
    auto venv = executable(dir, "env/bin/python");
    auto local = executable(dir, "project/.venv/bin/python");
    auto on_path = executable(dir, "bin/python3");
    InterpreterQuery query{std::nullopt,
                           std::nullopt,
                           "",
                           (dir.path() / "env").string(),
                           dir.path() / "project",
                           (dir.path() / "bin").string()};
    EXPECT_EQ(find_interpreter(query)->source, "VIRTUAL_ENV");
    query.virtual_env.reset();
    EXPECT_EQ(find_interpreter(query)->path, local);
    query.project_dir = dir.path();
    EXPECT_EQ(find_interpreter(query)->path, on_path);
}

TEST(Interpreter, TheProjectsVenvComesBeforePath) {
    testing::TempDir dir;
    auto local = executable(dir, "project/venv/bin/python");
    executable(dir, "bin/python3");
    InterpreterQuery query{std::nullopt, std::nullopt,           "",
                           std::nullopt, dir.path() / "project", (dir.path() / "bin").string()};
    auto found = find_interpreter(query);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->path, local);
    EXPECT_EQ(describe_source(found->source), "the project's ./venv");
    EXPECT_EQ(describe_source("PATH"), "the first python3 on PATH");
}

TEST(Interpreter, AShimIsAWrapperScript) {
    testing::TempDir dir;
    EXPECT_TRUE(is_wrapper_script(executable(dir, "shims/python3")));
    EXPECT_FALSE(is_wrapper_script(dir.write("bin/python3",
                                             "\x7f"
                                             "ELF")));
}

TEST(Interpreter, MissingInterpreterNamesWhereItCameFrom) {
    testing::TempDir dir;
    InterpreterQuery query{std::nullopt, "/nonexistent/python", "pyproject.toml", {}, dir.path(), ""};
    auto found = find_interpreter(query);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().message,
              "Python interpreter not found: /nonexistent/python (from pyproject.toml)");
    query.configured.reset();
    EXPECT_FALSE(find_interpreter(query));
}

}  // namespace lmms::config
