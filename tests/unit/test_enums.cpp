// The closed lists of the record (SPEC section 3): every table named, non-empty, its values
// unique codes with unique English and Japanese labels; contains(), allowed() and label().
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "core/enums.hpp"

using namespace casectl;

namespace {

// Every table of enums::, by its C++ name.
struct Table {
  const char* cpp;
  const Enum* e;
};

const std::vector<Table>& tables() {
  static const std::vector<Table> t{
      {"status", &enums::status},
      {"sex", &enums::sex},
      {"source", &enums::source},
      {"urgency", &enums::urgency},
      {"concern", &enums::concern},
      {"method", &enums::method},
      {"safety", &enums::safety},
      {"risk", &enums::risk},
      {"need_domain", &enums::need_domain},
      {"service_type", &enums::service_type},
      {"progress", &enums::progress},
      {"delivered", &enums::delivered},
      {"decision", &enums::decision},
      {"closure_reason", &enums::closure_reason},
      {"note_kind", &enums::note_kind},
      {"role", &enums::role},
      {"locale", &enums::locale},
      {"approval_kind", &enums::approval_kind},
      {"amendment_reason", &enums::amendment_reason},
  };
  return t;
}

// True when s is a stored code: lower-case letters and digits, words joined by single '-'.
bool is_code(const std::string& s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && s[i + 1] == '-')) return false;
  }
  return true;
}

// The values of a table in order.
std::vector<std::string> values_of(const Enum& e) {
  std::vector<std::string> v;
  for (const auto& x : e.values) v.push_back(x.value);
  return v;
}

}  // namespace

TEST_CASE("every table has a name and values, each a unique code with unique labels") {
  std::set<std::string> names;
  for (const auto& t : tables()) {
    CAPTURE(t.cpp);
    REQUIRE(t.e->name);
    CHECK(std::string(t.e->name) != "");
    CHECK(names.insert(t.e->name).second);  // no two tables share a name
    CHECK_FALSE(t.e->values.empty());
    std::set<std::string> values, en, ja;
    for (const auto& v : t.e->values) {
      CAPTURE(v.value);
      REQUIRE(v.value);
      REQUIRE(v.en);
      REQUIRE(v.ja);
      CHECK(is_code(v.value));
      CHECK(std::string(v.en) != "");
      CHECK(std::string(v.ja) != "");
      CHECK(values.insert(v.value).second);  // unique value
      CHECK(en.insert(v.en).second);         // unique English label
      CHECK(ja.insert(v.ja).second);         // unique Japanese label (typed as input, SPEC 5)
    }
  }
}

TEST_CASE("the tables hold the values of SPEC section 3, in its order") {
  using V = std::vector<std::string>;
  CHECK(values_of(enums::status) == V{"intake", "assessed", "active", "closed"});
  CHECK(values_of(enums::sex) == V{"female", "male", "other", "unknown"});
  CHECK(values_of(enums::source) == V{"school", "police", "hospital", "neighbour", "family",
                                      "self", "anonymous", "agency", "other"});
  CHECK(values_of(enums::urgency) == V{"immediate", "urgent", "routine"});
  CHECK(values_of(enums::concern) ==
        V{"physical-abuse", "sexual-abuse", "psychological-abuse", "neglect", "domestic-violence",
          "poverty", "housing", "employment", "mental-health", "disability", "elder-care",
          "isolation", "school", "other"});
  CHECK(values_of(enums::method) == V{"home-visit", "interview-child", "interview-family",
                                      "professional-consult", "records", "questionnaire",
                                      "other"});
  CHECK(values_of(enums::safety) == V{"safe", "safe-with-plan", "unsafe"});
  CHECK(values_of(enums::risk) == V{"low", "medium", "high", "very-high"});
  CHECK(values_of(enums::need_domain) == V{"safety", "health", "mental-health", "education",
                                           "family", "housing", "income", "development", "legal",
                                           "other"});
  CHECK(values_of(enums::role) == V{"worker", "supervisor"});
  CHECK(values_of(enums::locale) == V{"en", "ja"});
  // The values the rules and stages name by their code.
  for (const char* v : {"continue", "revise-plan", "reassess", "close"})
    CHECK_MESSAGE(enums::decision.contains(v), v);
  for (const char* v : {"goals-achieved", "no-further-action"})
    CHECK_MESSAGE(enums::closure_reason.contains(v), v);
  CHECK(enums::progress.contains("achieved"));
}

TEST_CASE("contains() is true for each value only, exactly as stored") {
  for (const auto& t : tables()) {
    CAPTURE(t.cpp);
    for (const auto& v : t.e->values) {
      CAPTURE(v.value);
      CHECK(t.e->contains(v.value));
      std::string s = v.value;
      CHECK_FALSE(t.e->contains(s + " "));
      CHECK_FALSE(t.e->contains(" " + s));
      CHECK_FALSE(t.e->contains(s.substr(0, s.size() - 1)));
      CHECK_FALSE(t.e->contains(s + "x"));
      std::string upper = s;
      for (auto& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      CHECK_FALSE(t.e->contains(upper));
    }
    CHECK_FALSE(t.e->contains(""));
  }
  // Labels are not values (input by a Japanese label is translated before it is checked).
  CHECK_FALSE(enums::concern.contains("physical abuse"));
  CHECK_FALSE(enums::risk.contains("高"));
  CHECK_FALSE(enums::sex.contains("女"));
  // A value of one table is not a value of another.
  CHECK_FALSE(enums::risk.contains("unsafe"));
  CHECK_FALSE(enums::status.contains("goals-achieved"));
}

TEST_CASE("allowed() lists every value in table order, joined by ' | '") {
  CHECK(enums::urgency.allowed() == "immediate | urgent | routine");
  CHECK(enums::risk.allowed() == "low | medium | high | very-high");
  CHECK(enums::safety.allowed() == "safe | safe-with-plan | unsafe");
  CHECK(enums::role.allowed() == "worker | supervisor");
  CHECK(enums::locale.allowed() == "en | ja");
  for (const auto& t : tables()) {
    CAPTURE(t.cpp);
    std::string want;
    for (const auto& v : t.e->values) want += (want.empty() ? "" : " | ") + std::string(v.value);
    CHECK(t.e->allowed() == want);
  }
  Enum empty{"nothing", {}};
  CHECK(empty.allowed() == "");
  CHECK_FALSE(empty.contains(""));
}

TEST_CASE("label() gives the English or Japanese label, the value itself when unknown") {
  CHECK(enums::concern.label("physical-abuse", "en") == "physical abuse");
  CHECK(enums::concern.label("physical-abuse", "ja") == "身体的虐待");
  CHECK(enums::risk.label("very-high", "en") == "very high");
  CHECK(enums::risk.label("high", "ja") == "高");
  CHECK(enums::sex.label("female", "ja") == "女");
  CHECK(enums::status.label("closed", "ja") == "終結");
  // Any locale but ja is English.
  CHECK(enums::risk.label("very-high", "fr") == "very high");
  CHECK(enums::risk.label("very-high", "") == "very high");
  // Not a value: given back as it is.
  CHECK(enums::risk.label("extreme", "en") == "extreme");
  CHECK(enums::risk.label("extreme", "ja") == "extreme");
  CHECK(enums::risk.label("", "ja") == "");
  for (const auto& t : tables())
    for (const auto& v : t.e->values) {
      CAPTURE(v.value);
      CHECK(t.e->label(v.value, "en") == v.en);
      CHECK(t.e->label(v.value, "ja") == v.ja);
    }
}

TEST_CASE("find() takes a value by its code, or by its English or Japanese label") {
  for (const auto& t : tables()) {
    CAPTURE(t.cpp);
    for (const auto& v : t.e->values) {
      CAPTURE(v.value);
      // Each code and each label names its own value and no other (no label of one value is
      // the code or a label of another in the same list).
      CHECK(t.e->find(v.value) == &v);
      CHECK(t.e->find(v.en) == &v);
      CHECK(t.e->find(v.ja) == &v);
    }
    CHECK(t.e->find("") == nullptr);
    CHECK(t.e->find("   ") == nullptr);
  }
  CHECK(std::string(enums::sex.find("女")->value) == "female");
  CHECK(std::string(enums::risk.find("高")->value) == "high");
  CHECK(std::string(enums::risk.find("very high")->value) == "very-high");
  CHECK(std::string(enums::urgency.find("緊急")->value) == "immediate");
  CHECK(std::string(enums::source.find("学校")->value) == "school");
  CHECK(std::string(enums::closure_reason.find("目標達成")->value) == "goals-achieved");
  // Not a value: a near miss, another list's label, a label's part, a different case.
  CHECK(enums::risk.find("hgh") == nullptr);
  CHECK(enums::risk.find("安全") == nullptr);
  CHECK(enums::risk.find("非常に") == nullptr);
  CHECK(enums::risk.find("High") == nullptr);
}

TEST_CASE("find() trims spaces and reads full-width letters and digits as ASCII, for comparing only") {
  CHECK(std::string(enums::risk.find(" 高 ")->value) == "high");
  CHECK(std::string(enums::risk.find("\u3000高\u3000")->value) == "high");  // ideographic spaces
  CHECK(std::string(enums::risk.find("ｈｉｇｈ")->value) == "high");           // full-width code
  CHECK(std::string(enums::risk.find("ｖｅｒｙ－ｈｉｇｈ")->value) == "very-high");
  CHECK(std::string(enums::risk.find("very　high")->value) == "very-high");   // full-width space inside
  CHECK(std::string(enums::concern.find("家庭内暴力（面前ＤＶを含む）")->value) == "domestic-violence");
  CHECK(std::string(enums::locale.find("ｊａ")->value) == "ja");
  // Half-width katakana is the full-width label.
  CHECK(std::string(enums::concern.find("ﾈｸﾞﾚｸﾄ")->value) == "neglect");
  // Invalid UTF-8 is no value (and no crash).
  CHECK(enums::risk.find("\xff\xfe") == nullptr);
}

TEST_CASE("allowed_labelled() and not_one_of() name every value as code (English / Japanese)") {
  CHECK(enums::risk.allowed_labelled() ==
        "low (low / 低), medium (medium / 中), high (high / 高), very-high (very high / 非常に高い)");
  CHECK(enums::sex.not_one_of("--sex", "f") ==
        "--sex \"f\" is not one of: female (female / 女), male (male / 男), other (other / その他), "
        "unknown (unknown / 不明)");
}
