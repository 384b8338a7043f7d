#include "domain/survey/survey_service.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/assessment/scoring.h"
#include "domain/audit/audit.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_store.h"
#include "domain/outbox/outbox_store.h"
#include "domain/validation.h"

namespace renkei::domain {

SurveyViewer SurveyViewerOf(const Principal& p) {
  return {p.org_id, p.is_government(), p.has(Role::kHubAnalyst)};
}

namespace {

std::string FieldOf(const std::string& q) { return "answers." + q; }

Status TypeError(const SurveyQuestion& q) {
  LocalText t;
  if (q.type == "single") t = {"exactly one of its choices", "選択肢から1つ"};
  if (q.type == "multiple") t = {"one or more of its choices", "選択肢から1つ以上"};
  if (q.type == "number") t = {"a number", "数値"};
  if (q.type == "date") t = {"a date (YYYY-MM-DD)", "日付（YYYY-MM-DD）"};
  if (q.type == "text") t = {"text", "文章"};
  if (q.type == "matrix") t = {"a column for each row it answers", "各行に列を1つ"};
  return err::SurveyAnswerType({.expected = t, .question = q.id}).with_field(FieldOf(q.id));
}

bool ValidDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)),
            d = std::stoi(s.substr(8, 2));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string Num(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return std::to_string(v);
}

Status CheckOne(const SurveyQuestion& q, const SurveyAnswer& a) {
  const bool no_choices = a.choices.empty(), no_text = a.text.empty(), no_matrix = a.matrix.empty(),
             no_number = !a.number.has_value();
  if (q.type == "single" || q.type == "multiple") {
    if (!no_text || !no_matrix || !no_number || no_choices) return TypeError(q);
    if (q.type == "single" && a.choices.size() != 1) return TypeError(q);
    std::set<std::string> seen;
    for (const auto& c : a.choices) {
      if (!q.choice(c))
        return err::SurveyAnswerChoice({.choice = c, .question = q.id}).with_field(FieldOf(q.id));
      if (!seen.insert(c).second) return TypeError(q);
    }
    return Status::Ok();
  }
  if (q.type == "number") {
    if (!no_text || !no_matrix || !no_choices || no_number || !std::isfinite(*a.number))
      return TypeError(q);
    if ((q.min && *a.number < *q.min) || (q.max && *a.number > *q.max))
      return err::SurveyAnswerRange({.max = q.max ? Num(*q.max) : std::string("∞"),
                                     .min = q.min ? Num(*q.min) : std::string("-∞"),
                                     .question = q.id})
          .with_field(FieldOf(q.id));
    return Status::Ok();
  }
  if (q.type == "date") {
    if (!no_choices || !no_matrix || !no_number || !ValidDate(a.text)) return TypeError(q);
    return Status::Ok();
  }
  if (q.type == "text") {
    if (!no_choices || !no_matrix || !no_number || no_text) return TypeError(q);
    return CheckText(a.text, FieldOf(q.id), static_cast<size_t>(q.max_chars), true, true);
  }
  // matrix
  if (!no_choices || !no_text || !no_number || no_matrix) return TypeError(q);
  std::set<std::string> rows;
  for (const auto& [row, col] : a.matrix) {
    if (!q.row(row) || !rows.insert(row).second) return TypeError(q);
    if (!q.choice(col))
      return err::SurveyAnswerChoice({.choice = col, .question = q.id}).with_field(FieldOf(q.id));
  }
  return Status::Ok();
}

// Whether the question is asked given the answers (its condition's choice was picked).
bool Asked(const SurveyQuestion& q, const std::map<std::string, const SurveyAnswer*>& by_id) {
  if (q.when_question.empty()) return true;
  auto it = by_id.find(q.when_question);
  if (it == by_id.end()) return false;
  const auto& cs = it->second->choices;
  return std::find(cs.begin(), cs.end(), q.when_choice) != cs.end();
}

bool InPeriod(const Survey& s, Millis now) { return now >= s.opens_at && now < s.closes_at; }

}  // namespace

Status CheckAnswers(const SurveyDefinition& def, const std::vector<SurveyAnswer>& answers,
                    bool complete) {
  std::map<std::string, const SurveyAnswer*> by_id;
  for (const auto& a : answers) {
    if (!def.question(a.question_id))
      return err::SurveyUnknownQuestion(a.question_id).with_field(FieldOf(a.question_id));
    if (!by_id.emplace(a.question_id, &a).second)
      return err::SurveyAnswerRepeated(a.question_id).with_field(FieldOf(a.question_id));
  }
  // In the definition's order, so a condition's question is checked before those on it.
  std::vector<std::string> missing;
  for (const auto& q : def.questions) {
    auto it = by_id.find(q.id);
    const bool asked = Asked(q, by_id);
    if (it == by_id.end()) {
      if (complete && asked && q.required) missing.push_back(q.id);
      continue;
    }
    if (!asked)
      return err::SurveyAnswerCondition(
                 {.choice = q.when_choice, .question = q.id, .when = q.when_question})
          .with_field(FieldOf(q.id));
    RENKEI_RETURN_IF_ERROR(CheckOne(q, *it->second));
  }
  if (!missing.empty()) return err::SurveyAnswerRequired(ListOf(missing)).with_field("answers");
  return Status::Ok();
}

Result<Survey> SurveyService::Visible(Stores& s, const SurveyViewer& v, SurveyId id) {
  RENKEI_ASSIGN_OR_RETURN(auto sv, s.survey.GetSurvey(v, id));
  if (!sv) return err::SurveyNotFound();
  auto def = SurveyDefinition::Parse(sv->definition_text);
  if (!def.ok())
    return err::Internal().with_note("stored survey definition: " + def.status().Describe());
  sv->def = std::move(def).value();
  return std::move(*sv);
}

Result<SurveyView> SurveyService::Create(const Actor& actor, const NewSurvey& in) {
  const Principal& p = actor.principal;
  const bool centre = p.has(Role::kNationalCentreOfficer);
  if (!centre && !p.has(Role::kMinistryOfficer)) return err::SurveyCreateDenied();
  RENKEI_ASSIGN_OR_RETURN(auto def, SurveyDefinition::Parse(in.definition));
  const Millis now = clock_.now_ms();
  if (in.closes_at <= in.opens_at || in.closes_at <= now)
    return err::SurveyPeriodInvalid().with_field("closes_at");
  for (const auto& k : in.audience.org_kinds)
    if (!OneOf(k, kOrgKinds))
      return err::SurveyUnknownOrgKind({.allowed = ListOf(kOrgKinds), .kind = k})
          .with_field("audience.org_kinds");
  for (const auto& z : in.audience.size_classes)
    if (!OneOf(z, kSizeClasses))
      return err::SurveyUnknownSizeClass(z).with_field("audience.size_classes");
  SurveyId id;
  Status st = tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
    for (const auto& sec : in.audience.sectors) {
      if (std::none_of(sectors.begin(), sectors.end(),
                       [&](const Sector& x) { return x.id == sec; }))
        return err::UnknownSector(sec).with_field("audience.sectors");
    }
    std::vector<std::string> scope = in.audience.sectors;
    if (!centre) {
      // A ministry: its overseen sectors only, and at least one named.
      RENKEI_ASSIGN_OR_RETURN(auto overseen, s.survey.SectorsOverseenBy(p.org_id));
      if (in.audience.sectors.empty())
        return err::SurveyMinistryNeedsSectors().with_field("audience.sectors");
      for (const auto& sec : in.audience.sectors)
        if (!Contains(overseen, sec))
          return err::SurveySectorNotOverseen(sec).with_field("audience.sectors");
    }
    RENKEI_ASSIGN_OR_RETURN(auto serving, s.survey.HubsServing(scope));
    std::vector<HubId> hubs;
    if (in.audience.hubs.empty()) {
      hubs = serving;
    } else {
      for (const auto& h : in.audience.hubs) {
        if (!Contains(serving, h))
          return err::SurveyUnknownHub(h.value).with_field("audience.hubs");
        if (!Contains(hubs, h)) hubs.push_back(h);
      }
    }
    if (hubs.empty()) return err::SurveyNoHubs().with_field("audience");
    Survey sv;
    sv.owner_org_id = p.org_id;
    sv.created_by = p.user_id;
    sv.created_at = now;
    sv.opens_at = in.opens_at;
    sv.closes_at = in.closes_at;
    sv.definition_text = in.definition;
    sv.def = def;
    sv.audience = in.audience;
    if (sv.audience.org_kinds.empty()) sv.audience.org_kinds = {"operator"};
    RENKEI_ASSIGN_OR_RETURN(id, s.survey.CreateSurvey(sv));
    for (const auto& h : hubs) RENKEI_RETURN_IF_ERROR(s.survey.AddHub(id, h));
    AuditFields f{{"title", def.title_ja},
                  {"questions", static_cast<std::int64_t>(def.questions.size())},
                  {"hubs", static_cast<std::int64_t>(hubs.size())}};
    return s.audit.Append(AuditOf(actor, now, "survey.create", "survey", id.value, std::move(f)));
  });
  RENKEI_RETURN_IF_ERROR(st);
  return Get(p, id);
}

bool SurveyToAnswer(const SurveySummary& s, Millis now) {
  return !s.my_state.empty() && s.my_state != kResponseSubmitted && InPeriod(s.survey, now);
}

bool SurveyToRelay(const SurveySummary& s, Millis now) {
  return s.relayed.size() < s.relays.size() && now < s.survey.closes_at;
}

Result<std::vector<SurveySummary>> SurveyService::List(const Principal& p, const SurveyFilter& f) {
  std::vector<SurveySummary> out;
  const Millis now = clock_.now_ms();
  Status st = tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.survey.ListSurveys(SurveyViewerOf(p), 200));
    if (f.to_answer || f.to_relay) {
      std::erase_if(out, [&](const SurveySummary& x) {
        return !((f.to_answer && SurveyToAnswer(x, now)) || (f.to_relay && SurveyToRelay(x, now)));
      });
    }
    for (auto& x : out) {
      auto def = SurveyDefinition::Parse(x.survey.definition_text);
      if (def.ok()) x.survey.def = std::move(def).value();
    }
    return Status::Ok();
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

Result<SurveyView> SurveyService::Get(const Principal& p, SurveyId id) {
  SurveyView out;
  const SurveyViewer v = SurveyViewerOf(p);
  Status st = tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out.survey, Visible(s, v, id));
    out.owner = v.officer && out.survey.owner_org_id == p.org_id;
    out.open = InPeriod(out.survey, clock_.now_ms());
    RENKEI_ASSIGN_OR_RETURN(out.target, s.survey.IsTarget(id, p.org_id));
    if (out.target) {
      RENKEI_ASSIGN_OR_RETURN(auto r, s.survey.Response(id, p.org_id));
      out.response = std::move(r);
    }
    if (v.analyst) {
      RENKEI_ASSIGN_OR_RETURN(auto hubs, s.survey.Hubs(id));
      for (auto& h : hubs)
        if (p.staffs(h.hub_id)) out.relays.push_back(std::move(h));
    }
    return Status::Ok();
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

Result<RelayResult> SurveyService::Relay(const Actor& actor, SurveyId id,
                                         std::optional<HubId> hub) {
  const Principal& p = actor.principal;
  const SurveyViewer v = SurveyViewerOf(p);
  RelayResult out;
  const Millis now = clock_.now_ms();
  Status st = tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sv, Visible(s, v, id));
    RENKEI_ASSIGN_OR_RETURN(auto hubs, s.survey.Hubs(id));
    std::vector<HubId> mine;
    for (const auto& h : hubs)
      if (p.staffs(h.hub_id) && (!hub || *hub == h.hub_id)) mine.push_back(h.hub_id);
    if (mine.size() != 1) return err::SurveyRelayDenied();
    if (now >= sv.closes_at) return err::SurveyNotOpen();
    out.hub_id = mine.front();
    RENKEI_ASSIGN_OR_RETURN(out.added, s.survey.Relay(id, out.hub_id, sv.audience, now, p.user_id));
    // The reminders of the members just reached: due before the close, each dropped at
    // send time if the organisation has submitted by then (RegisterSurveyMail).
    const Millis due = std::max(now, sv.closes_at - kSurveyReminderLead);
    RENKEI_ASSIGN_OR_RETURN(auto users, s.survey.UnremindedUsers(id));
    for (const auto& [user, org] : users) {
      OutboxRow row;
      row.subject_kind = kSurveySubject;
      row.subject_id = id.value;
      row.subject_version = static_cast<int>(org.value);
      row.kind = kMailSurveyReminder;
      row.user_id = user;
      row.created_at = now;
      row.not_before = due;
      RENKEI_RETURN_IF_ERROR(s.outbox.Enqueue(row).status());
    }
    return s.audit.Append(AuditOf(actor, now, "survey.relay", "survey", id.value,
                                  {{"hub", out.hub_id.value}, {"added", out.added}}));
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

Result<SurveyResponse> SurveyService::SaveDraft(const Actor& actor, SurveyId id,
                                                const std::vector<SurveyAnswer>& answers) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  SurveyResponse out;
  Status st = tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sv, Visible(s, SurveyViewerOf(p), id));
    RENKEI_ASSIGN_OR_RETURN(bool target, s.survey.IsTarget(id, p.org_id));
    if (!target) return err::SurveyNotATarget();
    RENKEI_ASSIGN_OR_RETURN(auto cur, s.survey.Response(id, p.org_id));
    if (cur.state == kResponseSubmitted) return err::SurveyAlreadySubmitted();
    if (!InPeriod(sv, now)) return err::SurveyNotOpen();
    RENKEI_RETURN_IF_ERROR(CheckAnswers(sv.def, answers, false));
    std::vector<SurveyAnswer> kept = answers;
    for (auto& a : kept) a.is_date = sv.def.question(a.question_id)->type == "date";
    RENKEI_RETURN_IF_ERROR(s.survey.SaveDraft(id, p.org_id, kept, now, p.user_id));
    RENKEI_ASSIGN_OR_RETURN(out, s.survey.Response(id, p.org_id));
    // The first save of the draft is audited; later autosaves are the same draft.
    if (cur.state != kResponseNotStarted) return Status::Ok();
    return s.audit.Append(
        AuditOf(actor, now, "survey.draft", "survey", id.value, {{"org", p.org_id.value}}));
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

Result<SurveyResponse> SurveyService::Submit(const Actor& actor, SurveyId id) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  SurveyResponse out;
  Status st = tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sv, Visible(s, SurveyViewerOf(p), id));
    RENKEI_ASSIGN_OR_RETURN(bool target, s.survey.IsTarget(id, p.org_id));
    if (!target) return err::SurveyNotATarget();
    RENKEI_ASSIGN_OR_RETURN(auto cur, s.survey.Response(id, p.org_id));
    if (cur.state == kResponseSubmitted) return err::SurveyAlreadySubmitted();
    if (!InPeriod(sv, now)) return err::SurveyNotOpen();
    RENKEI_RETURN_IF_ERROR(CheckAnswers(sv.def, cur.answers, true));
    if (cur.state == kResponseNotStarted)
      RENKEI_RETURN_IF_ERROR(s.survey.SaveDraft(id, p.org_id, cur.answers, now, p.user_id));
    RENKEI_ASSIGN_OR_RETURN(bool frozen, s.survey.Submit(id, p.org_id, now, p.user_id,
                                                         SurveyAnswerCodes(sv.def, cur.answers)));
    if (!frozen) return err::SurveyAlreadySubmitted();  // another submitter won the race
    RENKEI_ASSIGN_OR_RETURN(out, s.survey.Response(id, p.org_id));
    return s.audit.Append(
        AuditOf(actor, now, "survey.submit", "survey", id.value, {{"org", p.org_id.value}}));
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

Result<SurveyProgress> SurveyService::Progress(const Principal& p, SurveyId id) {
  SurveyProgress out;
  const SurveyViewer v = SurveyViewerOf(p);
  Status st = tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sv, Visible(s, v, id));
    const bool owner = v.officer && sv.owner_org_id == p.org_id;
    bool hub = false;
    if (v.analyst) {
      RENKEI_ASSIGN_OR_RETURN(auto hubs, s.survey.Hubs(id));
      for (const auto& h : hubs) hub = hub || p.staffs(h.hub_id);
    }
    if (!owner && !hub) return err::SurveyProgressDenied();
    RENKEI_ASSIGN_OR_RETURN(out, s.survey.Progress(v, id));
    return Status::Ok();
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

std::string SurveyAnswerCodes(const SurveyDefinition& def,
                              const std::vector<SurveyAnswer>& answers) {
  std::string out;
  auto index = [](const std::vector<SurveyChoice>& list, const std::string& id) {
    for (size_t i = 0; i < list.size(); ++i)
      if (list[i].id == id) return std::to_string(i);
    return std::string("-");
  };
  for (size_t qi = 0; qi < def.questions.size(); ++qi) {
    const auto& q = def.questions[qi];
    if (qi) out += ';';
    const SurveyAnswer* a = nullptr;
    for (const auto& x : answers)
      if (x.question_id == q.id) a = &x;
    if (!a) continue;
    if (q.type == "single" || q.type == "multiple") {
      for (size_t i = 0; i < a->choices.size(); ++i)
        out += (i ? "." : "") + index(q.choices, a->choices[i]);
    } else if (q.type == "number" && a->number) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", *a->number);
      out += buf;
    } else if (q.type == "matrix") {
      for (size_t r = 0; r < q.rows.size(); ++r) {
        std::string col = "-";
        for (const auto& [row, c] : a->matrix)
          if (row == q.rows[r].id) col = index(q.choices, c);
        out += (r ? "." : "") + col;
      }
    } else {
      out += "1";
    }
  }
  return out;
}

namespace {

// One group's tallies while the codes are read.
struct QuestionTally {
  std::int64_t answered = 0;
  std::vector<std::int64_t> counts;  // per choice; a matrix per row × column
  double sum = 0, min = 0, max = 0;
};
struct GroupTally {
  std::int64_t submitted = 0;
  std::vector<QuestionTally> q;
};

// Adds one answer set's codes to `g`.
void Tally(const SurveyDefinition& def, std::string_view codes, GroupTally& g) {
  ++g.submitted;
  size_t qi = 0;
  size_t start = 0;
  while (qi < def.questions.size() && start <= codes.size()) {
    size_t end = codes.find(';', start);
    if (end == std::string_view::npos) end = codes.size();
    const std::string_view tok = codes.substr(start, end - start);
    start = end + 1;
    const auto& q = def.questions[qi];
    auto& t = g.q[qi++];
    if (tok.empty()) continue;
    ++t.answered;
    if (q.type == "number") {
      const double v = std::strtod(std::string(tok).c_str(), nullptr);
      t.min = t.answered == 1 ? v : std::min(t.min, v);
      t.max = t.answered == 1 ? v : std::max(t.max, v);
      t.sum += v;
      continue;
    }
    if (q.type != "single" && q.type != "multiple" && q.type != "matrix") continue;
    const size_t cols = q.choices.size();
    size_t part = 0, at = 0;
    while (at <= tok.size()) {
      size_t dot = tok.find('.', at);
      if (dot == std::string_view::npos) dot = tok.size();
      const std::string_view one = tok.substr(at, dot - at);
      at = dot + 1;
      if (one.empty() || one[0] == '-') {
        ++part;
        continue;
      }
      size_t c = 0;
      for (char ch : one) c = c * 10 + static_cast<size_t>(ch - '0');
      const size_t cell = q.type == "matrix" ? part * cols + c : c;
      if (cell < t.counts.size()) ++t.counts[cell];
      ++part;
    }
  }
}

}  // namespace

Result<SurveyResults> SurveyService::ResultsIn(Stores& s, const SurveyViewer& v, const Survey& sv) {
  if (!(v.officer && sv.owner_org_id == v.org_id)) return err::SurveyOwnerOnly();
  RENKEI_ASSIGN_OR_RETURN(auto subs, s.survey.Submissions(v, sv.id));
  RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
  const auto& def = sv.def;
  GroupTally empty;
  for (const auto& q : def.questions) {
    QuestionTally t;
    t.counts.assign(q.type == "matrix" ? q.rows.size() * q.choices.size() : q.choices.size(), 0);
    empty.q.push_back(std::move(t));
  }
  // The whole audience, then each sector in the directory's order.
  GroupTally whole = empty;
  std::map<std::string, GroupTally> by_sector;
  for (const auto& set : subs.sets) {
    Tally(def, set.codes, whole);
    for (const auto& sec : set.sectors) {
      auto it = by_sector.find(sec);
      if (it == by_sector.end()) it = by_sector.emplace(sec, empty).first;
      Tally(def, set.codes, it->second);
    }
  }
  SurveyResults out;
  out.targets = subs.targets;
  out.submitted = whole.submitted;
  auto group = [&](const std::string& sector, std::string ja, std::string en, const GroupTally& g) {
    SurveyGroupResult r;
    r.sector_id = sector;
    r.name_ja = std::move(ja);
    r.name_en = std::move(en);
    r.submitted = g.submitted;
    r.suppressed = g.submitted < kMinGroup;
    if (!r.suppressed) {
      for (size_t qi = 0; qi < def.questions.size(); ++qi) {
        const auto& q = def.questions[qi];
        const auto& t = g.q[qi];
        SurveyQuestionResult x;
        x.question_id = q.id;
        x.answered = t.answered;
        const size_t cols = q.choices.size();
        for (size_t cell = 0; cell < t.counts.size(); ++cell) {
          if (!t.counts[cell]) continue;
          const bool m = q.type == "matrix";
          x.counts.push_back({m ? q.rows[cell / cols].id : std::string(),
                              q.choices[m ? cell % cols : cell].id, t.counts[cell]});
        }
        if (q.type == "number" && t.answered > 0) {
          x.mean = t.sum / static_cast<double>(t.answered);
          x.min = t.min;
          x.max = t.max;
        }
        r.questions.push_back(std::move(x));
      }
    }
    out.groups.push_back(std::move(r));
  };
  group("", "全体", "Whole audience", whole);
  for (const auto& sec : sectors) {
    auto it = by_sector.find(sec.id);
    if (it != by_sector.end()) group(sec.id, sec.name_ja, sec.name_en, it->second);
  }
  return out;
}

Result<SurveyResults> SurveyService::Results(const Principal& p, SurveyId id) {
  SurveyResults out;
  const SurveyViewer v = SurveyViewerOf(p);
  Status st = tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sv, Visible(s, v, id));
    RENKEI_ASSIGN_OR_RETURN(out, ResultsIn(s, v, sv));
    return Status::Ok();
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

Result<std::vector<SurveyText>> SurveyService::Texts(const Principal& p, SurveyId id) {
  std::vector<SurveyText> out;
  const SurveyViewer v = SurveyViewerOf(p);
  Status st = tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sv, Visible(s, v, id));
    if (!(v.officer && sv.owner_org_id == p.org_id)) return err::SurveyOwnerOnly();
    RENKEI_ASSIGN_OR_RETURN(out, s.survey.Texts(v, id));
    return Status::Ok();
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

Result<SurveyResults> SurveyService::ExportResults(const Actor& actor, SurveyId id,
                                                   const ExportRequest& req, Survey* survey_out) {
  SurveyResults out;
  const SurveyViewer v = SurveyViewerOf(actor.principal);
  Status st = tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sv, Visible(s, v, id));
    RENKEI_ASSIGN_OR_RETURN(out, ResultsIn(s, v, sv));
    size_t rows = 0;
    for (const auto& g : out.groups)
      for (const auto& q : g.questions) rows += std::max<size_t>(1, q.counts.size());
    if (survey_out) *survey_out = sv;
    return s.audit.Append(ExportAuditOf(actor, clock_.now_ms(), "survey_results", "survey",
                                        std::to_string(id.value), req, rows, false));
  });
  RENKEI_RETURN_IF_ERROR(st);
  return out;
}

// ---- The reminder mail ----

void RegisterSurveyMail(MailKinds& kinds) {
  kinds.Register(
      {kMailSurveyReminder,
       kSurveySubject,
       false,
       [](Stores& s, const User& to, const std::vector<OutboxRow>& rows,
          const MailContext& ctx) -> Result<MailMessage> {
         const OutboxRow& row = rows.front();
         const SurveyId id(row.subject_id);
         // Only while the recipient's organisation is still a target that has not submitted
         // and the survey is open: otherwise closed unsent.
         const OrgId org(row.subject_version);
         if (to.org_id != org) return err::SurveyNotFound();
         RENKEI_ASSIGN_OR_RETURN(auto state, s.survey.StateOf(id, org));
         if (!state || *state == kResponseSubmitted) return err::SurveyAlreadySubmitted();
         RENKEI_ASSIGN_OR_RETURN(auto sv, s.survey.GetSurvey({org, false, false}, id));
         if (!sv) return err::SurveyNotFound();
         if (ctx.now >= sv->closes_at) return err::SurveyNotOpen();
         auto def = SurveyDefinition::Parse(sv->definition_text);
         if (!def.ok()) return err::SurveyNotFound();
         const std::string link = ctx.base_url + "/surveys/" + std::to_string(id.value);
         MailMessage m;
         m.to = to.email;
         m.to_name = to.display_name;
         m.subject = "【Renkei 連携】調査へのご回答のお願い / Survey reminder: " + def->title_ja;
         m.text = to.display_name + " 様\n\n" + sv->owner_name_ja + "の調査「" + def->title_ja +
                  "」へのご回答を、" + FormatJstMinutes(sv->closes_at) +
                  "までにお願いいたします。貴組織の回答はまだ提出されていません。\n\n" + link +
                  "\n\n---\n" + "Your organisation has not yet submitted its answers to \"" +
                  def->title_en + "\" by " +
                  (sv->owner_name_en.empty() ? sv->owner_name_ja : sv->owner_name_en) +
                  ". The survey closes " + FormatJstMinutes(sv->closes_at) + ".\n\n" + link + "\n";
         m.message_id = "<survey-" + std::to_string(row.id) + "@" + ctx.id_domain + ">";
         return m;
       },
       {}});
}

}  // namespace renkei::domain
