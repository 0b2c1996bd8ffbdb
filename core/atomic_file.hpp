// Atomic file writes (temp file, fsync, rename, fsync of the folder) and private folders.
#pragma once
#include <string>

namespace casectl {

// Writes content to path atomically: temp file in the same folder, fsync, rename, fsync of the
// folder. The file is 0600 and any folder it creates 0700, whatever the umask.
void write_file_atomic(const std::string& path, const std::string& content);

// mkdir -p with mode 0700 for every folder it creates.
void make_dirs(const std::string& path);

}  // namespace casectl
