// The language casectl speaks to people (SPEC section 5): messages, table headings and value
// labels are English or Japanese, as LANGUAGE, LC_ALL, LC_MESSAGES or LANG names one (the first
// of them, in that order, that names a language), else as the case directory's `locale` says.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace casectl {

// The language one of those variables names: "ja" for Japanese ("ja", "ja_JP.UTF-8", and for
// LANGUAGE the first of a list such as "ja:en"), "en" for any other language (only English and
// Japanese exist), nullopt when the value names none ("", "C", "POSIX", "C.UTF-8").
std::optional<std::string> language_named(std::string_view value);

// The language the environment names (get reads a variable, nullptr when unset), nullopt when
// none of the four does.
std::optional<std::string> language_of_environment(const std::function<const char*(const char*)>& get);

}  // namespace casectl
