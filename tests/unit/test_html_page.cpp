// The printable HTML page of a document: standalone, in the document's language, A4 print
// stylesheet, and nothing of the Markdown active.
#include <doctest/doctest.h>

#include <string>

#include "core/html_page.hpp"

using namespace casectl;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("html page: doctype, language, charset, title, print stylesheet") {
  std::string en = html_page("# Support plan\n\n- Case: C-2026-0001\n", "en");
  CHECK(en.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n", 0) == 0);
  CHECK(has(en, "<meta charset=\"utf-8\">"));
  CHECK(has(en, "<title>Support plan</title>"));
  CHECK(has(en, "@page { size: A4;"));
  CHECK(has(en, "@media print"));
  CHECK(has(en, "\"Noto Serif CJK JP\", serif"));
  CHECK(has(en, "th, td { border: 1px solid"));
  CHECK(has(en, "<h1>Support plan</h1>\n<ul>\n<li>Case: C-2026-0001</li>\n</ul>\n</body>\n</html>\n"));
  std::string ja = html_page("# 支援計画書 <1>\n", "ja");
  CHECK(ja.rfind("<!DOCTYPE html>\n<html lang=\"ja\">\n", 0) == 0);
  CHECK(has(ja, "<title>支援計画書 &lt;1&gt;</title>"));
  CHECK(html_page("x\n", "ja") == html_page("x\n", "ja"));
}

TEST_CASE("html page: raw HTML in the Markdown is shown as text, never as markup") {
  std::string page = html_page("# T\n\n- a <script>alert(1)</script> b\n\n> <img src=x onerror=alert(1)>\n\n"
                               "<div onclick=\"x()\">block</div>\n",
                               "en");
  CHECK_FALSE(has(page, "<script"));
  CHECK_FALSE(has(page, "<img"));
  CHECK_FALSE(has(page, "<div"));
  CHECK(has(page, "a &lt;script&gt;alert(1)&lt;/script&gt; b"));
  CHECK(has(page, "&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(has(page, "<p>&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;</p>"));
}

TEST_CASE("html page: links keep only http, https and mailto, images become their text") {
  std::string page = html_page("[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [v](vbscript:a) "
                               "[d](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(2)> "
                               "[ok](https://example.org/a) <mailto:a@example.org> ![photo](https://t.example/p.png)\n",
                               "en");
  CHECK_FALSE(has(page, "href=\"javascript"));
  CHECK_FALSE(has(page, "href=\"JAVASCRIPT"));
  CHECK_FALSE(has(page, "vbscript:"));
  CHECK_FALSE(has(page, "data:text"));
  CHECK_FALSE(has(page, "<img"));
  CHECK(has(page, "<p>x y v d javascript:alert(2) <a"));  // an autolink not allowed: its text
  CHECK(has(page, "<a href=\"https://example.org/a\">ok</a>"));
  CHECK(has(page, "<a href=\"mailto:a@example.org\">"));
  CHECK(has(page, " photo</p>"));
}
