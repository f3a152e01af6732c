#include "support/fake_converter.h"

#include <chrono>

#include "base/file_system.h"

namespace policyc::testing {

FakeConverter::Behaviour FakeConverter::Writes(std::string bytes) {
  return [bytes](const emit::ConversionRequest& request) {
    emit::ConversionResult result;
    base::DiskFileSystem disk;
    result.ok = disk.WriteFile(request.output_path, bytes, &result.message);
    return result;
  };
}

FakeConverter::Behaviour FakeConverter::WritesNothing() {
  return [](const emit::ConversionRequest&) {
    emit::ConversionResult result;
    result.ok = true;
    return result;
  };
}

FakeConverter::Behaviour FakeConverter::Fails(std::string message) {
  return [message](const emit::ConversionRequest&) {
    emit::ConversionResult result;
    result.message = message;
    return result;
  };
}

FakeConverter::FakeConverter(Behaviour behaviour, std::string fingerprint)
    : fingerprint_(std::move(fingerprint)), behaviour_(std::move(behaviour)) {}

void FakeConverter::SetBehaviour(Behaviour behaviour) {
  std::lock_guard<std::mutex> lock(mutex_);
  behaviour_ = std::move(behaviour);
  hang_limit_ = std::chrono::milliseconds(0);
}

void FakeConverter::HangFromNowOn(std::chrono::milliseconds limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  hang_limit_ = limit;
}

int FakeConverter::conversions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return conversions_;
}

emit::ConversionResult FakeConverter::Convert(const emit::ConversionRequest& request) const {
  std::unique_lock<std::mutex> lock(mutex_);
  ++conversions_;
  if (hang_limit_.count() > 0) return Hang(lock);
  Behaviour behaviour = behaviour_;
  lock.unlock();  // conversions run in parallel, as Pandoc's do
  return behaviour(request);
}

emit::ConversionResult FakeConverter::Hang(std::unique_lock<std::mutex>& lock) const {
  const int stops = stops_;
  const bool stopped = stopped_cv_.wait_for(lock, hang_limit_, [&] { return stops_ != stops; });
  emit::ConversionResult result;
  result.timed_out = !stopped;
  result.message = stopped ? "pandoc was stopped by a signal"
                           : "pandoc took longer than " + std::to_string(hang_limit_.count() / 1000) +
                                 " seconds and was stopped";
  return result;
}

void FakeConverter::StopRunning() const {
  std::lock_guard<std::mutex> lock(mutex_);
  ++stops_;
  stopped_cv_.notify_all();
}

}  // namespace policyc::testing
