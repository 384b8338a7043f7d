// Demo report cases (data/demo/reports.json), filed through ReportingService by the demo
// people, so routing, deadlines, timelines and audit rows are what real use produces, on
// a clock that starts `start_hours_ago` before the load and moves as the steps say.
#include "app/demo_load.h"
#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"

namespace renkei::app::demo {
namespace {

constexpr Millis kHour = 3'600'000;

// One step of the file: a case filed (and submitted), a question asked, a draft saved.
struct Step {
  enum class Kind { kFile, kAsk, kDraft } kind = Kind::kFile;
  int after_hours = 0;
  std::string case_name, by;
  domain::ReportInput input;                // file: the whole input; draft: changed fields
  std::map<std::string, int> hours_before;  // file: time fields set this long before
  bool submit = false;
  std::string text;  // ask
};

Result<std::vector<Step>> ReadSteps(const DemoFile& file, int& start_hours_ago) {
  RENKEI_ASSIGN_OR_RETURN(auto top, ParseFile(file));
  std::vector<Step> out;
  auto read = [&]() -> Status {
    (void)top.String("$comment", false);
    start_hours_ago = static_cast<int>(top.Int("start_hours_ago", true).value_or(0));
    auto steps = top.Objects("steps", true).value_or(std::vector<http::JsonObject>{});
    for (size_t i = 0; i < steps.size(); ++i) {
      auto& o = steps[i];
      Step st;
      st.after_hours = static_cast<int>(o.Int("after_hours", true).value_or(0));
      auto file_step = o.Object("file", false);
      auto ask = o.Object("ask", false);
      auto draft = o.Object("draft", false);
      const int actions = (file_step ? 1 : 0) + (ask ? 1 : 0) + (draft ? 1 : 0);
      if (actions != 1)
        return err::InvalidValue("file, ask, draft").with_field("steps[" + std::to_string(i) + "]");
      http::JsonObject& a = file_step ? *file_step : ask ? *ask : *draft;
      st.kind = file_step ? Step::Kind::kFile : ask ? Step::Kind::kAsk : Step::Kind::kDraft;
      st.case_name = a.String("case", true).value_or("");
      st.by = a.String("by", true).value_or("");
      if (st.kind == Step::Kind::kAsk) {
        st.text = a.String("text", true).value_or("");
      } else {
        st.input.fields =
            a.StringMap("fields", true).value_or(std::map<std::string, std::string>{});
      }
      if (st.kind == Step::Kind::kFile) {
        st.input.report_class = a.String("class", true).value_or("");
        st.submit = a.Bool("submit", true).value_or(false);
        if (auto hb = a.Object("hours_before", false)) {
          for (const char* f : {"aware_at", "detected_at"}) {
            if (auto h = hb->Int(f, false)) st.hours_before[f] = static_cast<int>(*h);
          }
          RENKEI_RETURN_IF_ERROR(hb->Finish());
        }
        for (auto& ind : a.Objects("indicators", false).value_or(std::vector<http::JsonObject>{})) {
          domain::Indicator x;
          x.kind = ind.String("kind", true).value_or("");
          x.value = ind.String("value", true).value_or("");
          x.note = ind.String("note", false).value_or("");
          RENKEI_RETURN_IF_ERROR(ind.Finish());
          st.input.indicators.push_back(std::move(x));
        }
      }
      RENKEI_RETURN_IF_ERROR(a.Finish());
      RENKEI_RETURN_IF_ERROR(o.Finish());
      out.push_back(std::move(st));
    }
    return top.Finish();
  };
  RENKEI_RETURN_IF_ERROR(InRecord(read(), file, ""));
  return out;
}

}  // namespace

Result<int> LoadReports(Context& ctx, const DemoFile& file) {
  int start_hours_ago = 0;
  RENKEI_ASSIGN_OR_RETURN(auto steps, ReadSteps(file, start_hours_ago));
  ctx.clock.set(ctx.now - start_hours_ago * kHour);
  domain::SharingService sharing(ctx.tx, ctx.clock);
  domain::ReportingService reporting(ctx.tx, ctx.clock, sharing, ctx.catalogs.reporting, nullptr);
  struct Filed {
    domain::CaseId id;
    domain::ReportInput input;  // as last saved
  };
  std::map<std::string, Filed> cases;
  int filed = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    Step& st = steps[i];
    const std::string record = "steps[" + std::to_string(i) + "] (" + st.case_name + ")";
    ctx.clock.advance(st.after_hours * kHour);
    RENKEI_ASSIGN_OR_RETURN(auto p, ctx.As(st.by, file, record));
    auto known = cases.find(st.case_name);
    if (st.kind != Step::Kind::kFile && known == cases.end())
      return InRecord(err::DemoReference(st.case_name), file, record);
    Status done;
    switch (st.kind) {
      case Step::Kind::kFile: {
        for (const auto& [field, hours] : st.hours_before)
          st.input.fields[field] = FormatRfc3339Jst(ctx.clock.now_ms() - hours * kHour);
        auto c = reporting.Create(p, st.input);
        if (!c.ok()) return InRecord(c.status(), file, record);
        cases[st.case_name] = {c.value().c.id, st.input};
        if (st.submit) done = reporting.Submit(p, c.value().c.id, "initial").status();
        ++filed;
        break;
      }
      case Step::Kind::kAsk:
        done = reporting.Ask(p, known->second.id, st.text).status();
        break;
      case Step::Kind::kDraft: {
        for (const auto& [field, value] : st.input.fields)
          known->second.input.fields[field] = value;
        done = reporting.SaveDraft(p, known->second.id, known->second.input).status();
        break;
      }
    }
    RENKEI_RETURN_IF_ERROR(InRecord(done, file, record));
  }
  return filed;
}

}  // namespace renkei::app::demo
