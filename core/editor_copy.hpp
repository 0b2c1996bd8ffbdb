// The editor's copy of a record or form (`casectl edit`, the stage forms in $EDITOR): a private
// file in root/.casectl/tmp/edit/, never in $TMPDIR, so that a copy that a killed casectl leaves
// behind stays in the case directory's private folder (SPEC section 8), where the next change
// removes it.
//
// The editor runs without the lock, so another casectl process may recover (and empty
// .casectl/tmp/) while a copy is open. Two things keep the open copy: recovery removes the files
// of .casectl/tmp/ only, never a folder, so it leaves edit/ alone; and each copy is named after
// the process that made it ("<pid>-<random><suffix>"), so that remove_stale_editor_copies(), run
// after every recovery, removes exactly the copies whose casectl process is gone. Chosen over an
// age limit: an editor may stay open for days, while a copy whose process is gone can never be
// read back by anyone. (A PID reused meanwhile only keeps a stale copy longer. Processes in
// another PID namespace sharing one case directory are not foreseen: it is one worker's clone.)
#pragma once
#include <string>

namespace casectl {

struct EditorCopy {
  int fd = -1;       // open for writing; the caller closes it
  std::string path;  // the copy's path
};

// Makes a new empty copy (0600, never through a symbolic link) named "<pid>-<random><suffix>" in
// root/.casectl/tmp/edit/ (0700, made if missing). Error(conflict) when a folder on the way is
// not a private folder of this user; Error(internal) when the file cannot be made.
EditorCopy make_editor_copy(const std::string& root, const std::string& suffix);

// True when `name`, a file of .casectl/tmp/edit/, is a copy whose casectl process has ended.
bool stale_editor_copy(const std::string& name);

// Removes the copies in root/.casectl/tmp/edit/ whose casectl process has ended (killed before it
// could remove its own), never through a symbolic link; returns how many.
int remove_stale_editor_copies(const std::string& root);

}  // namespace casectl
