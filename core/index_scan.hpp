// Finding every case record of a case directory and what its file looks like on disk, for the
// case index: cases/YEAR/SHARD/ID/case.yaml, read by folder listings and one stat per file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace casectl {

// What identifies a version of a file without reading it (like git's index).
struct FileStat {
  std::int64_t mtime_ns = 0, ctime_ns = 0, size = 0, inode = 0;
  bool regular = true;  // false: case.yaml is a link, a folder or could not be examined

  bool operator==(const FileStat& o) const {
    return mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && size == o.size &&
           inode == o.inode && regular == o.regular;
  }
  bool operator!=(const FileStat& o) const { return !(*this == o); }
};

// A record whose mtime is this close before it was read (or before the refresh that stat'ed it
// began) may change again within the same clock tick without its stat telling: what was read of
// it is not trusted past that run (the index reads it again; the as-of cache does not keep it).
inline constexpr std::int64_t kRacyNs = 2'000'000'000;

// Now on the clock file times are kept in (CLOCK_REALTIME), in nanoseconds.
std::int64_t wall_ns();

// One case record found on disk.
struct FoundCase {
  CaseId id;
  FileStat stat;
  // Its file, relative to the root: case_file(id), "cases/2026/00/C-2026-0001/case.yaml".
  std::string path() const { return case_file(id); }
};

// The records scan_cases() found: each shard folder's list as its scan made it (not copied into
// one list: at 100,000 cases that copy was 8 MB of memory touched), iterated as one list.
// Elements never move while it lives (pointers to them stay valid).
class FoundCases {
 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = FoundCase;
    using difference_type = std::ptrdiff_t;
    using pointer = const FoundCase*;
    using reference = const FoundCase&;
    const_iterator() = default;
    const FoundCase& operator*() const { return (*lists_)[list_][item_]; }
    const FoundCase* operator->() const { return &**this; }
    const_iterator& operator++() {
      ++item_;
      settle();
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator was = *this;
      ++*this;
      return was;
    }
    bool operator==(const const_iterator& o) const {
      return lists_ == o.lists_ && list_ == o.list_ && item_ == o.item_;
    }
    bool operator!=(const const_iterator& o) const { return !(*this == o); }

   private:
    friend class FoundCases;
    const_iterator(const std::vector<std::vector<FoundCase>>* lists, std::size_t list)
        : lists_(lists), list_(list) {
      settle();
    }
    // Past the end of a list: the start of the next list that is not empty.
    void settle() {
      while (list_ < lists_->size() && item_ == (*lists_)[list_].size()) {
        ++list_;
        item_ = 0;
      }
    }
    const std::vector<std::vector<FoundCase>>* lists_ = nullptr;
    std::size_t list_ = 0, item_ = 0;
  };

  FoundCases() = default;
  explicit FoundCases(std::vector<std::vector<FoundCase>> lists) : lists_(std::move(lists)) {}
  // Moved, never copied: the index keeps pointers to the elements (a move keeps them where they
  // are, and leaves the one moved from empty).
  FoundCases(FoundCases&&) noexcept = default;
  FoundCases& operator=(FoundCases&&) noexcept = default;
  FoundCases(const FoundCases&) = delete;
  FoundCases& operator=(const FoundCases&) = delete;
  std::size_t size() const;
  bool empty() const { return begin() == end(); }
  const_iterator begin() const { return const_iterator(&lists_, 0); }
  const_iterator end() const { return const_iterator(&lists_, lists_.size()); }

 private:
  std::vector<std::vector<FoundCase>> lists_;
};

// Every case record under root/cases: year folders of four digits, shard folders of digits,
// case folders whose names parse as case IDs and that sit in their own year and shard
// (case_dir(id)), each holding case.yaml. Links are not followed. Order is unspecified.
// Error(internal) when a folder exists but cannot be read.
FoundCases scan_cases(const std::string& root);

// lstat of one file: nullopt when absent, a non-regular FileStat when it is a link or folder
// or cannot be examined.
std::optional<FileStat> stat_file(const std::string& path);

// The case ID of a record path of the form case_file(id) ("cases/Y/S/ID/case.yaml"); nullopt
// for any other path.
std::optional<CaseId> case_id_of_path(const std::string& rel);

}  // namespace casectl
