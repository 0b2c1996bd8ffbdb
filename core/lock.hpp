// The case directory's lock: flock on .casectl/lock, naming its holder inside the file; held
// exclusively by a change, shared by a reader that must see no change in progress.
#pragma once
#include <string>

namespace casectl {

// Holds .casectl/lock (flock) for the life of the object. Waits up to `wait_seconds` for another
// process to release it, then throws Error(conflict) naming the holder (pid, worker, command,
// since when), read from the lock file.
class Lock {
 public:
  Lock(const std::string& root, const std::string& holder_description, double wait_seconds = 2.0);
  ~Lock();
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

 private:
  int fd_ = -1;
};

// Holds .casectl/lock shared for the life of the object, creating and writing nothing (for
// `doctor`, which must change nothing): no casectl changes the case directory meanwhile. Waits
// like Lock, then throws Error(conflict) naming the holder. A .casectl/ or lock file that is
// missing or not safe to open (a link, another kind of file) is not held: no casectl can hold it
// either.
class SharedLock {
 public:
  explicit SharedLock(const std::string& root, double wait_seconds = 2.0);
  ~SharedLock();
  SharedLock(const SharedLock&) = delete;
  SharedLock& operator=(const SharedLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace casectl
