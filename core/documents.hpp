// Documents of a case (SPEC section 7): Markdown rendered from Mustache templates, built in
// (templates/<locale>/<kind>.md.mustache, compiled into the binary) or overridden by a file of the
// same name under the case directory's templates/ folder.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/config.hpp"
#include "core/locale_text.hpp"
#include "core/record.hpp"

namespace casectl {

enum class DocKind { plan, review, closure };

// "plan" | "review" | "closure".
const char* doc_kind_name(DocKind kind);
// The kind named name ("plan", "review", "closure"); nullopt for any other name.
std::optional<DocKind> parse_doc_kind(std::string_view name);
// How a document is written: Markdown (committed with the stage), or a printable HTML page made
// from that Markdown (`doc --format html`).
enum class DocFormat { markdown, html };

// The document's file in the case folder: "plan-1.md", "review-2.md", "closure-1.md"; the family
// version of a plan "plan-1-family.md"; as HTML ".html" in place of ".md".
std::string doc_file_name(DocKind kind, int n, bool family = false,
                          DocFormat format = DocFormat::markdown);
// The template's file name: "plan.md.mustache", the family version "plan-family.md.mustache".
std::string template_file_name(DocKind kind, bool family = false);
// The n of the latest plan, review or closure of r (0 if none).
int latest_doc_number(const Record& r, DocKind kind);

// The built-in template of kind (its family version if family) for locale (en when the locale
// has none).
std::string builtin_template(DocKind kind, std::string_view locale, bool family = false);

// The values a template sees for plan n / review n / closure n of r: a JSON object of strings,
// booleans (has_*, is_child) and lists of objects; every key the built-in templates use is set,
// text absent from the record is "" with its has_* false. Error(not_found) naming the case if r
// has no such plan / review / closure. Each document is bound to the section it records (plan n
// and the assessment it answers, review n and its plan, closure n and the plan it closed): later
// events never change it; amendments that rendered it again are listed (has_amendments).
nlohmann::json document_view(const Record& r, DocKind kind, int n, const Config& config);

// Renders template text (file names it in errors) with view, no HTML escaping; runs of blank
// lines become one, the result ends with exactly one newline. Error(malformed) with the place in
// file of a Mustache syntax error.
std::string render_template(const std::string& text, const nlohmann::json& view,
                            const std::string& file);

// Renders the document of record r (plan n / review n / closure n; with family, the version of
// plan n handed to the family) with the template for config.locale, taking
// root/templates/<locale>/<template_file_name> when it exists (root "" = built-in only), as
// Markdown or as its HTML page (core/html_page.hpp) in the document's language. Same record and
// config -> same bytes. Error(usage) for a family version of a review or closure.
std::string render_document(const Record& r, DocKind kind, int n, const Config& config,
                            const std::string& root, bool family = false,
                            DocFormat format = DocFormat::markdown);

}  // namespace casectl
