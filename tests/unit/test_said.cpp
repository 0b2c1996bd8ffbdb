// core/said: a sentence kept in English with its arguments, translated where it is shown.
#include <doctest/doctest.h>

#include "core/i18n.hpp"
#include "core/said.hpp"

using namespace casectl;

TEST_CASE("Said: the English text with its arguments filled in, nested Saids and verbatim texts") {
  CHECK(Said().empty());
  CHECK(Said().english().empty());
  CHECK(Said(N_("removed")).english() == "removed");
  Said age(N_("{} min"), 12);
  Said s(N_("a temporary file git left {} ago"), age);
  CHECK(s.english() == "a temporary file git left 12 min ago");
  CHECK(Said(N_("{}, should be {}"), std::string("0644"), "0600").english() == "0644, should be 0600");
  // A verbatim text is never read as a format: braces stay as they are.
  CHECK(Said::verbatim("odd {} name").english() == "odd {} name");
  CHECK(Said(N_("could not repair it: {}"), "a {brace}").english() == "could not repair it: a {brace}");
  // Without a catalog (unit tests) the local text is the English one.
  CHECK(s.local() == s.english());
}
