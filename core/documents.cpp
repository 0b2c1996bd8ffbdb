// Documents: the template for a kind (built in or an override under the case directory), rendered
// with the record's view; the kinds and their file names.
#include "core/documents.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <sstream>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "core/document_views.hpp"
#include "core/documents_builtin.hpp"
#include "core/error.hpp"
#include "core/template_scan.hpp"

namespace casectl {
namespace {

using json = nlohmann::json;
namespace mst = kainjow::mustache;

// ---- rendering -------------------------------------------------------------------------------

// The view as kainjow data (numbers as text, null as false).
mst::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case json::value_t::string: return mst::data{j.get<std::string>()};
    case json::value_t::boolean: return mst::data{j.get<bool>()};
    case json::value_t::null: return mst::data{false};
    default: return mst::data{j.dump()};
  }
}

// The place in text of a kainjow error message ending "at OFFSET"; the message without it.
Place error_place(const std::string& text, const std::string& file, std::string& message) {
  Place place{file};
  auto at = message.rfind(" at ");
  if (at == std::string::npos) return place;
  std::string num = message.substr(at + 4);
  if (num.empty() || num.find_first_not_of("0123456789") != std::string::npos) return place;
  size_t offset = std::min<size_t>(std::stoul(num), text.size());
  message.erase(at);
  place.line = 1;
  place.col = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++place.line;
      place.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++place.col;  // count characters, not UTF-8 continuation bytes
    }
  }
  return place;
}

// Whitespace-only lines emptied, runs of blank lines made one, no blank lines at either end,
// exactly one final newline.
std::string tidy(const std::string& s) {
  std::string out;
  std::istringstream in(s);
  std::string line;
  bool blank_pending = false;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      blank_pending = !out.empty();
      continue;
    }
    if (blank_pending) out += '\n';
    blank_pending = false;
    out += line;
    out += '\n';
  }
  return out.empty() ? "\n" : out;
}

// The text with CR LF read as LF.
std::string lf_only(const std::string& text) {
  std::string s;
  s.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) s += text[i];
  return s;
}

// Error(conflict) naming path: a symbolic link under templates/ is never followed.
[[noreturn]] void fail_symlink(const std::string& path) {
  fail(ErrorKind::conflict,
       fmt::format("{} is a symbolic link; casectl never follows a link under templates/ (replace it "
                   "with the file itself, or remove it to use the built-in template)",
                   path),
       Place{path});
}

// Opens `name` under folder fd `dir` (path: its full name, for errors) without following a
// symbolic link: the fd, or -1 when it does not exist or is not of the kind wanted (no override).
int open_nofollow(int dir, const std::string& name, const std::string& path, bool folder) {
  int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (folder ? O_DIRECTORY : 0);
  int fd = ::openat(dir, name.c_str(), flags);
  int err = errno;
  struct stat st {};
  if (fd < 0) {
    if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) fail_symlink(path);
    if (err == ENOENT || err == ENOTDIR) return -1;
    fail(ErrorKind::internal, fmt::format("cannot open {}: {}", path, std::strerror(err)), Place{path});
  }
  if (::fstat(fd, &st) != 0 || (folder ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The text of the override root/templates/<locale>/<file>, nullopt when there is none (a missing
// file, or not a plain file). Error(conflict) when it, templates/ or templates/<locale>/ is a
// symbolic link; Error(malformed) when it is larger than kMaxTemplateBytes (counted while reading).
std::optional<std::string> read_override(const std::string& root, const std::string& locale,
                                         const std::string& file, std::string& path) {
  std::string folder = root + "/templates";
  path = folder + "/" + locale + "/" + file;
  int top = open_nofollow(AT_FDCWD, folder, folder, true);
  if (top < 0) return std::nullopt;
  int loc = open_nofollow(top, locale, folder + "/" + locale, true);
  ::close(top);
  if (loc < 0) return std::nullopt;
  int fd = open_nofollow(loc, file, path, false);
  ::close(loc);
  if (fd < 0) return std::nullopt;
  int fl = ::fcntl(fd, F_GETFL);
  if (fl >= 0) ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  std::string text;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      fail(ErrorKind::internal, fmt::format("cannot read template: {}", std::strerror(err)), Place{path});
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > kMaxTemplateBytes) {
      ::close(fd);
      fail(ErrorKind::malformed,
           fmt::format("template is larger than {} KiB ({} bytes), the limit for a template",
                       kMaxTemplateBytes >> 10, kMaxTemplateBytes),
           Place{path});
    }
  }
  ::close(fd);
  return text;
}

}  // namespace

const char* doc_kind_name(DocKind kind) {
  switch (kind) {
    case DocKind::plan: return "plan";
    case DocKind::review: return "review";
    case DocKind::closure: return "closure";
  }
  return "plan";
}

std::optional<DocKind> parse_doc_kind(std::string_view name) {
  for (DocKind k : {DocKind::plan, DocKind::review, DocKind::closure})
    if (name == doc_kind_name(k)) return k;
  return std::nullopt;
}

std::string doc_file_name(DocKind kind, int n) {
  return fmt::format("{}-{}.md", doc_kind_name(kind), n);
}

std::string template_file_name(DocKind kind) {
  return fmt::format("{}.md.mustache", doc_kind_name(kind));
}

int latest_doc_number(const Record& r, DocKind kind) {
  switch (kind) {
    case DocKind::plan: return r.plans.empty() ? 0 : r.plans.back().n;
    case DocKind::review: return r.reviews.empty() ? 0 : r.reviews.back().n;
    case DocKind::closure: return r.closures.empty() ? 0 : r.closures.back().n;
  }
  return 0;
}

std::string builtin_template(DocKind kind, std::string_view locale) {
  for (std::string_view loc : {locale, std::string_view("en")}) {
    std::string path = fmt::format("{}/{}", loc, template_file_name(kind));
    for (const auto& t : builtin_templates())
      if (path == t.path) return t.text;
  }
  fail(ErrorKind::internal, fmt::format("no built-in template {}", template_file_name(kind)));
}

json document_view(const Record& r, DocKind kind, int n, const Config& config) {
  json j = json::object();
  switch (kind) {
    case DocKind::plan: j = plan_view(r, n, config); break;
    case DocKind::review: j = review_view(r, n, config); break;
    case DocKind::closure: j = closure_view(r, n, config); break;
  }
  set_amendments(j, r, doc_file_name(kind, n), config);
  return j;
}

std::string render_template(const std::string& text, const json& view, const std::string& file) {
  const std::string source = lf_only(text);
  check_template(source, view, file);  // depth, unclosed sections, work: before the parser sees it
  mst::mustache tmpl{source};
  if (!tmpl.is_valid()) {
    std::string message = tmpl.error_message();
    Place place = error_place(source, file, message);
    fail(ErrorKind::malformed, fmt::format("malformed template: {}", message), place);
  }
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.render(to_data(view));
  if (!tmpl.is_valid())
    fail(ErrorKind::malformed, fmt::format("template cannot be rendered: {}", tmpl.error_message()),
         Place{file});
  return tidy(out);
}

std::string render_document(const Record& r, DocKind kind, int n, const Config& config,
                            const std::string& root) {
  json view = document_view(r, kind, n, config);
  if (!root.empty() && enums::locale.contains(config.locale)) {
    std::string path;
    if (auto text = read_override(root, config.locale, template_file_name(kind), path))
      return render_template(*text, view, path);
  }
  std::string file = fmt::format("builtin:{}/{}", config.locale, template_file_name(kind));
  return render_template(builtin_template(kind, config.locale), view, file);
}

}  // namespace casectl
