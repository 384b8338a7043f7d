#include "support/http_client.h"

#include <curl/curl.h>

namespace renkei::testing {
namespace {

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  const size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    static_cast<std::multimap<std::string, std::string>*>(user)->emplace(name, value);
  }
  return size * n;
}

}  // namespace

HttpResult HttpClient::Send(const std::string& method, const std::string& path,
                            const std::string& body,
                            const std::vector<std::string>& headers) const {
  HttpResult result;
  CURL* curl = curl_easy_init();
  const std::string url = base_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);  // send "../" as written
  if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_slist* list = nullptr;
  list = curl_slist_append(list, "Expect:");
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return result;
}

HttpResult Session::Get(const std::string& path) const {
  return http_.Send("GET", path, "", {"Cookie: renkei_session=" + cookie_});
}

HttpResult Session::Send(const std::string& method, const std::string& path,
                         const nlohmann::json& body, bool with_csrf) const {
  std::vector<std::string> headers = {"Cookie: renkei_session=" + cookie_,
                                      "Content-Type: application/json"};
  if (with_csrf) headers.push_back("X-CSRF-Token: " + csrf_);
  return http_.Send(method, path, body.is_null() ? "" : body.dump(), headers);
}

Session SignIn(const HttpClient& http, const std::string& email, const std::string& password,
               HttpResult* out) {
  HttpResult r = http.Send("POST", "/api/v1/session",
                           nlohmann::json{{"email", email}, {"password", password}}.dump(),
                           {"Content-Type: application/json"});
  std::string cookie, csrf;
  const std::string set_cookie = r.header("set-cookie");
  const std::string prefix = "renkei_session=";
  if (set_cookie.rfind(prefix, 0) == 0) {
    cookie = set_cookie.substr(prefix.size(), set_cookie.find(';') - prefix.size());
  }
  auto j = r.json();
  if (r.status == 200 && j.is_object()) csrf = j["user"].value("csrf_token", "");
  if (out) *out = r;
  return Session(http, cookie, csrf);
}

}  // namespace renkei::testing
