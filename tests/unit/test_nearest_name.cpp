// edit_distance() and nearest_name(): the suggestion after a mistyped command or flag.
#include <doctest/doctest.h>

#include "core/nearest_name.hpp"

using namespace casectl;

TEST_CASE("edit_distance counts insertions, deletions, substitutions and neighbour swaps") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("assess", "assess") == 0);
  CHECK(edit_distance("asess", "assess") == 1);       // a letter left out
  CHECK(edit_distance("assesss", "assess") == 1);     // one too many
  CHECK(edit_distance("--urgancy", "--urgency") == 1);  // one wrong
  CHECK(edit_distance("reveiw", "review") == 1);      // two neighbours swapped
  CHECK(edit_distance("", "new") == 3);
  CHECK(edit_distance("new", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("ca", "abc") == 3);  // optimal string alignment: no edit of a swapped pair
}

TEST_CASE("nearest_name suggests the one close name, nothing when none is close or two are") {
  std::vector<std::string> commands{"new", "assess", "plan", "review", "close", "reopen", "note", "list"};
  CHECK(nearest_name("asess", commands) == std::optional<std::string>("assess"));
  CHECK(nearest_name("reveiw", commands) == std::optional<std::string>("review"));
  CHECK(nearest_name("nwe", commands) == std::optional<std::string>("new"));
  CHECK(nearest_name("lst", commands) == std::optional<std::string>("list"));
  // Too far: no guess.
  CHECK(nearest_name("frobnicate", commands) == std::nullopt);
  CHECK(nearest_name("xy", commands) == std::nullopt);
  CHECK(nearest_name("asxxs", commands) == std::nullopt);  // 3 from assess
  // Short names allow one edit only.
  CHECK(nearest_name("pl", commands) == std::nullopt);
  // Two names equally near: no guess.
  CHECK(nearest_name("lan", {"plan", "clan"}) == std::nullopt);
  CHECK(nearest_name("noe", commands) == std::optional<std::string>("note"));
  // The name itself is no suggestion.
  CHECK(nearest_name("new", commands) == std::nullopt);
  std::vector<std::string> flags{"--urgency", "--urgent", "--source", "--sex"};
  CHECK(nearest_name("--urgancy", flags) == std::optional<std::string>("--urgency"));
  CHECK(nearest_name("--sx", flags) == std::optional<std::string>("--sex"));
  CHECK(nearest_name({}, flags) == std::nullopt);
}
