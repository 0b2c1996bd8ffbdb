// Which language a locale variable names.
#include "core/language.hpp"

namespace casectl {

std::optional<std::string> language_named(std::string_view value) {
  value = value.substr(0, value.find(':'));  // LANGUAGE: the first of a list
  std::string_view lang = value.substr(0, value.find_first_of("_.@"));
  if (lang.empty() || lang == "C" || lang == "POSIX") return std::nullopt;
  return std::string(lang == "ja" ? "ja" : "en");
}

std::optional<std::string> language_of_environment(const std::function<const char*(const char*)>& get) {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = get(name))
      if (std::optional<std::string> lang = language_named(v)) return lang;
  return std::nullopt;
}

}  // namespace casectl
