// A document as a standalone printable HTML page (SPEC section 7, `doc --format html`): the
// document's Markdown rendered with cmark, inert whatever the record's text holds, in a page with
// an embedded A4 print stylesheet.
#pragma once
#include <string>
#include <string_view>

namespace casectl {

// The page of markdown in locale ("ja" -> <html lang="ja">, anything else "en"): <!DOCTYPE html>,
// UTF-8, the first heading's text as <title>, the embedded stylesheet, the rendered body. Nothing
// of the Markdown becomes active: raw HTML is shown as text, links keep only http, https and
// mailto addresses (any other becomes its text), images become their description (a printed page
// fetches nothing). Same input -> same bytes.
std::string html_page(const std::string& markdown, std::string_view locale);

}  // namespace casectl
