// GitProgram: the git program run without a shell, in one work tree, never prompting.
#include "core/git_program.hpp"

#include <filesystem>
#include <sstream>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace casectl {

namespace {
constexpr std::size_t kMaxOut = 64u << 20;
}

GitProgram::GitProgram(std::string root, std::vector<std::string> env)
    : root_(std::filesystem::absolute(root).lexically_normal().string()) {
  env_ = git_environment();
  env_.insert(env_.end(), {"GIT_DIR=" + root_ + "/.git", "GIT_WORK_TREE=" + root_});
  env_.insert(env_.end(), env.begin(), env.end());
}

ProcessResult GitProgram::run(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{"git", "-C", root_};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, "", kMaxOut, env_);
}

std::string GitProgram::text(const std::vector<std::string>& args, const std::string& what) const {
  ProcessResult r = run(args);
  if (!r.started) fail(ErrorKind::internal, txf("cannot run git: {}", r.spawn_error));
  if (r.status != 0) fail(ErrorKind::internal, txf("{}: {}", what, git_reason(r.err)));
  if (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

bool GitProgram::ok(const std::vector<std::string>& args) const {
  ProcessResult r = run(args);
  return r.started && r.status == 0;
}

std::vector<std::string> git_environment() {
  // git rev-parse --local-env-vars, and the configuration given through the environment.
  return {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
          "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_REPLACE_REF_BASE", "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE",
          "GIT_PREFIX", "GIT_INTERNAL_SUPER_PREFIX", "GIT_NO_REPLACE_OBJECTS", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
          "GIT_CONFIG_COUNT", "GIT_QUARANTINE_PATH",
          "GIT_TERMINAL_PROMPT=0", "GIT_MERGE_AUTOEDIT=no", "LC_ALL=C", "LANGUAGE=C", "GIT_ASKPASS=", "SSH_ASKPASS="};
}

std::string without_credentials(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t scheme = text.find("://", i);
    if (scheme == std::string::npos) break;
    std::size_t host = scheme + 3;
    // The user part ends at '@' before any '/', space or end of the URL.
    std::size_t end = text.find_first_of("/ \t\n'\"@", host);
    out.append(text, i, host - i);
    if (end != std::string::npos && text[end] == '@') {
      i = end + 1;  // "user:secret@" left out
    } else {
      i = host;
    }
  }
  out.append(text, i, std::string::npos);
  return out;
}

std::string git_reason(const std::string& err) {
  std::size_t from = 0;
  while (from < err.size()) {
    std::size_t end = err.find('\n', from);
    std::string line = err.substr(from, end == std::string::npos ? std::string::npos : end - from);
    from = end == std::string::npos ? err.size() : end + 1;
    for (const char* prefix : {"fatal: ", "error: "})
      if (line.compare(0, std::char_traits<char>::length(prefix), prefix) == 0)
        line.erase(0, std::char_traits<char>::length(prefix));
    if (line.find_first_not_of(" \t\r") != std::string::npos) return without_credentials(line);
  }
  return "";
}

std::string GitProgram::commit_of(const std::string& name) const {
  ProcessResult r = run({"rev-parse", "--verify", "--quiet", name + "^{commit}"});
  if (!r.started || r.status != 0) return "";
  return r.out.substr(0, r.out.find('\n'));
}

std::vector<std::string> split_output(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, sep);)
    if (!part.empty()) out.push_back(part);
  return out;
}

}  // namespace casectl
