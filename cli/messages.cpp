// The language of messages, chosen once at start, and GNU gettext set up for it. A fresh Debian
// has no ja_JP.UTF-8 locale, so the system's locale cannot be trusted to exist: the language is
// chosen here (core/language.hpp) and handed to gettext through LANGUAGE under C.UTF-8's
// LC_MESSAGES (always present; gettext ignores LANGUAGE under the plain C locale). Only
// LC_MESSAGES changes: numbers and character classes stay those of the C locale.
#include "cli/messages.hpp"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "core/case_store.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/language.hpp"
#include "core/locale_text.hpp"

#ifndef CASECTL_LOCALEDIR
#define CASECTL_LOCALEDIR "/usr/share/locale"
#endif

namespace casectl::cli {

namespace {

std::string chosen = "en";

// The value of -C in argv (as "-C DIR" or "-CDIR"), if any, before a "--".
std::optional<std::string> dash_c(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) break;
    if (std::strcmp(argv[i], "-C") == 0 && i + 1 < argc) return std::string(argv[i + 1]);
    if (std::strncmp(argv[i], "-C", 2) == 0 && argv[i][2]) return std::string(argv[i] + 2);
  }
  return std::nullopt;
}

// The --locale of an `init` command line ("--locale ja" or "--locale=ja" after the word init):
// the language of the directory it is about to make.
std::optional<std::string> init_locale(int argc, char** argv) {
  bool init = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) break;
    if (std::strcmp(argv[i], "init") == 0) init = true;
    if (!init) continue;
    if (std::strcmp(argv[i], "--locale") == 0 && i + 1 < argc) return std::string(argv[i + 1]);
    if (std::strncmp(argv[i], "--locale=", 9) == 0) return std::string(argv[i] + 9);
  }
  return std::nullopt;
}

// True when argv asks for a format made for programs (--format json, csv or yaml, before a
// "--"): their text does not change with the language (SPEC section 5), so the messages in them
// (validate's and doctor's, for instance) are the English ones.
bool machine_format(int argc, char** argv) {
  auto machine = [](const char* f) { return !std::strcmp(f, "json") || !std::strcmp(f, "csv") || !std::strcmp(f, "yaml"); };
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) break;
    if (std::strcmp(argv[i], "--format") == 0 && i + 1 < argc && machine(argv[i + 1])) return true;
    if (std::strncmp(argv[i], "--format=", 9) == 0 && machine(argv[i] + 9)) return true;
  }
  return false;
}

// The `locale` of the case directory the command will use (for init, the one it will make);
// "en" when there is none or it cannot be read (the command itself then says why).
std::string directory_language(int argc, char** argv) {
  if (std::optional<std::string> made = init_locale(argc, argv)) return is_ja(*made) ? "ja" : "en";
  try {
    return is_ja(load_config(find_root(dash_c(argc, argv))).locale) ? "ja" : "en";
  } catch (...) {
    return "en";
  }
}

// Where the catalogs are: `locale/` next to the binary (a build tree), else the installed ones.
std::string locale_dir() {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    std::string dir(exe, static_cast<std::size_t>(n));
    dir = dir.substr(0, dir.rfind('/')) + "/locale";
    if (access((dir + "/ja/LC_MESSAGES/casectl.mo").c_str(), R_OK) == 0) return dir;
  }
  return CASECTL_LOCALEDIR;
}

}  // namespace

void init_messages(int argc, char** argv) {
  std::optional<std::string> lang = language_of_environment([](const char* name) { return std::getenv(name); });
  chosen = machine_format(argc, argv) ? "en" : lang ? *lang : directory_language(argc, argv);
  setenv("LANGUAGE", chosen.c_str(), 1);
  if (!std::setlocale(LC_MESSAGES, "C.UTF-8")) std::setlocale(LC_MESSAGES, "");
  bindtextdomain(kTextDomain, locale_dir().c_str());
  bind_textdomain_codeset(kTextDomain, "UTF-8");
}

const std::string& ui_language() { return chosen; }

}  // namespace casectl::cli
