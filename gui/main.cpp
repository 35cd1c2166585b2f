#include "gui/cli/cli_support.hpp"

int main(int argc, char** argv) {
    return samenkaart::cli::runCommandLine(argc, argv, nullptr);
}
