// Choosing the language of messages at start and setting up GNU gettext for it.
#pragma once
#include <string>

namespace casectl::cli {

// Chooses the language (core/language.hpp: the environment, else the `locale` of the case
// directory that -C in argv, $CASECTL_DIR or the working folder leads to, else English; English
// for --format json, csv and yaml, whose output is the same in every language) and makes tx()
// answer in it. Call once, first thing. Never fails: without a catalog, English.
void init_messages(int argc, char** argv);

// "en" or "ja", as chosen by init_messages() ("en" before).
const std::string& ui_language();

}  // namespace casectl::cli
