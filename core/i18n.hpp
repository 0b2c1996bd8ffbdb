// Messages in the language chosen at start (cli/messages.cpp): every message a person reads is
// written in English in the source and looked up in the catalog (po/ja.po, GNU gettext) by tx()
// or txf(); N_() marks a text kept in a table and looked up where it is shown. Without a
// catalog (unit tests, English) the English text is returned as it is.
#pragma once
#include <libintl.h>

#include <string>

#include <fmt/format.h>

#define N_(text) text

namespace casectl {

inline constexpr const char* kTextDomain = "casectl";

// The message in the chosen language.
inline const char* tx(const char* msgid) { return dgettext(kTextDomain, msgid); }

// The message in the chosen language with its {} filled in (a translation keeps the msgid's
// placeholders: a test checks every one of po/ja.po).
template <class... Args> std::string txf(const char* msgid, const Args&... args) {
  return fmt::format(fmt::runtime(tx(msgid)), args...);
}

}  // namespace casectl
