// Commit messages read back: subject, action, case, summary and trailers.
#include "core/commit_text.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "core/config.hpp"
#include "core/ids.hpp"

namespace casectl {
namespace {

// The lines of text (without their line ends; a final line end adds no empty line).
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return out;
}

// True for a casectl action word: lower-case letters and inner hyphens.
bool action_word(std::string_view w) {
  if (w.empty() || w.front() == '-' || w.back() == '-') return false;
  for (char c : w)
    if (!(c >= 'a' && c <= 'z') && c != '-') return false;
  return true;
}

// The trailer paragraph: the last one, after at least one blank line below the subject, as the
// lines [first, second); nullopt when there is none.
std::optional<std::pair<std::size_t, std::size_t>> last_paragraph(const std::vector<std::string_view>& lines) {
  std::size_t end = lines.size();
  while (end > 1 && lines[end - 1].empty()) --end;
  std::size_t start = end;
  while (start > 1 && !lines[start - 1].empty()) --start;
  if (start <= 1 || start == end) return std::nullopt;  // no blank line after the subject, or no trailers
  return std::make_pair(start, end);
}

// A trailer line "Key: value" split, or nullopt when the line is not one.
std::optional<std::pair<std::string_view, std::string_view>> trailer_of(std::string_view line) {
  auto colon = line.find(": ");
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view key = line.substr(0, colon);
  for (char ch : key)
    if (!(ch >= 'A' && ch <= 'Z') && !(ch >= 'a' && ch <= 'z') && !(ch >= '0' && ch <= '9') && ch != '-')
      return std::nullopt;
  return std::make_pair(key, line.substr(colon + 2));
}

// The Renumbered-From trailer of any message whose last paragraph is all trailers: its value
// when it is there once and is a case ID, else "".
std::string renumbered_trailer(const std::vector<std::string_view>& lines) {
  auto para = last_paragraph(lines);
  if (!para) return "";
  std::string value;
  for (std::size_t i = para->first; i < para->second; ++i) {
    auto kv = trailer_of(lines[i]);
    if (!kv) return "";
    if (kv->first != kRenumberedFrom) continue;
    if (!value.empty() || !parse_case_id(kv->second)) return "";
    value = std::string(kv->second);
  }
  return value;
}

// Reads the trailer paragraph into t; false when a line is not one of casectl's trailers, or one
// is repeated.
bool read_trailers(const std::vector<std::string_view>& lines, CommitText& t, std::string& case_trailer,
                   std::string& renumbered) {
  auto para = last_paragraph(lines);
  if (!para) return false;
  auto [start, end] = *para;
  for (std::size_t i = 1; i < start; ++i)
    if (!lines[i].empty()) return false;  // casectl writes no body besides the trailers
  for (std::size_t i = start; i < end; ++i) {
    auto kv = trailer_of(lines[i]);
    if (!kv) return false;
    auto [key, value] = *kv;
    std::string* slot = key == "Worker" ? &t.worker : key == "Stage" ? &t.stage
                        : key == "Amendment" ? &t.amendment : key == "Case" ? &case_trailer
                        : key == kRenumberedFrom ? &renumbered : nullptr;
    if (!slot || !slot->empty() || value.empty()) return false;
    *slot = std::string(value);
  }
  return true;
}

}  // namespace

CommitText parse_commit_text(std::string_view message) {
  CommitText t;
  std::vector<std::string_view> lines = lines_of(message);
  if (lines.empty()) return t;
  std::string_view subject = lines[0];
  t.subject = std::string(subject);

  t.renumbered_from = renumbered_trailer(lines);

  CommitText c = t;
  std::string case_trailer, renumbered;
  if (!read_trailers(lines, c, case_trailer, renumbered) || !valid_worker_id(c.worker)) return t;
  bool has_case = !case_trailer.empty();
  // Renumbered-From goes with the case it was renumbered to, and names another, valid ID.
  if (!renumbered.empty() && (!has_case || renumbered != t.renumbered_from || renumbered == case_trailer))
    return t;
  auto space = subject.find_first_of(" :");
  c.action = std::string(subject.substr(0, space));
  if (!action_word(c.action)) return t;
  std::string_view rest = space == std::string_view::npos ? std::string_view() : subject.substr(space);
  if (has_case) {  // "ACTION ID" or "ACTION ID: SUMMARY"
    if (c.stage.empty() || rest.substr(0, 1) != " ") return t;
    rest.remove_prefix(1);
    auto colon = rest.find(": ");
    std::string_view id = rest.substr(0, colon);
    if (id != case_trailer || !parse_case_id(id)) return t;
    c.case_id = case_trailer;
    if (colon != std::string_view::npos) c.summary = std::string(rest.substr(colon + 2));
    else if (id.size() != rest.size()) return t;
  } else {  // "ACTION", "ACTION: SUMMARY" or "ACTION REST"
    if (!c.stage.empty() || !c.amendment.empty()) return t;
    if (rest.substr(0, 2) == ": ") rest.remove_prefix(2);
    else if (rest.substr(0, 1) == " ") rest.remove_prefix(1);
    else if (!rest.empty()) return t;
    c.summary = std::string(rest);
  }
  c.casectl = true;
  return c;
}

}  // namespace casectl
