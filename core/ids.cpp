// Case IDs: strict parsing, the sharded folder of a case, and the next free ID of a year.
#include "core/ids.hpp"

#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace casectl {

namespace {

// True when every character of s is a decimal digit (and s is not empty).
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The value of a string of digits that all_digits() accepted and that fits in an int.
int digits_value(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// A short, printable rendering of an argument for an error message.
std::string quoted_argument(std::string_view text) {
  std::string s;
  for (char c : text.substr(0, 40)) {
    unsigned char u = static_cast<unsigned char>(c);
    s += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (text.size() > 40) s += "...";
  return "'" + s + "'";
}

// Names in a folder (without "." and ".."); nullopt when the folder does not exist or is not one.
std::optional<std::vector<std::string>> list_folder(const std::string& path) {
  std::unique_ptr<DIR, int (*)(DIR*)> dir(opendir(path.c_str()), closedir);
  if (!dir) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    fail(ErrorKind::internal, txf("cannot read folder {}: {}", path, std::strerror(errno)));
  }
  std::vector<std::string> names;
  errno = 0;
  while (dirent* e = readdir(dir.get())) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  return names;
}

}  // namespace

std::string CaseId::str() const { return fmt::format("{}-{:04d}-{:04d}", prefix, year, seq); }

bool plain_id(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
          c == '.'))
      return false;
  return true;
}

bool id_before(const CaseId& a, const CaseId& b) {
  if (a.prefix != b.prefix) return a.prefix < b.prefix;
  if (a.year != b.year) return a.year < b.year;
  return a.seq < b.seq;
}

std::optional<CaseId> parse_case_id(std::string_view text) {
  size_t d1 = text.find('-');
  if (d1 == std::string_view::npos) return std::nullopt;
  size_t d2 = text.find('-', d1 + 1);
  if (d2 == std::string_view::npos) return std::nullopt;
  std::string_view prefix = text.substr(0, d1);
  std::string_view year = text.substr(d1 + 1, d2 - d1 - 1);
  std::string_view seq = text.substr(d2 + 1);
  if (!valid_prefix(prefix)) return std::nullopt;
  if (year.size() != 4 || !all_digits(year) || year[0] == '0') return std::nullopt;
  // Four digits at least, at most nine (fits an int); wider than four only without a leading 0.
  if (seq.size() < 4 || seq.size() > 9 || !all_digits(seq)) return std::nullopt;
  if (seq.size() > 4 && seq[0] == '0') return std::nullopt;
  CaseId id{std::string(prefix), digits_value(year), digits_value(seq)};
  if (id.seq < 1) return std::nullopt;
  return id;
}

CaseId require_case_id(std::string_view text) {
  if (auto id = parse_case_id(text)) return *id;
  fail(ErrorKind::usage, txf("{} is not a case ID (expected PREFIX-YYYY-NNNN, e.g. C-2026-0001)", quoted_argument(text)));
}

bool valid_prefix(std::string_view text) {
  return !text.empty() && text.size() <= 8 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string case_dir(const CaseId& id) {
  return fmt::format("cases/{:04d}/{:02d}/{}", id.year, id.seq / 100, id.str());
}

std::string case_file(const CaseId& id) { return case_dir(id) + "/case.yaml"; }

int id_year(const Date& opened, const std::string& scheme) {
  if (scheme == "fiscal" && opened.m < 4) return opened.y - 1;
  return opened.y;
}

CaseId next_case_id(const std::string& root, const std::string& prefix, int year) {
  CaseId next{prefix, year, 1};
  std::string year_dir = fmt::format("{}/cases/{:04d}", root, year);
  auto shards = list_folder(year_dir);
  if (!shards) return next;
  // Shard folders, highest number first; other prefixes may share the year, so look further down
  // until a shard holds an ID of this prefix.
  std::vector<std::pair<long, std::string>> numbered;
  for (auto& name : *shards)
    if (all_digits(name) && name.size() <= 9) numbered.emplace_back(std::stol(name), name);
  std::sort(numbered.begin(), numbered.end(), std::greater<>());
  for (auto& [number, name] : numbered) {
    auto entries = list_folder(year_dir + "/" + name);
    if (!entries) continue;
    int best = 0;
    for (auto& entry : *entries) {
      auto id = parse_case_id(entry);
      if (id && id->prefix == prefix && id->year == year) best = std::max(best, id->seq);
    }
    if (best > 0) {
      next.seq = best + 1;
      return next;
    }
  }
  return next;
}

}  // namespace casectl
