// Running the git program in a case directory for what crosses the network (clone, fetch,
// push) and the merge that uses casectl's merge driver: git itself, so that SSH keys, the agent,
// credential helpers, proxies and ~/.ssh/config work exactly as for plain git.
#pragma once
#include <string>
#include <vector>

#include "core/subprocess.hpp"

namespace casectl {

class GitProgram {
 public:
  // git for the work tree at root (GIT_DIR and GIT_WORK_TREE set to it, so that the caller's
  // environment cannot point it elsewhere); never prompts (GIT_TERMINAL_PROMPT=0), messages in
  // English (parsed), each "KEY=VALUE" of env added.
  explicit GitProgram(std::string root, std::vector<std::string> env = {});

  // Runs git ARGS; the result as run_process gives it. started false: git is not installed.
  ProcessResult run(const std::vector<std::string>& args) const;
  // Runs git ARGS and returns its stdout without the last line feed; Error(internal) naming
  // `what` when it fails.
  std::string text(const std::vector<std::string>& args, const std::string& what) const;
  // True when git ARGS exits 0.
  bool ok(const std::vector<std::string>& args) const;
  // The commit id `name` (HEAD, MERGE_HEAD, a ref, HEAD^2) names, or "" when it names none.
  std::string commit_of(const std::string& name) const;

 private:
  std::string root_;
  std::vector<std::string> env_;
};

// The environment git runs in (run_process's env): never prompting, messages in English, and
// none of the variables that would point it at another repository, index, object store,
// namespace or configuration (GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_PARAMETERS, ...).
std::vector<std::string> git_environment();

// text with the credentials of every URL in it left out ("https://user:secret@host/x" ->
// "https://host/x"): git's messages name the remote's URL.
std::string without_credentials(const std::string& text);

// The parts of git's output text separated by sep ('\0' for -z), empty ones left out.
std::vector<std::string> split_output(const std::string& text, char sep = '\0');

// The first line of git's stderr that says something (its "fatal: " and "error: " prefixes
// dropped), credentials left out; "" when there is none.
std::string git_reason(const std::string& err);

}  // namespace casectl
