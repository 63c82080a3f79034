// The attribute-chain oracle's driver (tests/oracle/chains_oracle.py): for
// each file named on the command line that scans without errors, one line
// per load that records attributes: path, line, `name.attributes`, and `g`
// when the last attribute is a getattr literal. Not part of lmms.

#include <fstream>
#include <iostream>
#include <sstream>

#include "python/scanner.hpp"

int main(int argc, char** argv) {
    lmms::python::Scanner scanner;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        lmms::python::FileFacts facts = scanner.scan(bytes.str());
        if (!facts.errors.empty())
            continue;
        for (const lmms::python::Reference& ref : facts.references)
            if (!ref.store && !ref.attributes.empty())
                std::cout << argv[i] << '\t' << ref.line << '\t' << ref.name << '.' << ref.attributes << '\t'
                          << (ref.getattr ? "g" : "") << '\n';
    }
}
