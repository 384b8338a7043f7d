// TCP syslog framing (RFC 6587): octet counting ("LEN SP MSG") or a line per message (LF,
// CR LF), told apart by the connection's first byte (a digit: counted). Incremental: bytes
// arrive in chunks cut anywhere, frames come out whole. A frame over `max_frame` bytes is
// skipped (counted kTooLong) and the connection goes on with the next one; a counted
// frame whose length is not a number is counted kBadFrame and the stream resynchronises at
// the next line end. UDP needs none of this: one datagram is one message.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include "intake/syslog.h"

namespace renkei::intake {

class StreamFramer {
 public:
  explicit StreamFramer(size_t max_frame = 8192) : max_(max_frame) {}

  // Calls on_frame(std::string_view frame) for each whole frame and
  // on_error(IntakeError, std::string_view sample) for each skipped one. The views are
  // valid during the call only.
  template <typename OnFrame, typename OnError>
  void Feed(std::string_view chunk, OnFrame&& on_frame, OnError&& on_error);
  // The connection closed: a counted frame cut short is kTruncated; a last line without
  // its LF is a frame.
  template <typename OnFrame, typename OnError>
  void Finish(OnFrame&& on_frame, OnError&& on_error);

  enum class Mode { kUnknown, kCounted, kLines };
  Mode mode() const { return mode_; }

 private:
  enum class State { kStart, kLength, kBody, kSkipBody, kLine, kSkipLine };
  size_t max_;
  Mode mode_ = Mode::kUnknown;
  State state_ = State::kStart;
  size_t want_ = 0;  // counted: the bytes of the body still to come
  size_t len_digits_ = 0;
  std::string buf_;     // the frame so far (never over max_)
  std::string sample_;  // the start of a frame being skipped
};

template <typename OnFrame, typename OnError>
void StreamFramer::Feed(std::string_view chunk, OnFrame&& on_frame, OnError&& on_error) {
  const char* p = chunk.data();
  const char* end = p + chunk.size();
  while (p < end) {
    switch (state_) {
      case State::kStart: {
        // Between frames: leading whitespace (and stray LFs) are not frames.
        if (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\0') {
          ++p;
          break;
        }
        if (mode_ == Mode::kUnknown)
          mode_ = (*p >= '0' && *p <= '9') ? Mode::kCounted : Mode::kLines;
        if (mode_ == Mode::kCounted) {
          state_ = State::kLength;
          want_ = 0;
          len_digits_ = 0;
        } else {
          state_ = State::kLine;
          buf_.clear();
        }
        break;
      }
      case State::kLength: {
        const char c = *p;
        if (c >= '0' && c <= '9' && len_digits_ < 9) {
          want_ = want_ * 10 + static_cast<size_t>(c - '0');
          ++len_digits_;
          ++p;
        } else if (c == ' ' && len_digits_ > 0) {
          ++p;
          if (want_ > max_) {
            state_ = State::kSkipBody;
            sample_.clear();
          } else {
            state_ = State::kBody;
            buf_.clear();
          }
        } else {
          // Not a length: count it and resynchronise at the next line end.
          on_error(IntakeError::kBadFrame, std::string_view(p, std::min<size_t>(end - p, 64)));
          state_ = State::kSkipLine;
          sample_.clear();
          buf_.clear();
          mode_ = Mode::kUnknown;
        }
        break;
      }
      case State::kBody: {
        const size_t take = std::min<size_t>(want_, static_cast<size_t>(end - p));
        if (buf_.empty() && take == want_) {
          on_frame(std::string_view(p, take));  // whole in this chunk: no copy
        } else {
          buf_.append(p, take);
          if (take == want_) on_frame(std::string_view(buf_));
        }
        p += take;
        want_ -= take;
        if (want_ == 0) {
          buf_.clear();
          state_ = State::kStart;
        }
        break;
      }
      case State::kSkipBody: {
        const size_t take = std::min<size_t>(want_, static_cast<size_t>(end - p));
        if (sample_.size() < 512) sample_.append(p, std::min<size_t>(take, 512 - sample_.size()));
        p += take;
        want_ -= take;
        if (want_ == 0) {
          on_error(IntakeError::kTooLong, std::string_view(sample_));
          state_ = State::kStart;
        }
        break;
      }
      case State::kLine: {
        const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
        const char* stop = nl ? static_cast<const char*>(nl) : end;
        const size_t n = static_cast<size_t>(stop - p);
        if (buf_.size() + n > max_ + 1) {  // +1: a CR before the LF is not part of the frame
          sample_.assign(buf_, 0, std::min<size_t>(buf_.size(), 512));
          if (sample_.size() < 512) sample_.append(p, std::min<size_t>(n, 512 - sample_.size()));
          buf_.clear();
          p = stop;
          state_ = State::kSkipLine;
          break;
        }
        if (nl) {
          std::string_view frame;
          if (buf_.empty()) {
            frame = std::string_view(p, n);
          } else {
            buf_.append(p, n);
            frame = buf_;
          }
          if (!frame.empty() && frame.back() == '\r') frame.remove_suffix(1);
          if (frame.size() > max_) {
            on_error(IntakeError::kTooLong, frame.substr(0, 512));
          } else {
            on_frame(frame);
          }
          buf_.clear();
          p = stop + 1;
          state_ = State::kStart;
        } else {
          buf_.append(p, n);
          p = end;
        }
        break;
      }
      case State::kSkipLine: {
        const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
        if (!nl) {
          p = end;
          break;
        }
        p = static_cast<const char*>(nl) + 1;
        if (!sample_.empty()) on_error(IntakeError::kTooLong, std::string_view(sample_));
        sample_.clear();
        state_ = State::kStart;
        break;
      }
    }
  }
}

template <typename OnFrame, typename OnError>
void StreamFramer::Finish(OnFrame&& on_frame, OnError&& on_error) {
  switch (state_) {
    case State::kLength:
    case State::kBody:
      on_error(IntakeError::kTruncated, std::string_view(buf_).substr(0, 512));
      break;
    case State::kSkipBody:
    case State::kSkipLine:
      if (!sample_.empty()) on_error(IntakeError::kTooLong, std::string_view(sample_));
      break;
    case State::kLine: {
      std::string_view frame(buf_);
      if (!frame.empty() && frame.back() == '\r') frame.remove_suffix(1);
      if (frame.size() > max_) {
        on_error(IntakeError::kTooLong, frame.substr(0, 512));  // max+1 bytes buffered, no LF
      } else if (!frame.empty()) {
        on_frame(frame);
      }
      break;
    }
    case State::kStart:
      break;
  }
  buf_.clear();
  sample_.clear();
  state_ = State::kStart;
}

}  // namespace renkei::intake
