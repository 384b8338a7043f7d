// The reporting window's part of the route table: report cases, their phases, questions,
// triage, the anonymisation proposal and summary publication.
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

using domain::CaseView;
using domain::ReportCatalog;

void WriteFields(JsonWriter& w, const domain::ReportFields& fields) {
  w.Key("fields").BeginObject();
  for (const auto& [k, v] : fields) w.Field(k, v);
  w.EndObject();
}

void WriteCaseFields(JsonWriter& w, const domain::ReportCase& c) {
  w.Field("id", c.id.value)
      .Field("reporter_org_id", c.reporter_org_id.value)
      .Field("reporter_org_name_ja", c.reporter_org_name_ja)
      .Field("reporter_org_name_en", c.reporter_org_name_en)
      .Field("sector_id", c.sector_id)
      .Field("report_class", c.report_class)
      .Field("regime_id", c.regime_id)
      .Field("title", c.title)
      .Field("status", c.status)
      .FieldOrNull("phase", c.phase)
      .Field("forward_ministry", c.forward_ministry)
      .Field("forward_national_centre", c.forward_national_centre);
  TimeField(w, "aware_at", c.aware_at);
  w.FieldOrNull("next_due_phase", c.next_due_phase);
  TimeField(w, "next_due_at", c.next_due_at);
  TimeField(w, "created_at", c.created_at);
  TimeField(w, "updated_at", c.updated_at);
  TimeField(w, "submitted_at", c.submitted_at);
  w.Field("open_questions", c.open_questions);
}

void WriteCaseEntry(JsonWriter& w, const domain::CaseListEntry& e) {
  w.BeginObject();
  WriteCaseFields(w, e.c);
  w.Field("overdue", e.overdue).EndObject();
}

void WriteCaseView(JsonWriter& w, const CaseView& v) {
  w.BeginObject();
  WriteCaseFields(w, v.c);
  w.Field("overdue", v.overdue)
      .Field("is_reporter", v.is_reporter)
      .Field("can_edit", v.can_edit)
      .Field("can_triage", v.can_triage)
      .Field("can_anonymise", v.can_anonymise)
      .Field("can_answer", v.can_answer);
  w.Key("next_due");
  if (v.next_due) {
    w.BeginObject()
        .Field("phase", v.next_due->phase)
        .Field("label_ja", v.next_due->label_ja)
        .Field("label_en", v.next_due->label_en);
    TimeField(w, "due_at", v.next_due->due_at);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("versions").BeginArray();
  for (const auto& ver : v.versions) {
    w.BeginObject()
        .Field("version", ver.version)
        .FieldOrNull("phase", ver.phase)
        .Field("draft", ver.draft)
        .Field("catalog_version", ver.catalog_version)
        .Field("saved_by_name", ver.saved_by_name)
        .FieldOrNull("receipt_no", ver.receipt_no);
    TimeField(w, "saved_at", ver.saved_at);
    WriteFields(w, ver.fields);
    WriteIndicators(w, ver.indicators);
    w.EndObject();
  }
  w.EndArray();
  w.Key("recipients").BeginArray();
  for (const auto& r : v.recipients) {
    w.BeginObject()
        .Field("org_id", r.org_id.value)
        .Field("kind", r.kind)
        .Field("org_name_ja", r.org_name_ja)
        .Field("org_name_en", r.org_name_en);
    TimeField(w, "added_at", r.added_at);
    w.EndObject();
  }
  w.EndArray();
  w.Key("messages").BeginArray();
  for (const auto& m : v.messages) {
    w.BeginObject()
        .Field("id", m.id)
        .Field("author_name", m.author_name)
        .Field("author_org_id", m.author_org_id.value)
        .Field("author_org_name_ja", m.author_org_name_ja)
        .Field("kind", m.kind)
        .FieldOrNull("answer_to", m.answer_to ? std::optional(m.answer_to) : std::nullopt)
        .Field("answered", m.answered)
        .Field("body", m.body);
    TimeField(w, "created_at", m.created_at);
    w.EndObject();
  }
  w.EndArray();
  w.Key("events").BeginArray();
  for (const auto& e : v.events) {
    w.BeginObject()
        .Field("kind", e.kind)
        .Field("detail", e.detail)
        .Field("actor_name", e.actor_name);
    TimeField(w, "at", e.at);
    w.EndObject();
  }
  w.EndArray();
  w.Key("attachments").BeginArray();
  for (const auto& a : v.attachments) WriteAttachment(w, a);
  w.EndArray();
  w.Key("summaries").BeginArray();
  for (const auto& s : v.summaries) {
    w.BeginObject().Field("item_id", s.item_id.value).Field("tlp", s.tlp).Field("title", s.title);
    TimeField(w, "published_at", s.published_at);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

void WriteCatalog(JsonWriter& w, const ReportCatalog& cat) {
  w.BeginObject().Field("version", cat.version());
  w.Key("classes").BeginArray();
  for (const char* c : domain::kReportClasses) w.String(c);
  w.EndArray().Key("phases").BeginArray();
  for (const char* p : domain::kPhases) w.String(p);
  w.EndArray().Key("indicator_kinds").BeginArray();
  for (const char* k : domain::kIndicatorKinds) w.String(k);
  w.EndArray().Key("fields").BeginArray();
  for (const auto& f : cat.fields()) {
    w.BeginObject()
        .Field("key", f.key)
        .Field("type", f.type)
        .Field("choices", f.choices)
        .Field("choices_ja", f.choices_ja)
        .Field("choices_en", f.choices_en)
        .Field("max", static_cast<std::int64_t>(f.max_chars))
        .FieldOrNull("form", f.form)
        .Field("label_ja", f.label_ja)
        .Field("label_en", f.label_en)
        .Field("help_ja", f.help_ja)
        .Field("help_en", f.help_en)
        .EndObject();
  }
  w.EndArray().Key("taxonomy").BeginArray();
  for (const auto& t : cat.taxonomy())
    w.BeginObject()
        .Field("id", t.id)
        .Field("label_ja", t.label_ja)
        .Field("label_en", t.label_en)
        .EndObject();
  w.EndArray().Key("regimes").BeginArray();
  for (const auto& r : cat.regimes()) {
    w.BeginObject()
        .Field("id", r.id)
        .Field("name_ja", r.name_ja)
        .Field("name_en", r.name_en)
        .Field("sectors", r.sectors)
        .Field("classes", r.classes)
        .Field("overdue_to_hub", r.overdue_to_hub);
    w.Key("deadlines").BeginArray();
    for (const auto& d : r.deadlines) {
      const char* unit = d.within.unit == domain::Within::Unit::kHours  ? "h"
                         : d.within.unit == domain::Within::Unit::kDays ? "d"
                                                                        : "mo";
      w.BeginObject()
          .Field("phase", d.phase)
          .Field("within", std::to_string(d.within.amount) + unit)
          .Field("label_ja", d.label_ja)
          .Field("label_en", d.label_en)
          .EndObject();
    }
    w.EndArray().Key("required").BeginObject();
    for (int i = 0; i < 3; ++i) w.Field(domain::kPhases[i], r.required[i]);
    w.EndObject().EndObject();
  }
  w.EndArray().EndObject();
}

Result<std::vector<domain::Indicator>> ReadIndicators(JsonObject& in) {
  std::vector<domain::Indicator> out;
  if (auto list = in.Objects("indicators", false)) {
    for (auto& o : *list) {
      domain::Indicator i;
      i.kind = o.String("kind", true).value_or("");
      i.value = o.String("value", true).value_or("");
      i.note = o.String("note", false).value_or("");
      RENKEI_RETURN_IF_ERROR(o.Finish());
      out.push_back(std::move(i));
    }
  }
  return out;
}

Result<domain::ReportInput> ReadReportInput(const std::string& body) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(body));
  domain::ReportInput r;
  r.sector_id = in.String("sector_id", false).value_or("");
  r.report_class = in.String("report_class", true).value_or("");
  r.forward_ministry = in.Bool("forward_ministry", false).value_or(false);
  r.forward_national_centre = in.Bool("forward_national_centre", false).value_or(false);
  r.fields = in.StringMap("fields", false).value_or(domain::ReportFields{});
  RENKEI_ASSIGN_OR_RETURN(r.indicators, ReadIndicators(in));
  RENKEI_RETURN_IF_ERROR(in.Finish());
  return r;
}

Result<std::string> ReadOneString(const std::string& body, const char* name) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(body));
  auto v = in.String(name, true);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  return *v;
}

// The k-anonymity part of a proposal and of a check (inside the object being written).
void WriteDisclosure(JsonWriter& w, const domain::Disclosed& d, std::int64_t k, bool k_warning,
                     const std::vector<std::string>& narrowing) {
  w.Key("disclosed")
      .BeginObject()
      .Field("sector", true)
      .Field("region", d.region)
      .Field("prefecture", d.prefecture)
      .Field("size", d.size)
      .Field("business_class", d.business_class)
      .EndObject()
      .Field("k", k)
      .Field("k_threshold", domain::kAnonymityK)
      .Field("k_warning", k_warning)
      .Key("narrowing")
      .BeginArray();
  for (const auto& word : narrowing) w.String(word);
  w.EndArray();
}

void WriteCheck(JsonWriter& w, const domain::SummaryCheck& c) {
  w.BeginObject().Key("remaining").BeginArray();
  for (const auto& r : c.remaining) {
    w.BeginObject()
        .Field("field", r.field)
        .Field("kind", r.finding.kind)
        .Field("source", r.finding.source)
        .Field("original", r.finding.original)
        .EndObject();
  }
  w.EndArray().Key("directory_names").BeginArray();
  for (const auto& name : c.directory_names) w.String(name);
  w.EndArray();
  WriteDisclosure(w, c.disclosed, c.k, c.k_warning, c.narrowing);
  w.Key("reach")
      .BeginObject()
      .Field("organisations", c.reach.organisations)
      .Field("people", c.reach.people)
      .Field("mails", c.reach.mails)
      .EndObject()
      .EndObject();
}

void WriteProposal(JsonWriter& w, const domain::SummaryProposal& p) {
  // The source cut into segments (plain text, or a finding with its replacement), so a
  // client rebuilds the redacted text without byte offsets.
  w.BeginObject().Field("source", p.source).Key("segments").BeginArray();
  size_t at = 0;
  for (size_t i = 0; i < p.findings.size(); ++i) {
    const auto& f = p.findings[i];
    if (f.begin > at) w.BeginObject().Field("text", p.source.substr(at, f.begin - at)).EndObject();
    w.BeginObject()
        .Field("text", f.original)
        .Field("finding", static_cast<std::int64_t>(i))
        .EndObject();
    at = f.end;
  }
  if (at < p.source.size()) w.BeginObject().Field("text", p.source.substr(at)).EndObject();
  w.EndArray().Key("findings").BeginArray();
  for (const auto& f : p.findings) {
    w.BeginObject()
        .Field("kind", f.kind)
        .Field("source", f.source)
        .Field("original", f.original)
        .Field("replacement", f.replacement)
        .EndObject();
  }
  w.EndArray();
  WriteDisclosure(w, p.disclosed, p.k, p.k_warning, p.narrowing);
  w.EndObject();
}

Result<domain::SummaryInput> ReadSummaryInput(const std::string& body) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(body));
  domain::SummaryInput s;
  s.title = in.String("title", true).value_or("");
  s.body = in.String("body", true).value_or("");
  const std::string tlp = in.String("tlp", true).value_or("");
  auto audience = in.Object("audience", false);
  RENKEI_ASSIGN_OR_RETURN(s.indicators, ReadIndicators(in));
  s.accept_k_risk = in.Bool("accept_k_risk", false).value_or(false);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  RENKEI_RETURN_IF_ERROR(ReadLabelAndAudience(tlp, audience, s.tlp, s.audience));
  return s;
}

}  // namespace

std::vector<Route> ReportingRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/reporting/catalog",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "The reporting catalogue: form fields, ENISA taxonomy, regimes with deadlines "
                   "and required fields per phase (data/reporting/reporting.toml).",
        .response = "ReportCatalog",
        .description = "the catalogue"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         return ValueReply(WriteCatalog, rs.catalog());
       }},
      {"POST",
       "/api/v1/reports",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Start a report (saved as a draft; members of operators and SMEs).",
        .request = "ReportInput",
        .status = 201,
        .response = "ReportCase",
        .description = "the draft case"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadReportInput(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto v, rs.Create(c.actor(), in));
         return ValueReply(WriteCaseView, v, 201);
       }},
      {"GET",
       "/api/v1/reports",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Report cases: scope=mine (my organisation's) or queue (sent to a recipient "
                   "capacity I hold); newest first. overdue=true: a missed deadline as the caller "
                   "is shown it; questions=true: a question not answered yet; due=true: not "
                   "closed, with a next deadline.",
        .query = {"scope", "status", "overdue", "questions", "due", "cursor", "limit"},
        .response = "ReportPage",
        .description = "a page of cases"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         domain::CaseFilter f;
         f.scope = QueryString(c.req, "scope");
         if (f.scope.empty()) f.scope = "mine";
         f.status = QueryString(c.req, "status");
         RENKEI_ASSIGN_OR_RETURN(auto overdue, QueryBool(c.req, "overdue"));
         f.overdue_only = overdue.value_or(false);
         RENKEI_ASSIGN_OR_RETURN(auto questions, QueryBool(c.req, "questions"));
         f.open_questions_only = questions.value_or(false);
         RENKEI_ASSIGN_OR_RETURN(auto due, QueryBool(c.req, "due"));
         f.due_only = due.value_or(false);
         RENKEI_ASSIGN_OR_RETURN(f.before_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         f.limit = static_cast<int>(limit);
         std::optional<std::int64_t> next;
         RENKEI_ASSIGN_OR_RETURN(auto list, rs.List(*c.principal, f, next));
         return ItemsReply(list, WriteCaseEntry, true, next ? EncodeCursor(*next) : "");
       }},
      {"GET",
       "/api/v1/reports/{id}",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "A report case with its versions (drafts only to the reporter), recipients, "
                   "questions, timeline events and what is due next. 404 unless the caller's "
                   "organisation filed it or received it in a capacity the caller holds.",
        .response = "ReportCase",
        .description = "the case"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto v, rs.Get(c.actor(), id));
         return ValueReply(WriteCaseView, v);
       }},
      {"PUT",
       "/api/v1/reports/{id}/draft",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Save the working copy (incomplete is fine).",
        .request = "ReportInput",
        .response = "ReportCase",
        .errors = {409},
        .description = "the case"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadReportInput(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto v, rs.SaveDraft(c.actor(), id, in));
         return ValueReply(WriteCaseView, v);
       }},
      {"POST",
       "/api/v1/reports/{id}/submit",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Submit the draft as a phase (initial, followup, final); routes it. 400 lists "
                   "the fields the regime requires for the phase; 409 for a phase out of order.",
        .request = "PhaseInput",
        .response = "ReportCase",
        .errors = {409},
        .description = "the case"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto phase, ReadOneString(c.req.body, "phase"));
         RENKEI_ASSIGN_OR_RETURN(auto v, rs.Submit(c.actor(), id, phase));
         return ValueReply(WriteCaseView, v);
       }},
      {"POST",
       "/api/v1/reports/{id}/submit/reach",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Whom submitting the draft as this phase would reach (for the confirmation "
                   "before sending): the recipients routing gives the case, the people who read it "
                   "and the mails; nothing is stored. The same errors as the submission.",
        .request = "PhaseInput",
        .response = "SubmitReach",
        .errors = {409}},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto phase, ReadOneString(c.req.body, "phase"));
         RENKEI_ASSIGN_OR_RETURN(auto r, rs.RehearseSubmit(c.actor(), id, phase));
         JsonWriter w;
         w.BeginObject()
             .Field("organisations", r.reach.organisations)
             .Field("people", r.reach.people)
             .Field("mails", r.reach.mails);
         w.Key("recipients").BeginArray();
         for (const auto& x : r.recipients) {
           w.BeginObject()
               .Field("org_id", x.org_id.value)
               .Field("kind", x.kind)
               .Field("org_name_ja", x.org_name_ja)
               .Field("org_name_en", x.org_name_en)
               .Field("added", x.added_at == r.at)
               .EndObject();
         }
         w.EndArray().EndObject();
         return JsonReply(w);
       }},
      {"POST",
       "/api/v1/reports/{id}/messages",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Ask a question (recipients), answer one or add a note (the reporter).",
        .request = "MessageInput",
        .status = 201,
        .response = "ReportCase",
        .errors = {403, 409},
        .description = "the case"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto body = in.String("body", true);
         auto answer_to = in.Int("answer_to", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto v, rs.Ask(c.actor(), id, *body, answer_to.value_or(0)));
         return ValueReply(WriteCaseView, v, 201);
       }},
      {"POST",
       "/api/v1/reports/{id}/status",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Recipients: mark the case open, triaged or closed.",
        .request = "StatusInput",
        .response = "ReportCase",
        .errors = {409},
        .description = "the case"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto status, ReadOneString(c.req.body, "status"));
         RENKEI_ASSIGN_OR_RETURN(auto v, rs.SetStatus(c.actor(), id, status));
         return ValueReply(WriteCaseView, v);
       }},
      {"POST",
       "/api/v1/reports/{id}/attachments",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Attach a file to a report (the reporting organisation's members; raw body with "
                   "its Content-Type, ?filename=; PDF, PNG, JPEG, ZIP, XLSX, DOCX, text, CSV, JSON "
                   "up to 10 MiB, content checked against the type, the name's extension fitting "
                   "it, no control, bidi or zero-width characters in it; at most 20).",
        .query = {"filename"},
        .status = 201,
        .response = "Attachment",
        .errors = {409, 415}},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto a,
                                 rs.AddAttachment(c.actor(), id, QueryString(c.req, "filename"),
                                                  UploadType(c.req), c.req.body));
         return ValueReply(WriteAttachment, a, 201);
       },
       BodyKind::kUpload},
      {"GET",
       "/api/v1/reports/{id}/attachments/{attachment_id}",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Download a report's file (whoever sees the report; recipients' downloads are "
                   "audited).",
        .media = {"*/*"},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto att,
                                 PathId<domain::AttachmentId>(c, 1, err::AttachmentNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto a, rs.GetAttachment(c.actor(), id, att));
         return FileReply(a);
       }},
      {"GET",
       "/api/v1/reports/{id}/pdf",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "The filed report as an A4 PDF: receipt numbers, class, regime, every filed "
                   "phase with its time in JST, the latest filed version (whoever sees the "
                   "report; recipients' downloads are audited).",
        .media = {"application/pdf"},
        .description = "the PDF"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto pdf, rs.Pdf(c.actor(), id));
         return DownloadReply("report-" + std::to_string(id.value) + ".pdf", "application/pdf",
                              std::move(pdf));
       }},
      {"GET",
       "/api/v1/reports/{id}/summary-proposal",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Hub analysts of a recipient hub: the report as Markdown with the proposed "
                   "redactions (names, IPs, hosts, mail, phones, URLs, dates, quantities, "
                   "prefectures) and the k-anonymity check.",
        .response = "SummaryProposal",
        .errors = {403},
        .description = "the proposal"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto p, rs.ProposeSummary(*c.principal, id));
         return ValueReply(WriteProposal, p);
       }},
      {"POST",
       "/api/v1/reports/{id}/summary-check",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Check a reviewed summary before publishing it (the same body as "
                   "POST /summaries, nothing is stored): the names and contacts still in its "
                   "title, body and indicator notes, those that are directory names (which "
                   "publication refuses), what it discloses of the reporter with the words that "
                   "narrow the group, k, and how many organisations and people it would reach.",
        .request = "SummaryInput",
        .response = "SummaryCheck",
        .errors = {403},
        .description = "the check"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadSummaryInput(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto check, rs.CheckSummary(c.actor(), id, in));
         return ValueReply(WriteCheck, check);
       }},
      {"POST",
       "/api/v1/reports/{id}/summaries",
       A::kSignedIn,
       {.tag = "reporting",
        .summary = "Publish the reviewed summary as a shared item (incident_summary or "
                   "near_miss_summary). 400 summary_names_directory when its text still holds a "
                   "directory name; 409 k_anonymity (naming the words) when fewer than 5 "
                   "operators match what it discloses, unless accept_k_risk. The link to the "
                   "report is never shown to the item's recipients.",
        .request = "SummaryInput",
        .status = 201,
        .response = "ItemDetail",
        .errors = {400, 409},
        .description = "the published item"},
       [](Ctx& c) -> Result<Reply> {
         auto& rs = c.s.reporting;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::CaseId>(c, 0, err::ReportNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadSummaryInput(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto v, rs.PublishSummary(c.actor(), id, in));
         return ValueReply(WriteItemView, v, 201);
       }},
  };
}

}  // namespace renkei::http
