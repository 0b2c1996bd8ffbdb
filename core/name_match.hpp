// The one way casectl compares people's names (earlier cases at `new`, `list --name`): Unicode
// NFKC (full-width letters and digits become ASCII, half-width katakana full-width), case folded,
// with every space removed (ASCII space, U+3000 ideographic space and every other space or line
// separator), so that "山田　花子", "山田 花子" and "山田花子" are one name, and "ＹＡＭＡＤＡ Hanako"
// is "yamadahanako".
#pragma once
#include <string>
#include <string_view>

namespace casectl {

// The normalised form of a name (see above). Text that is not valid UTF-8 is kept as it is,
// ASCII spaces removed.
std::string normalise_name(std::string_view name);

// True when the normalised haystack contains the normalised needle (an empty needle matches).
// Both are already normalised.
bool name_contains(std::string_view normalised_haystack, std::string_view normalised_needle);

}  // namespace casectl
