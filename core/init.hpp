// `init`: a new case directory: git repository on main, casectl.yaml with a first worker,
// .gitignore for .casectl/, .gitattributes and the merge driver for records (core/merge_setup),
// and a first commit by that worker.
#pragma once
#include <optional>
#include <string>

#include "core/config.hpp"

namespace casectl {

// What a new case directory starts with; empty name and email mean git's global user.name and
// user.email, no worker id means the email's local part.
struct InitRequest {
  std::string dir = ".";
  std::optional<std::string> worker_id;
  std::string name, email, role = "worker", agency, locale = "en", prefix = "C";
  std::string id_scheme = "calendar";  // calendar | fiscal (年度): the year in a new case's ID
  // The casectl that git runs as the merge driver (core/merge_setup): the cli passes its own
  // absolute path.
  std::string merge_program = "casectl";
};

// Makes the case directory r.dir (a new or empty folder) and its first commit, under the lock;
// all or nothing: a folder that an init killed before its first commit left is made afresh.
// Error(refused) when dir is not a folder, is not empty, or already holds a case directory or a
// git repository; Error(usage) for a missing email, a bad worker id, locale, prefix or id scheme. Returns
// the first worker.
Worker init_case_directory(const InitRequest& r);

}  // namespace casectl
