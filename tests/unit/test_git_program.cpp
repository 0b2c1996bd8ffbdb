// What casectl repeats of git's messages: never a URL's credentials.
#include <doctest/doctest.h>

#include "core/git_program.hpp"

using namespace casectl;

TEST_CASE("credentials are left out of every URL in a text") {
  CHECK(without_credentials("https://user:secret@host/x.git") == "https://host/x.git");
  CHECK(without_credentials("unable to access 'https://tok@h:8443/a/b.git/': refused") ==
        "unable to access 'https://h:8443/a/b.git/': refused");
  CHECK(without_credentials("from ssh://git@server/cases and https://u:p@other/x") ==
        "from ssh://server/cases and https://other/x");
  CHECK(without_credentials("no URL here: a@b") == "no URL here: a@b");
  CHECK(without_credentials("https://host/path@v1") == "https://host/path@v1");  // '@' after the host
  CHECK(without_credentials("") == "");
}

TEST_CASE("git's reason: the first line that says something, its prefix dropped, credentials left out") {
  CHECK(git_reason("\nfatal: unable to access 'https://u:secret@h/x/': Failed to connect\nmore\n") ==
        "unable to access 'https://h/x/': Failed to connect");
  CHECK(git_reason("error: failed to push some refs to '/srv/cases.git'\n") == "failed to push some refs to '/srv/cases.git'");
  CHECK(git_reason("  \n") == "");
}
