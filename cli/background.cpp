#include "cli/background.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

namespace casectl::cli {

void update_history_in_background(const std::string& root) {
  std::fflush(stdout);  // what this command printed is not printed twice
  std::fflush(stderr);
  std::vector<std::string> args{"casectl", "-C", root, "log", "--update-index"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t child = ::fork();
  if (child < 0) return;
  if (child == 0) {  // only async-signal-safe calls from here: this process may have had threads
    if (::setsid() < 0 || ::fork() != 0) ::_exit(0);
    int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::setpriority(PRIO_PROCESS, 0, 10);
    ::execv("/proc/self/exe", argv.data());
    ::_exit(127);
  }
  int status;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace casectl::cli
