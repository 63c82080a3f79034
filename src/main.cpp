#include <unistd.h>

#include <exception>
#include <iostream>

#include "base/stop_signal.hpp"
#include "cli/cli.hpp"

int main(int argc, char** argv) {
    lmms::base::install_stop_handlers();
    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        return lmms::cli::run(args, std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1);
    } catch (const std::exception& error) {
        std::cerr << "error: internal error: " << error.what() << "\n";
        return lmms::cli::k_exit_internal;
    }
}
