#include "core/enums.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <utf8proc.h>

#include "core/i18n.hpp"

namespace casectl {

namespace {

// typed as find() compares it: NFKC (full-width letters, digits and spaces as ASCII, half-width
// katakana full-width), then ASCII spaces trimmed from both ends. Text that is not valid UTF-8 is
// only trimmed.
std::string comparable(std::string_view typed) {
  std::string s(typed);
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(typed.data()),
                                    static_cast<utf8proc_ssize_t>(typed.size()), &mapped, options);
  if (n >= 0) s.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  std::free(mapped);
  const char* spaces = " \t\r\n";
  std::size_t first = s.find_first_not_of(spaces);
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(spaces) - first + 1);
}

}  // namespace

bool Enum::contains(std::string_view v) const {
  for (const auto& e : values)
    if (v == e.value) return true;
  return false;
}

std::string Enum::allowed() const {
  std::string s;
  for (const auto& e : values) {
    if (!s.empty()) s += " | ";
    s += e.value;
  }
  return s;
}

std::string Enum::label(std::string_view v, std::string_view locale) const {
  const EnumValue* e = of_code(v);
  if (!e) return std::string(v);
  return locale == "ja" ? e->ja : e->en;
}

const EnumValue* Enum::of_code(std::string_view v) const {
  for (const auto& e : values)
    if (v == e.value) return &e;
  return nullptr;
}

const EnumValue* Enum::find(std::string_view typed) const {
  for (const auto& e : values)
    if (typed == e.value) return &e;
  std::string t = comparable(typed);
  if (t.empty()) return nullptr;
  for (const auto& e : values)
    if (t == e.value || t == comparable(e.en) || t == comparable(e.ja)) return &e;
  return nullptr;
}

std::string Enum::allowed_labelled() const {
  std::string s;
  for (const auto& e : values) s += fmt::format("{}{} ({} / {})", s.empty() ? "" : ", ", e.value, e.en, e.ja);
  return s;
}

std::string Enum::not_one_of(std::string_view what, std::string_view typed) const {
  return txf("{} \"{}\" is not one of: {}", what, typed, allowed_labelled());
}

namespace enums {

const Enum status{"status", {
    {"intake", "intake", "受理"},
    {"assessed", "assessed", "アセスメント済"},
    {"active", "active", "支援中"},
    {"closed", "closed", "終結"}}};

const Enum sex{"sex", {
    {"female", "female", "女"},
    {"male", "male", "男"},
    {"other", "other", "その他"},
    {"unknown", "unknown", "不明"}}};

const Enum source{"source", {
    {"school", "school", "学校"},
    {"police", "police", "警察"},
    {"hospital", "hospital", "医療機関"},
    {"neighbour", "neighbour", "近隣・知人"},
    {"family", "family", "家族・親族"},
    {"self", "self", "本人"},
    {"anonymous", "anonymous", "匿名"},
    {"agency", "agency", "関係機関"},
    {"other", "other", "その他"}}};

const Enum urgency{"urgency", {
    {"immediate", "immediate", "緊急"},
    {"urgent", "urgent", "至急"},
    {"routine", "routine", "通常"}}};

const Enum concern{"concern", {
    {"physical-abuse", "physical abuse", "身体的虐待"},
    {"sexual-abuse", "sexual abuse", "性的虐待"},
    {"psychological-abuse", "psychological abuse", "心理的虐待"},
    {"neglect", "neglect", "ネグレクト"},
    {"domestic-violence", "domestic violence", "家庭内暴力(面前DVを含む)"},
    {"poverty", "poverty", "貧困"},
    {"housing", "housing", "住まい"},
    {"employment", "employment", "就労"},
    {"mental-health", "mental health", "精神保健"},
    {"disability", "disability", "障害"},
    {"elder-care", "elder care", "介護"},
    {"isolation", "isolation", "社会的孤立"},
    {"school", "school", "学校・不登校"},
    {"other", "other", "その他"}}};

const Enum method{"method", {
    {"home-visit", "home visit", "家庭訪問"},
    {"interview-child", "interview with the child", "本人面接"},
    {"interview-family", "interview with the family", "家族面接"},
    {"professional-consult", "consultation with professionals", "関係機関への照会"},
    {"records", "records", "記録の確認"},
    {"questionnaire", "questionnaire", "質問紙"},
    {"other", "other", "その他"}}};

const Enum safety{"safety", {
    {"safe", "safe", "安全"},
    {"safe-with-plan", "safe with a safety plan", "安全計画により安全"},
    {"unsafe", "unsafe", "安全でない"}}};

const Enum risk{"risk", {
    {"low", "low", "低"},
    {"medium", "medium", "中"},
    {"high", "high", "高"},
    {"very-high", "very high", "非常に高い"}}};

const Enum need_domain{"need domain", {
    {"safety", "safety", "安全"},
    {"health", "health", "健康"},
    {"mental-health", "mental health", "心の健康"},
    {"education", "education", "教育"},
    {"family", "family", "家族関係"},
    {"housing", "housing", "住まい"},
    {"income", "income", "収入"},
    {"development", "development", "発達"},
    {"legal", "legal", "法的手続"},
    {"other", "other", "その他"}}};

const Enum service_type{"service type", {
    {"psychological", "psychological support", "心理的支援"},
    {"medical", "medical", "医療"},
    {"educational", "educational support", "教育支援"},
    {"social-welfare", "social-welfare services", "福祉サービス"},
    {"legal", "legal support", "法的支援"},
    {"financial", "financial support", "経済的支援"},
    {"housing", "housing support", "住まいの支援"},
    {"parenting", "parenting support", "養育支援"},
    {"protective-custody", "protective custody", "一時保護"},
    {"other", "other", "その他"}}};

const Enum progress{"goal progress", {
    {"not-started", "not started", "未着手"},
    {"in-progress", "in progress", "取組中"},
    {"achieved", "achieved", "達成"},
    {"not-achieved", "not achieved", "未達成"}}};

const Enum delivered{"service delivered", {
    {"yes", "yes", "実施"},
    {"partly", "partly", "一部実施"},
    {"no", "no", "未実施"}}};

const Enum decision{"decision", {
    {"continue", "continue", "継続"},
    {"revise-plan", "revise the plan", "計画の見直し"},
    {"reassess", "reassess", "再アセスメント"},
    {"close", "close", "終結"}}};

const Enum closure_reason{"closure reason", {
    {"goals-achieved", "goals achieved", "目標達成"},
    {"no-further-action", "no further action", "支援不要"},
    {"transferred", "transferred", "移管"},
    {"moved-away", "moved away", "転居"},
    {"client-declined", "client declined", "本人の辞退"},
    {"aged-out", "aged out", "年齢到達"},
    {"other", "other", "その他"}}};

const Enum approval_kind{"approval kind", {
    {"closure", "closure", "終結"},
    {"plan", "plan", "支援計画"}}};

const Enum amendment_reason{"amendment reason", {
    {"typo", "typo", "誤記"},
    {"late-information", "late information", "追加情報"},
    {"correction", "correction", "訂正"},
    {"wrong-case", "wrong case", "別ケースへの誤入力"},
    {"other", "other", "その他"}}};

const Enum category{"category", {
    {"protection", "protection", "養護相談"},
    {"disability", "disability", "障害相談"},
    {"delinquency", "delinquency", "非行相談"},
    {"upbringing", "upbringing", "育成相談"},
    {"health", "health", "保健相談"},
    {"other", "other", "その他"}}};

const Enum check_method{"safety check method", {
    {"seen-at-home", "seen at home", "家庭で目視"},
    {"seen-at-school", "seen at school", "学校で目視"},
    {"seen-at-office", "seen at the office", "所内で目視"},
    {"seen-elsewhere", "seen elsewhere", "その他の場所で目視"},
    {"not-seen", "not seen", "目視できず"}}};

const Enum check_outcome{"safety check outcome", {
    {"safe", "safe", "安全"},
    {"unsafe", "unsafe", "安全でない"},
    {"not-seen", "not seen", "確認できず"}}};

const Enum custody_basis{"custody basis", {
    {"ex-officio", "ex officio", "職権"},
    {"consent", "consent", "同意"}}};

const Enum extension_approver{"extension approved by", {
    {"council", "child welfare council", "児童福祉審議会"},
    {"court", "family court", "家庭裁判所"},
    {"director", "director", "所長"}}};

const Enum custody_outcome{"custody outcome", {
    {"returned-home", "returned home", "家庭復帰"},
    {"placement", "placement", "施設入所・里親委託"},
    {"other", "other", "その他"}}};

const Enum conference_kind{"conference kind", {
    {"intake", "intake", "受理会議"},
    {"assessment", "assessment", "アセスメント"},
    {"plan", "plan", "援助方針"},
    {"review", "review", "評価"},
    {"closure", "closure", "終結"},
    {"other", "other", "その他"}}};

const Enum assignment_reason{"handover reason", {
    {"transfer", "transfer", "異動"},
    {"leave", "leave", "休暇"},
    {"workload", "workload", "業務量"},
    {"specialism", "specialism", "専門性"},
    {"other", "other", "その他"}}};

const Enum link_relation{"relation", {
    {"sibling", "sibling", "きょうだい"},
    {"same-household", "same household", "同一世帯"},
    {"previous-case", "previous case", "以前のケース"},
    {"other", "other", "その他"}}};

const Enum disclosure_what{"information shared", {
    {"plan", "plan", "支援計画"},
    {"assessment", "assessment", "アセスメント"},
    {"review", "review", "評価"},
    {"record", "record", "記録"},
    {"other", "other", "その他"}}};

const Enum id_scheme{"id scheme", {
    {"calendar", "calendar year", "暦年"},
    {"fiscal", "fiscal year (April-March)", "年度"}}};

const Enum note_kind{"note kind", {
    {"home-visit", "home visit", "家庭訪問"},
    {"phone", "phone", "電話"},
    {"meeting", "meeting", "会議"},
    {"interview", "interview", "面接"},
    {"letter", "letter", "文書"},
    {"other", "other", "その他"}}};

const Enum role{"role", {
    {"worker", "Case worker", "担当ケースワーカー"},
    {"supervisor", "Supervisor", "スーパーバイザー"}}};

const Enum locale{"locale", {
    {"en", "English", "英語"},
    {"ja", "Japanese", "日本語"}}};

}  // namespace enums
}  // namespace casectl
