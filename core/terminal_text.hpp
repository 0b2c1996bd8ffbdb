// Text made safe to show on a terminal: the one place that decides how a control character, a
// bidirectional control or a line separator from a record, a form or an argument is shown.
// It only transforms strings; the CLI decides where they go.
#pragma once
#include <string>
#include <string_view>

namespace casectl {

// What becomes of a line feed: kept (multi-line text, the caller indents what follows it) or
// shown as the two characters "\n" (a table cell, which must stay on its line).
enum class Newlines { keep, escape };

// `text` as it may reach a terminal: a tab becomes a space; every other control character (C0,
// DEL, C1) becomes a visible escape ("\x1b" for C0 and DEL, "\u009b" for C1); the line and
// paragraph separators (U+2028, U+2029) and the bidirectional controls (U+061C, U+200E, U+200F,
// U+202A-U+202E, U+2066-U+2069) are shown as "\u202e" and the like; each byte of invalid UTF-8
// becomes "?". A line feed is kept or escaped as `newlines` says. Everything else is unchanged,
// so the result holds no byte a terminal acts on but (when kept) the line feed.
std::string terminal_text(std::string_view text, Newlines newlines = Newlines::keep);

// Whether terminal_text() shows code point cp as it is (a line feed only when kept).
bool shown_as_is(char32_t cp, Newlines newlines);

// True when terminal_text(text, newlines) is text itself (most text, Japanese included): a
// caller can then show text without making a copy.
bool terminal_unchanged(std::string_view text, Newlines newlines = Newlines::keep);

}  // namespace casectl
