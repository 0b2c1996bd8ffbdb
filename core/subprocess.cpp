// run_process: posix_spawnp with three pipes, fed and drained together with poll().
#include "core/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <string_view>

extern char** environ;

namespace casectl {
namespace {

constexpr std::size_t kMaxErr = 4096;

struct Pipe {
  int fd[2] = {-1, -1};
  bool open() { return ::pipe2(fd, O_CLOEXEC) == 0; }
  void close_end(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
  ~Pipe() {
    close_end(0);
    close_end(1);
  }
};

// SIGPIPE blocked in this thread while we write to a child that may have exited (EPIPE instead),
// and a pending one discarded afterwards.
struct NoSigpipe {
  sigset_t set{}, old{};
  NoSigpipe() {
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, &old);
  }
  ~NoSigpipe() {
    struct timespec zero {};
    while (sigtimedwait(&set, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
  }
};

}  // namespace

namespace {

// Our environment with each "KEY=VALUE" of env set over it and each "KEY" removed.
std::vector<std::string> environment_with(const std::vector<std::string>& env) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string_view entry(*e);
    std::string_view key = entry.substr(0, entry.find('='));
    bool replaced = std::any_of(env.begin(), env.end(), [&](const std::string& v) {
      return v.compare(0, key.size(), key) == 0 && (v.size() == key.size() || v[key.size()] == '=');
    });
    if (!replaced) out.emplace_back(entry);
  }
  for (const std::string& v : env)
    if (v.find('=') != std::string::npos) out.push_back(v);
  return out;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          std::size_t max_out, const std::vector<std::string>& env) {
  ProcessResult r;
  Pipe in, out, err;
  if (!in.open() || !out.open() || !err.open()) {
    r.spawn_error = std::strerror(errno);
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err.fd[1], 2);
  posix_spawn_file_actions_addclosefrom_np(&fa, 3);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  NoSigpipe guard;
  std::vector<std::string> env_strings = environment_with(env);
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), env.empty() ? environ : envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    r.spawn_error = std::strerror(rc);
    return r;
  }
  r.started = true;
  in.close_end(0);
  out.close_end(1);
  err.close_end(1);
  std::size_t written = 0;
  if (input.empty()) in.close_end(1);
  while (out.fd[0] >= 0 || err.fd[0] >= 0) {
    pollfd fds[3] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}, {in.fd[1], POLLOUT, 0}};
    if (::poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[2].revents) {
      ssize_t n = ::write(in.fd[1], input.data() + written, std::min<std::size_t>(input.size() - written, 65536));
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno != EINTR && errno != EAGAIN) written = input.size();  // it stopped reading
      if (written >= input.size()) in.close_end(1);
    }
    for (int i = 0; i < 2; ++i) {
      if (!fds[i].revents) continue;
      char buf[4096];
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        (i == 0 ? out : err).close_end(0);
        continue;
      }
      std::string& to = i == 0 ? r.out : r.err;
      std::size_t limit = i == 0 ? max_out : kMaxErr;
      std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(n), limit - std::min(limit, to.size()));
      to.append(buf, take);
      if (i == 0 && take < static_cast<std::size_t>(n)) {  // more than the bound: stop it
        r.too_long = true;
        ::kill(pid, SIGKILL);
        out.close_end(0);
        err.close_end(0);
        break;
      }
    }
  }
  in.close_end(1);
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  r.status = !r.too_long && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace casectl
