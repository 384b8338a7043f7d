#include "mail/smtp_sender.h"

#include <curl/curl.h>

#include <cstring>
#include <ctime>
#include <mutex>

#include "core/crypto.h"
#include "core/error_codes.h"

namespace renkei::mail {
namespace {

bool IsAscii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80 || c < 0x20) return false;
  return true;
}

// RFC 2047 encoded-word(s); long texts are split on character boundaries so no
// encoded word exceeds 75 characters.
std::string EncodeWord(const std::string& s) {
  if (IsAscii(s)) return s;
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t end = i;
    while (end < s.size() && end - i < 40) {
      ++end;
      while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64Encode(s.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string Mailbox(const std::string& name, const std::string& address) {
  if (name.empty()) return "<" + address + ">";
  std::string quoted = name;
  if (IsAscii(name)) {
    quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += "\"";
  } else {
    quoted = EncodeWord(name);
  }
  return quoted + " <" + address + ">";
}

std::string RfcDate() {
  char buf[64];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadCallback(char* ptr, size_t size, size_t nmemb, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  const size_t room = size * nmemb;
  const size_t left = up->data->size() - up->offset;
  const size_t n = left < room ? left : room;
  std::memcpy(ptr, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

bool SafeAddress(const std::string& a) {
  return !a.empty() && a.find_first_of("\r\n<>") == std::string::npos;
}

}  // namespace

std::string FormatMessage(const domain::MailMessage& m, const std::string& from,
                          const std::string& from_name, const std::string& date) {
  std::string body = Base64Encode(m.text);
  std::string wrapped;
  for (size_t i = 0; i < body.size(); i += 76) wrapped += body.substr(i, 76) + "\r\n";
  return "From: " + Mailbox(from_name, from) + "\r\nTo: " + Mailbox(m.to_name, m.to) +
         "\r\nSubject: " + EncodeWord(m.subject) + "\r\nDate: " + date +
         "\r\nMessage-ID: " + m.message_id +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n" +
         wrapped;
}

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

SmtpSender::~SmtpSender() {
  for (auto& h : idle_) curl_easy_cleanup(static_cast<CURL*>(h.curl));
}

SmtpSender::Handle SmtpSender::Borrow() {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  while (!idle_.empty()) {
    Handle h = idle_.back();
    idle_.pop_back();
    if (now - h.last_used < std::chrono::seconds(config_.idle_seconds)) return h;
    curl_easy_cleanup(static_cast<CURL*>(h.curl));  // the relay may have hung up
  }
  return Handle{curl_easy_init(), now};
}

void SmtpSender::Return(Handle h, bool healthy) {
  if (!healthy) {
    curl_easy_cleanup(static_cast<CURL*>(h.curl));
    return;
  }
  h.last_used = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  idle_.push_back(h);
}

Status SmtpSender::Send(const domain::MailMessage& m) {
  if (!SafeAddress(m.to) || !SafeAddress(config_.from)) {
    return err::InvalidAddress(m.to);
  }
  const std::string text = FormatMessage(m, config_.from, config_.from_name, RfcDate());
  Handle h = Borrow();
  CURL* curl = static_cast<CURL*>(h.curl);
  if (!curl) return err::SmtpFailed().with_note("curl_easy_init failed");
  Upload up{&text};
  const std::string from = "<" + config_.from + ">";
  const std::string to = "<" + m.to + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, to.c_str());
  // The same URL on the same handle: libcurl reuses the handle's open connection.
  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadCallback);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, config_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!config_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  // Nothing of this message may be read after it returns.
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(curl, CURLOPT_READDATA, nullptr);
  curl_slist_free_all(rcpt);
  Return(h, rc == CURLE_OK);
  if (rc != CURLE_OK) {
    return err::SmtpFailed().with_note(curl_easy_strerror(rc));
  }
  return Status::Ok();
}

}  // namespace renkei::mail
