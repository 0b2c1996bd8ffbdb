// --help in the language chosen (cli/messages.hpp): CLI11's own words (Usage, the group
// headings, REQUIRED, Needs, Excludes) through tx(), and usage errors (CLI::ParseError) said in
// the case worker's words, naming the option or argument.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace casectl::cli {

// Sets the translated formatter and help flag on app; call before any command is added (each
// command takes them over from app when it is added).
void set_help_format(CLI::App& app);

// The message of a usage error e found while parsing app's command line, in the chosen language;
// e's own (English) text when it is of a kind not known here; "" when suggestions() says it all
// (a word that is no command).
std::string usage_error_message(const CLI::ParseError& e, const CLI::App& app);

}  // namespace casectl::cli
