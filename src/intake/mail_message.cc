#include "intake/mail_message.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <utility>

#include "core/ascii.h"
#include "core/crypto.h"

namespace renkei::intake {
namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

struct Header {
  std::string name;  // lower case
  std::string value;
};

struct Part {
  std::vector<Header> headers;
  std::string_view body;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    if (n == 2 && c < 0xC2) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (n == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return false;
    }
    if (n == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if (c > 0xF4 || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return false;
    }
    i += n;
  }
  return true;
}

// Bytes that are not UTF-8 as '?', so a header of a careless mailer still reads.
std::string Repaired(std::string_view s) {
  if (ValidUtf8(s)) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    for (size_t k = 4; k >= 1; --k)
      if (i + k <= s.size() && ValidUtf8(s.substr(i, k))) {
        n = k;
        break;
      }
    if (n == 1 && static_cast<unsigned char>(s[i]) >= 0x80)
      out += '?';
    else
      out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::optional<std::string> Iconv(std::string_view bytes, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(bytes.size() * 3 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t done = 0;
  bool ok = true;
  for (;;) {
    char* o = out.data() + done;
    size_t o_left = out.size() - done;
    const size_t r = iconv(cd, in_left ? &in : nullptr, &in_left, &o, &o_left);
    done = out.size() - o_left;
    if (r != static_cast<size_t>(-1)) {
      if (in_left == 0) {
        // Flush the shift state (ISO-2022-JP ends back in ASCII).
        o = out.data() + done;
        o_left = out.size() - done;
        iconv(cd, nullptr, nullptr, &o, &o_left);
        done = out.size() - o_left;
        break;
      }
      continue;
    }
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    ok = false;  // EILSEQ, EINVAL: bytes invalid in the charset, or cut
    break;
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(done);
  return out;
}

std::vector<Header> ReadHeaders(std::string_view block) {
  std::vector<Header> out;
  size_t pos = 0;
  bool first = true;
  while (pos < block.size()) {
    size_t end = block.find('\n', pos);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (first && line.starts_with("From ")) {  // an mbox separator left on the message
      first = false;
      continue;
    }
    first = false;
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      if (!out.empty()) out.back().value.append(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    std::string_view name = Trim(line.substr(0, colon));
    if (name.find(' ') != std::string_view::npos) continue;
    out.push_back({ToAsciiLower(name), std::string(Trim(line.substr(colon + 1)))});
  }
  return out;
}

const std::string* Find(const std::vector<Header>& hs, std::string_view name) {
  for (const auto& h : hs)
    if (h.name == name) return &h.value;
  return nullptr;
}

// Splits at the first empty line; `ok` false when there is none and the text is not
// headers alone.
bool SplitPart(std::string_view text, Part& part) {
  size_t sep = std::string_view::npos, skip = 0;
  if (text.starts_with("\r\n")) {
    sep = 0;
    skip = 2;
  } else if (text.starts_with("\n")) {
    sep = 0;
    skip = 1;
  } else {
    const size_t a = text.find("\n\r\n"), b = text.find("\n\n");
    if (a != std::string_view::npos && (b == std::string_view::npos || a < b)) {
      sep = a + 1;
      skip = 2;
    } else if (b != std::string_view::npos) {
      sep = b + 1;
      skip = 1;
    }
  }
  if (sep == std::string_view::npos) {
    if (text.size() > kMaxHeaderBytes) return false;
    part.headers = ReadHeaders(text);
    part.body = {};
    return true;
  }
  if (sep > kMaxHeaderBytes) return false;
  part.headers = ReadHeaders(text.substr(0, sep));
  part.body = text.substr(sep + skip);
  return true;
}

struct ContentType {
  std::string type = "text", subtype = "plain";
  std::string charset, boundary;
};

// A header's parameters (`; name=value` or `name="value"`), the names lower case.
std::vector<std::pair<std::string, std::string>> Params(std::string_view v) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = v.find(';');
  while (i != std::string_view::npos && i < v.size()) {
    ++i;
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    const size_t eq = v.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string name = ToAsciiLower(Trim(v.substr(i, eq - i)));
    i = eq + 1;
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    std::string value;
    if (i < v.size() && v[i] == '"') {
      ++i;
      while (i < v.size() && v[i] != '"') {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;
        value += v[i++];
      }
      if (i < v.size()) ++i;
      i = v.find(';', i);
    } else {
      const size_t end = v.find(';', i);
      value =
          std::string(Trim(v.substr(i, end == std::string_view::npos ? v.size() - i : end - i)));
      i = end;
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

ContentType TypeOf(const std::vector<Header>& hs) {
  ContentType ct;
  const std::string* v = Find(hs, "content-type");
  if (!v) return ct;
  std::string_view main = *v;
  main = Trim(main.substr(0, main.find(';')));
  const size_t slash = main.find('/');
  if (slash != std::string_view::npos) {
    ct.type = ToAsciiLower(Trim(main.substr(0, slash)));
    ct.subtype = ToAsciiLower(Trim(main.substr(slash + 1)));
  }
  for (auto& [k, val] : Params(*v)) {
    if (k == "charset") ct.charset = val;
    if (k == "boundary") ct.boundary = val;
  }
  return ct;
}

std::optional<std::string> Unbase64(std::string_view s) {
  std::string clean;
  clean.reserve(s.size());
  for (char c : s)
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t') clean += c;
  while (clean.size() % 4 != 0) clean += '=';
  if (clean.empty()) return std::string();
  return Base64Decode(clean);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

struct Found {
  std::optional<std::string> text;
  std::string error;
};

// The part's decoded text (its transfer encoding and charset undone).
Found TextOf(const Part& part, const ContentType& ct) {
  std::string cte;
  if (const std::string* e = Find(part.headers, "content-transfer-encoding"))
    cte = ToAsciiLower(Trim(*e));
  std::optional<std::string> bytes;
  if (cte == "base64") {
    bytes = Unbase64(part.body);
  } else if (cte == "quoted-printable") {
    bytes = DecodeQuotedPrintable(part.body);
  } else if (cte.empty() || cte == "7bit" || cte == "8bit" || cte == "binary") {
    bytes = std::string(part.body);
  } else {
    return {std::nullopt, "bad_mime"};
  }
  if (!bytes) return {std::nullopt, "bad_mime"};
  auto text = ToUtf8(*bytes, ct.charset);
  if (!text) return {std::nullopt, "bad_charset"};
  return {std::move(text), ""};
}

std::string FromHtml(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      const size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      const std::string tag = ToAsciiLower(html.substr(i + 1, std::min<size_t>(end - i - 1, 4)));
      if (tag.starts_with("br") || tag.starts_with("/p") || tag.starts_with("/div")) out += '\n';
      i = end + 1;
      continue;
    }
    if (html[i] == '&') {
      static constexpr std::pair<const char*, const char*> kEntities[] = {
          {"&lt;", "<"},    {"&gt;", ">"},   {"&amp;", "&"},
          {"&quot;", "\""}, {"&nbsp;", " "}, {"&#39;", "'"}};
      bool done = false;
      for (auto [e, r] : kEntities)
        if (html.substr(i).starts_with(e)) {
          out += r;
          i += std::string_view(e).size();
          done = true;
          break;
        }
      if (done) continue;
    }
    if (html[i] != '\r') out += html[i];
    ++i;
  }
  return out;
}

// Looks for the first text/plain part (html: the first text/html part) under `part`.
Found Search(const Part& part, int depth, bool html) {
  if (depth > kMaxMimeDepth) return {std::nullopt, "bad_mime"};
  const ContentType ct = TypeOf(part.headers);
  if (ct.type == "multipart") {
    if (ct.boundary.empty() || ct.boundary.size() > 200) return {std::nullopt, "bad_mime"};
    const std::string delim = "--" + ct.boundary;
    std::vector<std::string_view> parts;
    std::string_view body = part.body;
    size_t pos = 0;
    size_t start = std::string_view::npos;
    bool closed = false;
    while (pos <= body.size()) {
      size_t end = body.find('\n', pos);
      if (end == std::string_view::npos) end = body.size();
      std::string_view line = body.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.starts_with(delim)) {
        std::string_view rest = Trim(line.substr(delim.size()));
        if (rest.empty() || rest == "--") {
          if (start != std::string_view::npos) {
            // The part ends before the line break that precedes the delimiter.
            size_t stop = pos;
            if (stop > start && body[stop - 1] == '\n') --stop;
            if (stop > start && body[stop - 1] == '\r') --stop;
            parts.push_back(body.substr(start, stop - start));
          }
          if (rest == "--") {
            closed = true;
            break;
          }
          start = std::min(end + 1, body.size());
        }
      }
      if (end == body.size()) break;
      pos = end + 1;
    }
    if (!closed || parts.empty()) return {std::nullopt, "bad_mime"};
    for (std::string_view p : parts) {
      Part child;
      if (!SplitPart(p, child)) return {std::nullopt, "bad_mime"};
      Found f = Search(child, depth + 1, html);
      if (f.text || !f.error.empty()) return f;
    }
    return {};
  }
  if (ct.type != "text") return {};
  if (const std::string* d = Find(part.headers, "content-disposition"))
    if (ToAsciiLower(Trim(std::string_view(*d).substr(0, d->find(';')))) == "attachment") return {};
  if (ct.subtype == (html ? "html" : "plain")) {
    Found f = TextOf(part, ct);
    if (f.text && html) f.text = FromHtml(*f.text);
    return f;
  }
  return {};
}

// The addresses in angle brackets of a Message-ID, In-Reply-To or References header.
std::vector<std::string> Ids(std::string_view v) {
  std::vector<std::string> out;
  size_t i = 0;
  while ((i = v.find('<', i)) != std::string_view::npos) {
    const size_t end = v.find('>', i);
    if (end == std::string_view::npos) break;
    std::string id(Trim(v.substr(i + 1, end - i - 1)));
    if (!id.empty() && id.size() <= 250) out.push_back(std::move(id));
    i = end + 1;
  }
  return out;
}

bool PlausibleAddress(std::string_view a) {
  const size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size() || a.size() > 254) return false;
  for (char c : a)
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' ||
        c == 0x7f)
      return false;
  return true;
}

// "Name <addr>", "\"Name\" <addr>", "addr (Name)", "addr": the first mailbox.
bool ParseFrom(std::string_view v, InboundMail& m) {
  v = Trim(v);
  bool quoted = false;
  size_t lt = std::string_view::npos;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && quoted) {
      ++i;
      continue;
    }
    if (v[i] == '"') quoted = !quoted;
    if (!quoted && v[i] == '<') {
      lt = i;
      break;
    }
  }
  std::string addr, name;
  if (lt != std::string_view::npos) {
    const size_t gt = v.find('>', lt);
    if (gt == std::string_view::npos) return false;
    addr = std::string(Trim(v.substr(lt + 1, gt - lt - 1)));
    std::string_view n = Trim(v.substr(0, lt));
    if (n.size() >= 2 && n.front() == '"' && n.back() == '"') {
      for (size_t i = 1; i + 1 < n.size(); ++i) {
        if (n[i] == '\\' && i + 2 < n.size()) ++i;
        name += n[i];
      }
    } else {
      name = std::string(n);
    }
  } else {
    std::string_view a = v;
    const size_t paren = a.find('(');
    if (paren != std::string_view::npos) {
      const size_t close = a.find(')', paren);
      name = std::string(Trim(
          a.substr(paren + 1, (close == std::string_view::npos ? a.size() : close) - paren - 1)));
      a = a.substr(0, paren);
    }
    const size_t comma = a.find(',');
    if (comma != std::string_view::npos) a = a.substr(0, comma);
    addr = std::string(Trim(a));
  }
  if (!PlausibleAddress(addr)) return false;
  m.from_address = ToAsciiLower(addr);
  m.from_name = std::string(Trim(DecodeWords(name)));
  return true;
}

std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  return std::string(Trim(s));
}

}  // namespace

std::optional<std::string> ToUtf8(std::string_view bytes, std::string_view charset_in) {
  std::string cs = ToAsciiLower(Trim(charset_in));
  if (cs.empty() || cs == "us-ascii" || cs == "ascii" || cs == "utf-8" || cs == "utf8") {
    // A mail that says ASCII and holds 8-bit text is most often UTF-8; anything else is not
    // text we can read.
    if (!ValidUtf8(bytes)) return std::nullopt;
    return std::string(bytes);
  }
  std::vector<const char*> tries;
  if (cs == "iso-2022-jp" || cs == "csiso2022jp") {
    // Japanese mailers put CP932's additions (①, ㈱) into ISO-2022-JP; the -3 and -2
    // variants read more of what they write.
    tries = {"ISO-2022-JP", "ISO-2022-JP-3", "ISO-2022-JP-2"};
  } else if (cs == "shift_jis" || cs == "shift-jis" || cs == "sjis" || cs == "x-sjis" ||
             cs == "windows-31j" || cs == "cp932" || cs == "ms_kanji") {
    tries = {"CP932", "SHIFT_JIS"};
  } else if (cs == "euc-jp" || cs == "x-euc-jp") {
    tries = {"EUC-JP-MS", "EUC-JP"};
  } else if (cs == "ks_c_5601-1987") {
    tries = {"CP949"};
  } else if (cs == "gb2312") {
    tries = {"GB18030"};
  }
  for (const char* t : tries)
    if (auto r = Iconv(bytes, t)) return r;
  if (!tries.empty()) return std::nullopt;
  // Any other name glibc knows (iso-8859-1, windows-1252, iso-2022-jp-2, …).
  for (char c : cs)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
          c == ':'))
      return std::nullopt;
  return Iconv(bytes, cs.c_str());
}

std::optional<std::string> DecodeQuotedPrintable(std::string_view s, bool header_form) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (header_form && c == '_') {
      out += ' ';
    } else if (c == '=') {
      if (i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) {  // soft line break
        ++i;
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
        continue;
      }
      const int hi = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
      // "=" not followed by two hex digits: kept as written (RFC 2045 6.7's advice).
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string DecodeWords(std::string_view h) {
  std::string out, ws;  // ws: the whitespace since the last word
  bool last_encoded = false;
  size_t i = 0;
  while (i < h.size()) {
    if (h.substr(i).starts_with("=?")) {
      const size_t q1 = h.find('?', i + 2);
      const size_t q2 = q1 == std::string_view::npos ? q1 : h.find('?', q1 + 1);
      const size_t end = q2 == std::string_view::npos ? q2 : h.find("?=", q2 + 1);
      if (end != std::string_view::npos && q2 == q1 + 2) {
        std::string_view charset = h.substr(i + 2, q1 - i - 2);
        charset = charset.substr(0, charset.find('*'));  // RFC 2231's language
        const char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(h[q1 + 1])));
        std::string_view text = h.substr(q2 + 1, end - q2 - 1);
        std::optional<std::string> bytes;
        if (enc == 'B') bytes = Unbase64(text);
        if (enc == 'Q') bytes = DecodeQuotedPrintable(text, true);
        std::optional<std::string> utf8 = bytes ? ToUtf8(*bytes, charset) : std::nullopt;
        if (utf8) {
          // Whitespace between two encoded words is not part of the text (RFC 2047 6.2).
          if (!last_encoded) out += ws;
          ws.clear();
          out += *utf8;
          i = end + 2;
          last_encoded = true;
          continue;
        }
      }
    }
    if (h[i] == ' ' || h[i] == '\t') {
      ws += h[i++];
      continue;
    }
    out += ws;
    ws.clear();
    out += h[i++];
    last_encoded = false;
  }
  out += ws;
  // Raw ISO-2022-JP in a header (some mailers never encode it).
  if (out.find("\x1b$B") != std::string::npos || out.find("\x1b$@") != std::string::npos)
    if (auto j = ToUtf8(out, "iso-2022-jp")) return *j;
  return Repaired(out);
}

MailParse ParseMail(std::string_view raw, size_t max_bytes) {
  MailParse r;
  if (raw.size() > max_bytes) {
    r.error = "too_large";
    return r;
  }
  Part top;
  if (!SplitPart(raw, top)) {
    r.error = "bad_header";
    return r;
  }
  InboundMail m;
  const std::string* from = Find(top.headers, "from");
  if (!from) from = Find(top.headers, "sender");
  if (!from || !ParseFrom(*from, m)) {
    r.error = "no_from";
    return r;
  }
  if (const std::string* s = Find(top.headers, "subject")) m.subject = OneLine(DecodeWords(*s));
  if (const std::string* id = Find(top.headers, "message-id")) {
    auto ids = Ids(*id);
    if (!ids.empty()) m.message_id = ids[0];
  }
  if (const std::string* v = Find(top.headers, "in-reply-to")) m.replies_to = Ids(*v);
  if (const std::string* v = Find(top.headers, "references")) {
    auto refs = Ids(*v);
    for (auto it = refs.rbegin(); it != refs.rend(); ++it) m.replies_to.push_back(*it);
  }
  Found f = Search(top, 0, false);
  if (!f.text && f.error.empty()) f = Search(top, 0, true);
  if (!f.text) {
    r.error = f.error.empty() ? "no_text" : f.error;
    return r;
  }
  std::string text;
  text.reserve(f.text->size());
  for (char c : *f.text)
    if (c != '\r') text += c;
  m.text = std::string(Trim(text));
  r.mail = std::move(m);
  return r;
}

}  // namespace renkei::intake
