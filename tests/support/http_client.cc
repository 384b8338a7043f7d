#include "support/http_client.h"

#include <gtest/gtest.h>

#include "core/ascii.h"
#include "support/openapi_check.h"

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <mutex>

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
    std::string name = ToAsciiLower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    static_cast<std::multimap<std::string, std::string>*>(user)->emplace(name, value);
  }
  return size * n;
}

}  // namespace

struct EventStreamReader::State {
  mutable std::mutex mu;
  std::string text;
  std::atomic<bool> stop{false};
  std::atomic<bool> ended{false};
};

EventStreamReader::EventStreamReader(const std::string& base, const std::string& path,
                                     const std::string& cookie)
    : state_(std::make_shared<State>()) {
  thread_ = std::thread([state = state_, url = base + path, cookie] {
    CURL* curl = curl_easy_init();
    curl_slist* list = curl_slist_append(nullptr, ("Cookie: renkei_session=" + cookie).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(
        curl, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t n, void* user) -> size_t {
          auto* st = static_cast<State*>(user);
          std::lock_guard lock(st->mu);
          st->text.append(data, size * n);
          return size * n;
        });
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, state.get());
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(
        curl, CURLOPT_XFERINFOFUNCTION,
        +[](void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> int {
          return static_cast<State*>(user)->stop ? 1 : 0;  // non-zero aborts
        });
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, state.get());
    curl_easy_perform(curl);
    state->ended = !state->stop;
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
  });
}

EventStreamReader::~EventStreamReader() {
  state_->stop = true;
  thread_.join();
}

std::string EventStreamReader::Text() const {
  std::lock_guard lock(state_->mu);
  return state_->text;
}

bool EventStreamReader::WaitFor(const std::string& needle, int ms) const {
  for (int waited = 0; waited < ms; waited += 20) {
    if (Text().find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Text().find(needle) != std::string::npos;
}

bool EventStreamReader::WaitForEnd(int ms) const {
  for (int waited = 0; waited < ms && !state_->ended; waited += 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return state_->ended;
}

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
  const std::string drift = CheckResponseAgainstOpenApi(method, path, result.status,
                                                        result.header("content-type"), result.body);
  if (!drift.empty()) ADD_FAILURE() << "OpenAPI document: " << drift;
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
