// core/language: which language the environment names (SPEC section 5).
#include <doctest/doctest.h>

#include <map>

#include "core/language.hpp"

using namespace casectl;

TEST_CASE("language_named: ja for Japanese, en for any other language, none for C and POSIX") {
  CHECK(language_named("ja") == "ja");
  CHECK(language_named("ja_JP.UTF-8") == "ja");
  CHECK(language_named("ja_JP") == "ja");
  CHECK(language_named("ja:en") == "ja");  // LANGUAGE's list: the first
  CHECK(language_named("en:ja") == "en");
  CHECK(language_named("en_US.UTF-8") == "en");
  CHECK(language_named("de_DE@euro") == "en");  // no German catalog
  CHECK_FALSE(language_named(""));
  CHECK_FALSE(language_named("C"));
  CHECK_FALSE(language_named("C.UTF-8"));
  CHECK_FALSE(language_named("POSIX"));
  CHECK_FALSE(language_named(":ja"));  // an empty first entry names none
}

TEST_CASE("language_of_environment: the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that names one") {
  std::map<std::string, std::string> env;
  auto get = [&](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  CHECK_FALSE(language_of_environment(get));
  env["LANG"] = "ja_JP.UTF-8";
  CHECK(language_of_environment(get) == "ja");
  env["LC_MESSAGES"] = "en_GB.UTF-8";
  CHECK(language_of_environment(get) == "en");
  env["LC_ALL"] = "C.UTF-8";  // names none: the next decides
  CHECK(language_of_environment(get) == "en");
  env["LC_ALL"] = "ja_JP.UTF-8";
  CHECK(language_of_environment(get) == "ja");
  env["LANGUAGE"] = "en";
  CHECK(language_of_environment(get) == "en");
  env = {{"LANG", "C"}};
  CHECK_FALSE(language_of_environment(get));
}
