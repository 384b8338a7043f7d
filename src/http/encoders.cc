// Encoders and readers more than one route file uses (declared in route_helpers.h).
#include <cctype>

#include "http/route_helpers.h"

namespace renkei::http {

void WriteRoles(JsonWriter& w, std::string_view key, const std::vector<domain::Role>& roles) {
  w.Key(key).BeginArray();
  for (auto r : roles) w.String(domain::RoleName(r));
  w.EndArray();
}

Result<std::vector<domain::Role>> ParseRoles(const std::vector<std::string>& names) {
  std::vector<domain::Role> out;
  for (const auto& n : names) {
    auto r = domain::ParseRole(n);
    if (!r) return err::InvalidValue(domain::RoleNameList()).with_field("roles");
    if (std::find(out.begin(), out.end(), *r) == out.end()) out.push_back(*r);
  }
  return out;
}

void WriteAttachment(JsonWriter& w, const domain::Attachment& a) {
  w.BeginObject()
      .Field("id", a.id.value)
      .Field("filename", a.filename)
      .Field("content_type", a.content_type)
      .Field("size", a.size)
      .Field("sha256", a.sha256);
  TimeField(w, "uploaded_at", a.uploaded_at);
  w.EndObject();
}

Reply FileReply(const domain::Attachment& a) {
  return DownloadReply(a.filename, a.content_type, a.data);
}

// Downloads: the stored type for the few types a browser shows safely inline is
// still sent as an attachment, with a sandboxing CSP and no sniffing.
Reply DownloadReply(const std::string& filename, std::string content_type, std::string data,
                    const std::string& ascii_name) {
  Reply r;
  r.body = std::move(data);
  r.content_type = std::move(content_type);
  std::string ascii;
  for (unsigned char ch : ascii_name.empty() ? filename : ascii_name)
    ascii += (ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\') ? ch : '_';
  std::string encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char ch : filename) {
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += hex[ch >> 4];
      encoded += hex[ch & 15];
    }
  }
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

Result<domain::Tlp> ReadTlp(const std::string& text) {
  auto label = domain::ParseTlp(text);
  if (!label) return err::InvalidValue("CLEAR, GREEN, AMBER, AMBER+STRICT, RED").with_field("tlp");
  return *label;
}

Status ReadLabelAndAudience(const std::string& tlp, std::optional<JsonObject>& audience,
                            domain::Tlp& out_tlp, domain::Audience& out_audience) {
  RENKEI_ASSIGN_OR_RETURN(out_tlp, ReadTlp(tlp));
  if (audience) {
    RENKEI_ASSIGN_OR_RETURN(out_audience, ReadAudience(*audience));
  }
  return Status::Ok();
}

void WriteIndicators(JsonWriter& w, const std::vector<domain::Indicator>& list) {
  w.Key("indicators").BeginArray();
  for (const auto& i : list)
    w.BeginObject().Field("kind", i.kind).Field("value", i.value).Field("note", i.note).EndObject();
  w.EndArray();
}

Result<domain::Audience> ReadAudience(JsonObject& in) {
  domain::Audience a;
  a.sector_ids = in.Strings("sector_ids", false).value_or(std::vector<std::string>{});
  for (auto id : in.Ints("hub_ids", false).value_or(std::vector<std::int64_t>{}))
    a.hub_ids.emplace_back(id);
  for (auto id : in.Ints("org_ids", false).value_or(std::vector<std::int64_t>{}))
    a.org_ids.emplace_back(id);
  for (auto id : in.Ints("user_ids", false).value_or(std::vector<std::int64_t>{}))
    a.user_ids.emplace_back(id);
  if (auto roles = in.Strings("roles", false)) {
    RENKEI_ASSIGN_OR_RETURN(a.roles, ParseRoles(*roles));
  }
  RENKEI_RETURN_IF_ERROR(in.Finish());
  return a;
}

Reply ReachReply(const domain::Reach& r) {
  JsonWriter w;
  w.BeginObject()
      .Field("organisations", r.organisations)
      .Field("people", r.people)
      .Field("mails", r.mails)
      .Field("needs_approval", r.needs_approval)
      .EndObject();
  return JsonReply(w);
}

}  // namespace renkei::http
