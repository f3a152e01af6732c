#ifndef POLICYC_TESTS_SUPPORT_FAKE_CONVERTER_H_
#define POLICYC_TESTS_SUPPORT_FAKE_CONVERTER_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "emit/converter.h"

namespace policyc::testing {

/// A converter that runs no program, for the emit stage's tests: each
/// conversion does what its `Behaviour` says (write bytes to the output,
/// fail, hang until stopped) and is counted. Thread-safe, as a build's
/// converter must be.
class FakeConverter : public emit::Converter {
 public:
  using Behaviour = std::function<emit::ConversionResult(const emit::ConversionRequest&)>;

  /// Writes `bytes` to the request's output and succeeds.
  static Behaviour Writes(std::string bytes);
  /// Writes nothing and succeeds: a converter that fails quietly.
  static Behaviour WritesNothing();
  /// Fails with `message`, as a tool that exits with an error.
  static Behaviour Fails(std::string message);

  explicit FakeConverter(Behaviour behaviour, std::string fingerprint = "fake-pandoc:1;");

  /// What later conversions do (the fingerprint stays: the same "tool").
  void SetBehaviour(Behaviour behaviour);
  /// Conversions from now on hang until StopRunning or `limit` passes,
  /// then return failed; one that reaches `limit` is timed out, as Pandoc
  /// stopped at its time limit is.
  void HangFromNowOn(std::chrono::milliseconds limit);
  /// How many conversions were started.
  int conversions() const;

  bool CanConvert(const std::string& to, std::string* why) const override { return true; }
  std::string Version() const override { return "pandoc 2.17.1.1"; }
  std::string Fingerprint() const override { return fingerprint_; }
  emit::ConversionResult Convert(const emit::ConversionRequest& request) const override;
  void StopRunning() const override;

 private:
  emit::ConversionResult Hang(std::unique_lock<std::mutex>& lock) const;

  std::string fingerprint_;
  mutable std::mutex mutex_;
  mutable std::condition_variable stopped_cv_;
  Behaviour behaviour_;
  std::chrono::milliseconds hang_limit_{0};  ///< 0: no hanging
  mutable int conversions_ = 0;
  mutable int stops_ = 0;
};

}  // namespace policyc::testing

#endif  // POLICYC_TESTS_SUPPORT_FAKE_CONVERTER_H_
