// What the document views (core/document_views.cpp, core/document_views_practice.cpp) share:
// free text made Markdown-safe, worker names, and the writer of every value in the configured
// locale and date style.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "core/locale_text.hpp"
#include "core/record.hpp"

namespace casectl {
namespace views_detail {

using json = nlohmann::json;

// Text for a list item or a line: blank lines dropped, further lines indented so that Markdown
// keeps them in the same paragraph.
std::string inline_text(const std::string& text);
// Text of several lines as a Markdown quote block ("> line", ">" for a blank line).
std::string block_text(const std::string& text);
// The worker's name from the config, else the id itself.
std::string worker_name(const Config& c, const std::string& id);

// What every value in a view is written with: locale, date style, config.
struct Writer {
  const Config& config;
  std::string locale;
  DateStyle style;

  // An enumeration value's label, "unknown" when empty.
  std::string label(const Enum& e, const std::string& v) const {
    return v.empty() ? unknown_text(locale) : e.label(v, locale);
  }
  // The labels of a list of enumeration values, joined.
  std::string labels(const Enum& e, const Strings& vs) const {
    Strings out;
    for (const auto& v : vs) out.push_back(label(e, v));
    return join_list(out, locale);
  }
  // A date, "" when absent.
  std::string date(const OptDate& d) const { return d ? format_date(*d, locale, style) : ""; }
  // Sets key to the date (or "") and has_<key>.
  void set_date(json& j, const std::string& key, const OptDate& d) const {
    j[key] = date(d);
    j["has_" + key] = d.has_value();
  }
  // Sets key to free text for a line (or "") and has_<key>.
  void set_inline(json& j, const std::string& key, const std::string& text) const {
    j[key] = inline_text(text);
    j["has_" + key] = !j[key].get<std::string>().empty();
  }
  // Sets key to free text as a quote block (or "") and has_<key>.
  void set_block(json& j, const std::string& key, const std::string& text) const {
    j[key] = block_text(text);
    j["has_" + key] = !j[key].get<std::string>().empty();
  }
  // A worker's name.
  std::string worker(const std::string& id) const { return worker_name(config, id); }
};

// The writer for config: its locale and date style.
Writer writer_for(const Config& config);

// The worker in charge on day `on` as the handovers (assignments) tell it: the `to` of the last
// handover on or before it, else the `from` of the first one, else the record's worker (also
// when `on` is absent).
std::string in_charge_on(const Record& r, const OptDate& on);

// The date of the document before plan p / review rv (plans, reviews and closures that came
// before it, on or before its date); none for the first document.
OptDate date_before_plan(const Record& r, const Plan& p);
OptDate date_before_review(const Record& r, const Review& rv);

}  // namespace views_detail

// The keys of the practice sections (issue 11) of the plan or review document dated `on`:
// the handovers after `since` (the document before it; none: since the case opened) up to `on`
// (has_handovers, handovers), the safety checks up to that date (has_safety_checks, safety_checks), the
// custody periods as they stood on it (has_custody, custody), the latest conference on or
// before it (has_conference, conference_*), and the related cases' IDs and relations only
// (has_links, links). Each section's has_* is false when the record holds nothing for it.
// (core/document_views_practice.cpp)
void set_practice_view(nlohmann::json& j, const Record& r, const OptDate& on, const OptDate& since,
                       const views_detail::Writer& w);

}  // namespace casectl
