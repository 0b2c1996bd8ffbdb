#include "core/merge_setup.hpp"
#include "core/i18n.hpp"

#include <git2.h>

#include "core/git.hpp"

namespace casectl {

std::string git_attributes_text() {
  return "# Case records and settings merge by meaning (casectl merge-driver), not as text.\n"
         "cases/**/case.yaml merge=casectl\n"
         "casectl.yaml merge=casectl\n";
}

std::string merge_driver_command(const std::string& program) {
  std::string quoted = "'";
  for (char c : program) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "' merge-driver %O %A %B %P";
}

void install_merge_driver(const std::string& root, const std::string& program) {
  git::Repository repo = git::open(root);
  git_config* raw = nullptr;
  git::check(git_repository_config(&raw, repo.get()), tx("cannot open the repository's git configuration"));
  git::Config config(raw);
  git::check(git_config_set_string(raw, "merge.casectl.name", "casectl record merge"),
             tx("cannot set merge.casectl.name"));
  git::check(git_config_set_string(raw, "merge.casectl.driver", merge_driver_command(program).c_str()),
             tx("cannot set merge.casectl.driver"));
}

}  // namespace casectl
