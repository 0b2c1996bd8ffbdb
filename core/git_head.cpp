// Reading HEAD the way git does, for the plain layout only (see git_head.hpp).
#include "core/git_head.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <fstream>
#include <sstream>

namespace casectl::git {

namespace {

// The whole of a small file; nullopt when it cannot be read (absent included: `absent` says).
std::optional<std::string> slurp(const std::string& path, bool* absent = nullptr) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) {
    if (absent) *absent = errno == ENOENT;
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool hex40(const std::string& s) {
  if (s.size() != 40) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// A branch name as HEAD may name one here: under refs/, no "..", no control characters,
// spaces or other characters git refuses in ref names.
bool plain_ref(const std::string& name) {
  if (name.compare(0, 5, "refs/") != 0 || name.find("..") != std::string::npos || name.back() == '/') return false;
  for (unsigned char c : name)
    if (c <= ' ' || c == 0x7f || c == '~' || c == '^' || c == ':' || c == '?' || c == '*' || c == '[' || c == '\\')
      return false;
  return true;
}

// The line's text without its line feed; the whole text must be that one line.
std::optional<std::string> one_line(const std::string& text) {
  if (text.empty() || text.back() != '\n') return std::nullopt;
  std::string line = text.substr(0, text.size() - 1);
  if (line.find('\n') != std::string::npos) return std::nullopt;
  return line;
}

}  // namespace

bool surely_no_repository(const std::string& root) {
  struct stat st;
  return lstat((root + "/.git").c_str(), &st) != 0 && errno == ENOENT && lstat((root + "/HEAD").c_str(), &st) != 0 &&
         errno == ENOENT;
}

std::optional<std::string> read_plain_head(const std::string& root) {
  const std::string git = root + "/.git";
  struct stat st;
  if (lstat(git.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return std::nullopt;
  std::optional<std::string> head_text = slurp(git + "/HEAD");
  if (!head_text) return std::nullopt;
  std::optional<std::string> head = one_line(*head_text);
  if (!head) return std::nullopt;
  if (hex40(*head)) return head;  // detached
  if (head->compare(0, 5, "ref: ") != 0) return std::nullopt;
  std::string name = head->substr(5);
  if (!plain_ref(name)) return std::nullopt;
  bool absent = false;
  if (std::optional<std::string> loose = slurp(git + "/" + name, &absent)) {
    std::optional<std::string> id = one_line(*loose);
    return id && hex40(*id) ? id : std::nullopt;
  }
  if (!absent) return std::nullopt;
  // Not loose: packed-refs lines "<id> <name>" (after a "# pack-refs" header; "^<id>" lines
  // peel the tag before them). Neither there: a branch without a commit.
  std::optional<std::string> packed = slurp(git + "/packed-refs", &absent);
  if (!packed) return absent ? std::optional<std::string>("") : std::nullopt;
  std::istringstream lines(*packed);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() == 41 + name.size() && line[40] == ' ' && line.compare(41, std::string::npos, name) == 0) {
      std::string id = line.substr(0, 40);
      return hex40(id) ? std::optional<std::string>(id) : std::nullopt;
    }
  }
  return std::string();
}

}  // namespace casectl::git
