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
// The document's file in the case folder: "plan-1.md", "review-2.md", "closure-1.md".
std::string doc_file_name(DocKind kind, int n);
// The template's file name: "plan.md.mustache".
std::string template_file_name(DocKind kind);
// The n of the latest plan, review or closure of r (0 if none).
int latest_doc_number(const Record& r, DocKind kind);

// The built-in template of kind for locale (en when the locale has none).
std::string builtin_template(DocKind kind, std::string_view locale);

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

// Renders the document of record r (plan n / review n / closure n)
// with the template for config.locale, taking root/templates/<locale>/<kind>.md.mustache when it
// exists (root "" = built-in only). Same record and config -> same bytes.
std::string render_document(const Record& r, DocKind kind, int n, const Config& config,
                            const std::string& root);

}  // namespace casectl
