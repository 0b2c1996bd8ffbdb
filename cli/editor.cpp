// Stage data from $EDITOR: the private copy (core/editor_copy), running the editor, the forms.
#include "cli/editor.hpp"
#include "cli/form_template.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/editor_copy.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/limits.hpp"

namespace casectl::cli {
namespace {

// Writes all of text to fd; false on error.
bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads the whole file at path (up to 1 MiB + 1 byte, so that a larger one is refused by the
// loader); Error(internal) if it cannot be read.
std::string read_back(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) fail(ErrorKind::internal, txf("{}: the edited file cannot be read; nothing written", path));
  std::string text;
  char buf[65536];
  while (text.size() <= kMaxInputBytes) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      fail(ErrorKind::internal, txf("{}: the edited file cannot be read; nothing written", path));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

// The editor command: $VISUAL, else $EDITOR, else vi.
std::string editor_command() {
  for (const char* name : {"VISUAL", "EDITOR"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return "vi";
}

// Runs `sh -c 'EDITOR "$1"' sh path` (EDITOR may hold arguments) and waits for it, ignoring
// SIGINT and SIGQUIT meanwhile as system() does. Error(internal) on failure.
void run_editor(const std::string& path) {
  std::string editor = editor_command();
  std::string script = editor + " \"$1\"";
  struct sigaction ignore{}, old_int{}, old_quit{};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGQUIT, &ignore, &old_quit);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::sigaction(SIGINT, &old_int, nullptr);
    ::sigaction(SIGQUIT, &old_quit, nullptr);
    ::execl("/bin/sh", "sh", "-c", script.c_str(), "sh", path.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  bool waited = false;
  if (pid > 0) {
    while (::waitpid(pid, &status, 0) < 0) {
      if (errno != EINTR) break;
    }
    waited = true;
  }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGQUIT, &old_quit, nullptr);
  if (!waited) fail(ErrorKind::internal, tx("cannot start the editor; nothing written"));
  if (WIFSIGNALED(status))
    fail(ErrorKind::internal, txf("the editor ({}) was killed by signal {}; nothing written", editor, WTERMSIG(status)));
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    fail(ErrorKind::internal,
         txf("the editor ({}) exited with status {}; nothing written", editor, WEXITSTATUS(status)));
}

// Removes the temp file when it goes out of scope.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

// True when every line of text is blank or a comment.
bool only_comments(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find('\n', i);
    if (end == std::string::npos) end = text.size();
    std::size_t j = text.find_first_not_of(" \t\r", i);
    if (j != std::string::npos && j < end && text[j] != '#') return false;
    i = end + 1;
  }
  return true;
}

}  // namespace

EditedText edit_text(const std::string& root, const std::string& text, const std::string& suffix) {
  EditorCopy copy = make_editor_copy(root, suffix);
  TempFile file{copy.path};
  bool ok = write_all(copy.fd, text);
  ok = ::close(copy.fd) == 0 && ok;
  if (!ok) fail(ErrorKind::internal, txf("{}: cannot write the temporary file; nothing written", file.path));
  run_editor(file.path);
  return EditedText{read_back(file.path), file.path};
}

std::string edit_in_editor(const std::string& root, const std::string& text, const std::string& suffix) {
  return edit_text(root, text, suffix).text;
}

Node form_from_editor(const std::string& root, const std::string& stage, const Record& r) {
  std::string form = stage_form_template(stage, r);
  EditedText edited = edit_text(root, form, "-" + stage + ".yaml");
  if (edited.text == form || only_comments(edited.text))
    fail(ErrorKind::usage, tx("aborted: the form was left empty or unchanged; nothing written"));
  return load_yaml(edited.text, edited.path);
}

}  // namespace casectl::cli
