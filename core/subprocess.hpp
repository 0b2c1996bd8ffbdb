// Running a helper program (ssh-keygen) without a shell: argv as given, input on its stdin,
// its stdout and stderr read back up to a bound, no descriptor of ours inherited.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace casectl {

struct ProcessResult {
  bool started = false;   // false: the program could not be run (spawn_error says why)
  std::string spawn_error;
  int status = -1;        // its exit status; -1 when killed by a signal (or cut off)
  bool too_long = false;  // it wrote more than the bound: it was killed, status -1
  std::string out, err;   // what it wrote (err cut to a few KB)
};

// Runs argv[0] (looked up in PATH) with argv, writing input to its stdin; keeps at most
// max_out bytes of its stdout. The environment is ours (ssh-agent's SSH_AUTH_SOCK, HOME), with
// each "KEY=VALUE" of env set over it and each "KEY" (no '=') of env removed.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          std::size_t max_out, const std::vector<std::string>& env = {});

}  // namespace casectl
