// The check of a Mustache template's text before it is parsed or rendered: nesting depth,
// unclosed sections and tags, partials, and an upper bound of the work of rendering it.
#include "core/i18n.hpp"
#include "core/template_scan.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace casectl {
namespace {

using json = nlohmann::json;

// What the view holds, by key: the longest list and the longest text under that key anywhere.
struct ViewSizes {
  std::map<std::string, double, std::less<>> list_max;
  std::map<std::string, double, std::less<>> text_max;
  double list_in_list_max = 0;  // "{{#.}}" over an item that is itself a list
  double any_text_max = 0;      // "{{.}}"

  void add(const json& j) {
    if (j.is_object()) {
      for (const auto& [k, v] : j.items()) {
        if (v.is_array()) bump(list_max, k, static_cast<double>(v.size()));
        if (double n = text_size(v); n > 0) bump(text_max, k, n);
        add(v);
      }
    } else if (j.is_array()) {
      for (const auto& v : j) {
        if (v.is_array()) list_in_list_max = std::max(list_in_list_max, static_cast<double>(v.size()));
        add(v);
      }
    } else {
      any_text_max = std::max(any_text_max, text_size(j));
    }
  }
  static double text_size(const json& v) {
    if (v.is_string()) return static_cast<double>(v.get_ref<const std::string&>().size());
    if (v.is_number()) return static_cast<double>(v.dump().size());
    return 0;
  }
  static void bump(std::map<std::string, double, std::less<>>& m, const std::string& k, double n) {
    double& cur = m[k];
    cur = std::max(cur, n);
  }
  // The key a (possibly dotted) tag name finally looks up.
  static std::string_view last(std::string_view name) {
    auto dot = name.rfind('.');
    return dot == std::string_view::npos || name.size() == 1 ? name : name.substr(dot + 1);
  }
  // How many times a section of this name can render what it holds (at least once).
  double times(std::string_view name) const {
    if (name == ".") return std::max(1.0, list_in_list_max);
    auto it = list_max.find(last(name));
    return it == list_max.end() ? 1.0 : std::max(1.0, it->second);
  }
  // The most bytes a variable of this name can write.
  double length(std::string_view name) const {
    if (name == ".") return any_text_max;
    auto it = text_max.find(last(name));
    return it == text_max.end() ? 0.0 : it->second;
  }
};

// Text without the spaces the Mustache parser trims.
std::string trim(const std::string& s) {
  const char* ws = " \t\r\n\f\v";
  auto b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// The place of byte offset `at` of text: 1-based line and column (in characters).
class Places {
 public:
  Places(const std::string& text, const std::string& file) : text_(text), file_(file) {}
  Place at(std::size_t offset) {
    // Offsets only grow during a scan: carry on from the last one.
    if (offset < at_) {
      at_ = 0;
      line_ = col_ = 1;
    }
    for (; at_ < offset && at_ < text_.size(); ++at_) {
      if (text_[at_] == '\n') {
        ++line_;
        col_ = 1;
      } else if ((static_cast<unsigned char>(text_[at_]) & 0xC0) != 0x80) {
        ++col_;
      }
    }
    return Place{file_, line_, col_};
  }

 private:
  const std::string& text_;
  const std::string& file_;
  std::size_t at_ = 0;
  int line_ = 1, col_ = 1;
};

struct Open {
  std::string name;
  std::size_t at;
  double outer_times;  // the multiplier outside this section
};

}  // namespace

void check_template(const std::string& text, const json& view, const std::string& file) {
  ViewSizes sizes;
  sizes.add(view);
  Places places(text, file);
  std::string begin = "{{", end = "}}";
  std::vector<Open> open;
  double times = 1;  // how many times the current position can be rendered
  double work = 0;
  std::size_t pos = 0;
  auto spend = [&](double amount, std::size_t at) {
    work += amount;
    if (work > kMaxRenderWork)
      fail(ErrorKind::malformed,
           txf("template would render too much (over {} MiB: sections over lists nested too "
                       "deep); this tag passes the limit",
                       static_cast<long>(kMaxRenderWork) >> 20),
           places.at(at));
  };
  while (pos < text.size()) {
    std::size_t tag = text.find(begin, pos);
    spend(times * static_cast<double>((tag == std::string::npos ? text.size() : tag) - pos), pos);
    if (tag == std::string::npos) break;
    // As the parser: "{{{" opens an unescaped variable ending "}}}" with the default delimiters.
    std::size_t contents = tag + begin.size();
    bool triple = begin == "{{" && end == "}}" && contents < text.size() && text[contents] == '{';
    const std::string close = triple ? std::string("}}}") : end;
    if (triple) ++contents;
    std::size_t stop = text.find(close, contents);
    if (stop == std::string::npos)
      fail(ErrorKind::malformed, txf("tag {} is never closed (no {})", begin, close), places.at(tag));
    std::string body = trim(text.substr(contents, stop - contents));
    pos = stop + close.size();
    if (!body.empty() && body[0] == '=') {
      // {{=<% %>=}}: the delimiters from here on.
      std::string inner = body.size() >= 5 && body.back() == '=' ? trim(body.substr(1, body.size() - 2)) : "";
      auto sp = inner.find(' ');
      auto next = sp == std::string::npos ? sp : inner.find_first_not_of(' ', sp + 1);
      std::string b = sp == std::string::npos ? "" : inner.substr(0, sp);
      std::string e = next == std::string::npos ? "" : inner.substr(next);
      auto bad = [](const std::string& d) {
        return d.empty() || d.find_first_of("= \t\r\n\f\v") != std::string::npos;
      };
      if (bad(b) || bad(e))
        fail(ErrorKind::malformed, tx("invalid set-delimiter tag"), places.at(tag));
      begin = b;
      end = e;
      continue;
    }
    if (triple) {
      spend(times * sizes.length(body), tag);
      continue;
    }
    char kind = body.empty() ? ' ' : body[0];
    std::string name = kind == '#' || kind == '^' || kind == '/' || kind == '>' || kind == '&' || kind == '!'
                           ? trim(body.substr(1))
                           : body;
    switch (kind) {
      case '#':
      case '^':
        spend(times, tag);
        if (static_cast<int>(open.size()) >= kMaxTemplateDepth)
          fail(ErrorKind::malformed,
               txf("section \"{}\" is nested {} levels deep; templates may nest sections at most "
                           "{} levels",
                           name, open.size() + 1, kMaxTemplateDepth),
               places.at(tag));
        open.push_back(Open{name, tag, times});
        if (kind == '#') times *= sizes.times(name);
        break;
      case '/':
        if (!open.empty()) {  // a mismatch is the parser's error, with its place
          times = open.back().outer_times;
          open.pop_back();
        }
        break;
      case '>':
        fail(ErrorKind::malformed, txf("partials ({}>{}{}) are not supported in templates", begin, name, end),
             places.at(tag));
      case '!':
        break;
      default:
        spend(times * sizes.length(name), tag);
    }
  }
  if (!open.empty())
    fail(ErrorKind::malformed, txf("section \"{}\" is never closed", open.back().name),
         places.at(open.back().at));
}

}  // namespace casectl
