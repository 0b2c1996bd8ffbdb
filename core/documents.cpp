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
#include "core/html_page.hpp"
#include "core/i18n.hpp"
#include "core/template_scan.hpp"

namespace casectl {
namespace {

using json = nlohmann::json;
namespace mst = kainjow::mustache;

// ---- rendering -------------------------------------------------------------------------------

// Marks the end of a template line that holds a section or comment tag and nothing else, so
// that the line can be removed after rendering, as the Mustache spec removes such "standalone"
// lines: kainjow leaves an empty line where a section it skips stood (splitting a Markdown list in
// two) and drops the empty line after a section it renders. Never in a view's text (to_data).
constexpr char kStandaloneMark = '\x01';

// The view as kainjow data (numbers as text, null as false, text without kStandaloneMark).
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
    case json::value_t::string: {
      std::string s = j.get<std::string>();
      s.erase(std::remove(s.begin(), s.end(), kStandaloneMark), s.end());
      return mst::data{s};
    }
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

// True when line, without the blanks around it, is one section or comment tag ({{#x}}, {{^x}},
// {{/x}}, {{!...}}) and nothing else.
bool standalone_tag(std::string_view line) {
  size_t a = line.find_first_not_of(" \t"), b = line.find_last_not_of(" \t");
  if (a == std::string_view::npos || b < a + 4) return false;
  std::string_view tag = line.substr(a, b - a + 1);
  return tag.substr(0, 2) == "{{" && tag.substr(tag.size() - 2) == "}}" &&
         std::string_view("#^/!").find(tag[2]) != std::string_view::npos &&
         tag.find("{{", 2) == std::string_view::npos && tag.find("}}") == tag.size() - 2;
}

// The template with kStandaloneMark at the end of every standalone tag line. Stops at a change of
// delimiters ({{=...=}}), after which "{{" is no longer a tag.
std::string mark_standalone_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  size_t at = 0;
  for (size_t end; at < text.size() && (end = text.find('\n', at)) != std::string::npos; at = end + 1) {
    std::string_view line(text.data() + at, end - at);
    if (line.find("{{=") != std::string_view::npos) break;
    out.append(line);
    if (standalone_tag(line)) out += kStandaloneMark;
    out += '\n';
  }
  return out.append(text, at, std::string::npos);
}

// The rendered text without the lines that hold only marks and blanks (standalone tag lines),
// and without any other mark.
std::string drop_standalone_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    size_t stop = end == std::string::npos ? text.size() : end + 1;
    std::string_view line(text.data() + at, stop - at);
    if (line.find(kStandaloneMark) == std::string_view::npos) {
      out.append(line);
    } else if (line.find_first_not_of(" \t\n\x01") != std::string_view::npos) {
      for (char c : line)
        if (c != kStandaloneMark) out += c;
    }
    at = stop;
  }
  return out;
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
       txf("{} is a symbolic link; casectl never follows a link under templates/ (replace it "
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
    fail(ErrorKind::internal, txf("cannot open {}: {}", path, std::strerror(err)), Place{path});
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
      fail(ErrorKind::internal, txf("cannot read template: {}", std::strerror(err)), Place{path});
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > kMaxTemplateBytes) {
      ::close(fd);
      fail(ErrorKind::malformed,
           txf("template is larger than {} KiB ({} bytes), the limit for a template",
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

std::string doc_file_name(DocKind kind, int n, bool family, DocFormat format) {
  return fmt::format("{}-{}{}.{}", doc_kind_name(kind), n, family ? "-family" : "",
                     format == DocFormat::html ? "html" : "md");
}

std::string template_file_name(DocKind kind, bool family) {
  return fmt::format("{}{}.md.mustache", doc_kind_name(kind), family ? "-family" : "");
}

int latest_doc_number(const Record& r, DocKind kind) {
  switch (kind) {
    case DocKind::plan: return r.plans.empty() ? 0 : r.plans.back().n;
    case DocKind::review: return r.reviews.empty() ? 0 : r.reviews.back().n;
    case DocKind::closure: return r.closures.empty() ? 0 : r.closures.back().n;
  }
  return 0;
}

std::string builtin_template(DocKind kind, std::string_view locale, bool family) {
  for (std::string_view loc : {locale, std::string_view("en")}) {
    std::string path = fmt::format("{}/{}", loc, template_file_name(kind, family));
    for (const auto& t : builtin_templates())
      if (path == t.path) return t.text;
  }
  fail(ErrorKind::internal, txf("no built-in template {}", template_file_name(kind, family)));
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
  const mst::mustache tmpl{source};
  if (!tmpl.is_valid()) {
    std::string message = tmpl.error_message();
    Place place = error_place(source, file, message);
    fail(ErrorKind::malformed, txf("malformed template: {}", message), place);
  }
  // Parsed again with the standalone lines marked (the same tags, so valid too): the errors above
  // point into the text as written.
  mst::mustache marked{mark_standalone_lines(source)};
  marked.set_custom_escape([](const std::string& s) { return s; });
  std::string out = marked.render(to_data(view));
  if (!marked.is_valid())
    fail(ErrorKind::malformed, txf("template cannot be rendered: {}", marked.error_message()),
         Place{file});
  return tidy(drop_standalone_lines(out));
}

std::string render_document(const Record& r, DocKind kind, int n, const Config& config,
                            const std::string& root, bool family, DocFormat format) {
  if (family && kind != DocKind::plan)
    fail(ErrorKind::usage, txf("only a plan has a family version, not a {}", doc_kind_name(kind)));
  json view = document_view(r, kind, n, config);
  const std::string name = template_file_name(kind, family);
  std::optional<std::string> markdown;
  if (!root.empty() && enums::locale.contains(config.locale)) {
    std::string path;
    if (auto text = read_override(root, config.locale, name, path))
      markdown = render_template(*text, view, path);
  }
  if (!markdown)
    markdown = render_template(builtin_template(kind, config.locale, family), view,
                               fmt::format("builtin:{}/{}", config.locale, name));
  return format == DocFormat::html ? html_page(*markdown, config.locale) : *markdown;
}

}  // namespace casectl
