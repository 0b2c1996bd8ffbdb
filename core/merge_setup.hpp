// What makes plain git merge records as casectl does (SPEC section 9): the .gitattributes that
// init commits (records and casectl.yaml use the merge driver named "casectl") and the driver
// itself in the repository's own git configuration, which git never copies with a clone (init
// sets it; `casectl clone` will). Without the driver, git merges those files as text.
#pragma once
#include <string>

namespace casectl {

inline constexpr const char* kGitAttributesFile = ".gitattributes";

// The committed .gitattributes: every case record and casectl.yaml merge with driver casectl.
std::string git_attributes_text();

// The command git runs: "'PROGRAM' merge-driver %O %A %B %P", PROGRAM quoted for the shell.
std::string merge_driver_command(const std::string& program);

// Sets merge.casectl.name and merge.casectl.driver (merge_driver_command(program)) in the git
// configuration of the repository at root. Error(internal) when git cannot write it.
void install_merge_driver(const std::string& root, const std::string& program);

}  // namespace casectl
