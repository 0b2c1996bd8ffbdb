// Atomic file writes (temp file, fsync, rename, fsync of the folder) and private folders.
#pragma once
#include <string>

namespace casectl {

// Writes content to path atomically: temp file in the same folder, fsync, rename, fsync of the
// folder. The file is 0600 and any folder it creates 0700, whatever the umask.
void write_file_atomic(const std::string& path, const std::string& content);

// A file written beside its final path (temp file, fsync) and not yet in place, so that a change
// of several files can get every byte onto the disk before any of them replaces a file: once
// all are written, place() each (a rename, which needs no space); undo() puts the old file back
// (kept as a hard link, no space needed either). A temp file never placed, and the backup of a
// placed one, are removed when the object goes.
class PendingFile {
 public:
  // Writes content to a temp file in folder tmp (on the same file system as path, e.g.
  // .casectl/tmp). Error(internal) naming path on failure (a full disk), nothing left behind.
  PendingFile(std::string path, const std::string& content, const std::string& tmp);
  ~PendingFile();
  PendingFile(PendingFile&& other) noexcept;
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  PendingFile& operator=(PendingFile&&) = delete;

  // Puts the file in place: the old file (if any) kept as a backup link, the temp renamed over
  // path, the folder fsynced.
  void place();
  // After place(): the old file back (or the new one removed when there was none), the folder
  // fsynced. False when that failed (the caller keeps the journal for recovery).
  bool undo() noexcept;

 private:
  std::string path_, tmp_, backup_, tmp_dir_;
  bool placed_ = false;
};

// True for the name of a temporary file write_file_atomic() writes beside its target or kept as
// a backup (and earlier versions): ".NAME.tmp-PID-XXXXXXXX" or ".NAME.old-PID-XXXXXXXX".
bool is_temp_file_name(const std::string& name);

// mkdir -p with mode 0700 for every folder it creates.
void make_dirs(const std::string& path);

}  // namespace casectl
