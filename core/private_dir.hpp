// The case directory's private folder .casectl/ (SPEC section 8): the ONE check that every opener
// of it (lock, journal, temporary files, index) makes, so that nothing there is followed through a
// symbolic link or shared with other users.
#pragma once
#include <functional>
#include <string>

namespace casectl {

// root/.casectl, made (mode 0700) when missing. Error(conflict) naming the fix unless it is a real
// folder (not a symbolic link) owned by this user with mode 0700; Error(internal) when it is missing
// and cannot be made.
std::string private_dir(const std::string& root);

// Like private_dir, but "" instead of Error(internal) when .casectl/ is missing and cannot be made
// (a read-only case directory); an unsafe .casectl/ is still Error(conflict).
std::string private_dir_if_possible(const std::string& root);

// Folder `name` of a private folder `dir` (as private_dir returns it), made (mode 0700) when
// missing, and checked like private_dir.
std::string private_subdir(const std::string& dir, const std::string& name);

// Error(conflict) naming the file when `path` (under .casectl/) exists and is a symbolic link or
// anything but a regular file with one link; a missing file is fine.
void check_private_file(const std::string& path);

// Opens file `name` of the private folder `dir` (as private_dir returns it) with `flags` plus
// O_NOFOLLOW and O_CLOEXEC (created 0600 with O_CREAT), and checks what it opened like
// check_private_file. Error(conflict) for a symbolic link or another kind of file; -1 with errno
// set for any other failure.
int open_private_file(const std::string& dir, const std::string& name, int flags);

// Removes the files of folder dir whose name `which` accepts (every file when it is empty), never
// through a symbolic link (a link as dir removes nothing); folders in dir are left alone. Returns
// how many it removed.
int remove_files(const std::string& dir, const std::function<bool(const std::string& name)>& which = {});

}  // namespace casectl
