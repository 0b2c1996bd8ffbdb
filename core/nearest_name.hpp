// The name a person most likely meant when they typed one that does not exist (`casectl asess`,
// `--urgancy`): the nearest by edit distance among the names that do, when it is close enough.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace casectl {

// The optimal-string-alignment (restricted Damerau-Levenshtein) distance of a and b, in bytes:
// the fewest insertions, deletions, substitutions and swaps of two neighbours that turn a into b.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The name nearest to typed, when its distance is at most 1 for a name of up to 4 bytes and at
// most 2 for a longer one, and no other name is as near; nullopt otherwise (and for typed itself).
std::optional<std::string> nearest_name(std::string_view typed, const std::vector<std::string>& names);

}  // namespace casectl
