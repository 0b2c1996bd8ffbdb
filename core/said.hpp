// A sentence kept in English and put into the chosen language only where a person reads it
// (SPEC section 5: JSON and CSV keep the canonical English text). Its message is an English
// msgid marked with N_() where it is written, with fmt's "{}" for its arguments; each argument is
// a text kept as it is (a path, a number, a library's own message) or another Said, translated
// with it ("{} ago" of "12 min").
#pragma once
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace casectl {

class Said {
 public:
  Said() = default;  // nothing said: empty()
  // msgid (marked N_()) with its "{}" filled in by args: Saids in the same language, anything
  // else as fmt::to_string writes it.
  template <class... Args>
  explicit Said(const char* msgid, const Args&... args) : text_(msgid), args_{arg(args)...} {}

  // A text shown as it is in every language.
  static Said verbatim(std::string text);

  // The English text (for JSON and CSV), and the text in the language chosen (for people).
  std::string english() const;
  std::string local() const;
  bool empty() const { return text_.empty(); }

 private:
  template <class T> static Said arg(const T& v) {
    if constexpr (std::is_same_v<T, Said>) return v;
    else if constexpr (std::is_convertible_v<const T&, std::string_view>) return verbatim(std::string(std::string_view(v)));
    else return verbatim(fmt::to_string(v));
  }
  std::string render(bool local) const;

  std::string text_;          // the msgid, or the text itself when verbatim_
  bool verbatim_ = false;
  std::vector<Said> args_;
};

}  // namespace casectl
