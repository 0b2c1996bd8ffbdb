// The case directory's lock: flock on .casectl/lock, naming its holder inside the file.
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

}  // namespace casectl
