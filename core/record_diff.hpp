// What changed between two versions of a record, in the case's own terms: one RecordChange per
// changed field or added/removed item, found by ONE generic walk over the fields() tables of
// core/record.hpp (no per-section code), plus the current risk and safety as the summary gives
// them. Free text and the client's own identifying data are named, never carried as values.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"

namespace casectl {

enum class ChangeKind { added, removed, changed };

// "added", "removed", "changed".
const char* change_kind_name(ChangeKind k);

struct RecordChange {
  // Stable path: "status", "client.address", "plans[n=1].goals[id=G2].due", "notes[#4]" (an item
  // of a list without n or id, by its 1-based position), "risk" and "safety" (current, derived),
  // a document's file name ("plan-1.md"), or "" for the whole record.
  std::string path;
  // For people: "status", "client.address", "plan 1 goal G2 due", "note 4", "plan-1.md" (ja
  // "状況", "本人・住所", "支援計画 1 目標 G2 期限", "経過記録 4").
  std::string label;
  ChangeKind change = ChangeKind::changed;
  // True for a value change of a field (old/new are meaningful); false for a whole item, a
  // section, a document or the record.
  bool value = false;
  // The values as text (nullopt: absent). Always nullopt when withheld.
  std::optional<std::string> old_value, new_value;
  // True when the value is free text or personal data: the line names the field only.
  bool withheld = false;
  // For an added or removed item: what kind of item it was ("decision continue", "home-visit");
  // for the record's id across a renumbering (core/case_diff): "renumbered".
  std::string detail;
};

// Every change from a to b: the current risk and safety, then the record's fields in fields()
// order. Items of numbered lists are matched by n, goals/services/needs by id, review progress
// and outcomes by goal, deliveries by service, risks by domain; other lists (notes, consents,
// amendments, household, ...) by position. A list whose keys are missing or repeated is matched
// by position.
// The labels name the fields by their keys, or under locale ja by their Japanese labels
// (field_label(), core/record_schema.hpp): "plan 1 goal G2 due" / "支援計画 1 目標 G2 期限"; the
// paths are the same in every locale.
std::vector<RecordChange> diff_records(const Record& a, const Record& b, std::string_view locale = "en");

// One line for people: "status: assessed -> active", "review 2 added (decision continue)",
// "client.address changed", "consent 1 withdrawn: (none) -> 2026-12-01",
// "id: C-2026-0005 -> C-2026-0007 (renumbered)". The values are shown as they are (the caller
// makes the line terminal-safe).
std::string change_line(const RecordChange& c);

// The stable JSON array: one {path, change, old, new} object per change; old and new (null when
// absent) only for a value change that is not withheld.
nlohmann::ordered_json changes_json(const std::vector<RecordChange>& changes);

}  // namespace casectl
