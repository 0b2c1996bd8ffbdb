// Markdown -> a standalone printable HTML page, with cmark. The tree cmark parses is made inert
// before it is rendered (raw HTML to text, links other than http/https/mailto to their text,
// images to their description), so record text cannot become markup whatever it holds; cmark's
// own safe mode (the default since 0.29: raw HTML omitted, javascript:/vbscript:/file:/data:
// addresses dropped) stays on behind it.
#include "core/html_page.hpp"

#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

#include <cmark.h>
#include <fmt/format.h>

#include "core/locale_text.hpp"

namespace casectl {
namespace {

// The print stylesheet: A4 pages, serif body and sans-serif headings with Japanese faces first for
// ja, bordered tables, no page break right after a heading or inside a list item.
constexpr const char* kStyle = R"css(@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
html { font-size: 10.5pt; }
body { margin: 2em auto; max-width: 174mm; line-height: 1.7; color: #000; background: #fff;
  font-family: "Noto Serif", Georgia, "Times New Roman", "Hiragino Mincho ProN", "Yu Mincho", "Noto Serif CJK JP", serif; }
h1, h2, h3 { line-height: 1.3;
  font-family: "Noto Sans", "Helvetica Neue", Arial, "Hiragino Kaku Gothic ProN", "Yu Gothic", "Noto Sans CJK JP", sans-serif; }
html[lang="ja"] body { font-family: "Hiragino Mincho ProN", "Yu Mincho", "YuMincho", "Noto Serif CJK JP", "IPAexMincho", serif; }
html[lang="ja"] h1, html[lang="ja"] h2, html[lang="ja"] h3 {
  font-family: "Hiragino Kaku Gothic ProN", "Yu Gothic", "YuGothic", "Noto Sans CJK JP", "IPAexGothic", sans-serif; }
h1 { font-size: 1.6em; border-bottom: 2px solid #000; padding-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #666; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-top: 1.2em; }
ul, ol { padding-left: 1.6em; }
blockquote { margin: 0.6em 0; padding: 0.2em 1em; border-left: 3px solid #888; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #000; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
hr { border: 0; border-top: 1px solid #666; }
@media print {
  body { margin: 0; max-width: none; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  li, blockquote, tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)css";

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using Tree = std::unique_ptr<cmark_node, NodeFree>;

// s with &, <, > and " written as entities.
std::string escape_html(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// True when url starts with http://, https:// or mailto: (any case): the only links kept.
bool allowed_url(const char* url) {
  std::string u = url ? url : "";
  for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* p : {"http://", "https://", "mailto:"})
    if (u.rfind(p, 0) == 0) return true;
  return false;
}

// A text node holding literal.
cmark_node* text_node(const char* literal) {
  cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(t, literal ? literal : "");
  return t;
}

// Puts node's children in its place and frees it.
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
  cmark_node_free(node);
}

// Makes the tree inert: raw HTML becomes text (an HTML block a paragraph of text), a link to an
// address not allowed becomes its text, every image its description.
void make_inert(cmark_node* root) {
  std::vector<cmark_node*> found;  // the tree is changed after the walk, never during it
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_IMAGE: found.push_back(n); break;
      case CMARK_NODE_LINK:
        if (!allowed_url(cmark_node_get_url(n))) found.push_back(n);
        break;
      default: break;
    }
  }
  cmark_iter_free(it);
  // Innermost first (the walk met parents before children), so a node is changed before the
  // node holding it.
  for (auto n = found.rbegin(); n != found.rend(); ++n) {
    switch (cmark_node_get_type(*n)) {
      case CMARK_NODE_HTML_BLOCK: {
        std::string text = cmark_node_get_literal(*n) ? cmark_node_get_literal(*n) : "";
        while (!text.empty() && text.back() == '\n') text.pop_back();
        cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
        cmark_node_append_child(para, text_node(text.c_str()));
        cmark_node_replace(*n, para);
        cmark_node_free(*n);
        break;
      }
      case CMARK_NODE_HTML_INLINE:
        cmark_node_replace(*n, text_node(cmark_node_get_literal(*n)));
        cmark_node_free(*n);
        break;
      default: unwrap(*n); break;  // a link or an image: its text in its place
    }
  }
}

// The text of the first heading of the tree ("" when there is none).
std::string first_heading(cmark_node* root) {
  for (cmark_node* n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_HEADING) continue;
    std::string text;
    cmark_iter* it = cmark_iter_new(n);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      cmark_node* x = cmark_iter_get_node(it);
      cmark_node_type t = cmark_node_get_type(x);
      if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE))
        text += cmark_node_get_literal(x);
    }
    cmark_iter_free(it);
    return text;
  }
  return "";
}

}  // namespace

std::string html_page(const std::string& markdown, std::string_view locale) {
  // CMARK_OPT_SAFE is cmark's default since 0.29 (named here for older versions); never UNSAFE.
  const int options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;
  Tree tree{cmark_parse_document(markdown.data(), markdown.size(), options)};
  make_inert(tree.get());
  std::unique_ptr<char, decltype(&std::free)> body{cmark_render_html(tree.get(), options), &std::free};
  return fmt::format(
      "<!DOCTYPE html>\n"
      "<html lang=\"{}\">\n"
      "<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n"
      "<style>\n{}</style>\n"
      "</head>\n"
      "<body>\n{}</body>\n"
      "</html>\n",
      is_ja(locale) ? "ja" : "en", escape_html(first_heading(tree.get())), kStyle, body.get());
}

}  // namespace casectl
