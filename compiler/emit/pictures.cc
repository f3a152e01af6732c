#include "emit/pictures.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <vector>

#include "base/process.h"
#include "base/strings.h"

namespace policyc::emit {

namespace {

/// `svg` as PNG, drawn by rsvg-convert with `size` (its sizing options)
/// through files named `stem`.svg and `stem`.png in `work`; nullopt when it
/// cannot be drawn.
std::optional<std::string> RasteriseSvg(base::FileSystem& fs, const std::string& svg, const std::string& size,
                                        const std::string& work, const std::string& stem) {
  const std::string svg_path = base::JoinPath(work, stem + ".svg");
  const std::string png_path = base::JoinPath(work, stem + ".png");
  std::string error;
  if (!fs.WriteFile(svg_path, svg, &error)) return std::nullopt;
  std::vector<std::string> argv = {"rsvg-convert"};
  for (const std::string& option : base::SplitWhitespace(size)) argv.push_back(option);
  argv.insert(argv.end(), {"--format=png", "--output=" + png_path, svg_path});
  const base::ProcessResult result = base::RunProcess({argv, work, std::chrono::seconds(60), {}});
  if (!result.started || result.exit_code != 0) return std::nullopt;
  return fs.ReadFile(png_path, &error);
}

}  // namespace

std::string LogoPng(base::FileSystem& fs, const std::string& logo, const std::string& format,
                    const std::string& work) {
  if (format == "png") return logo;
  if (format != "svg" || logo.empty() || !base::FindProgram("rsvg-convert")) return "";
  return RasteriseSvg(fs, logo, "--height=192 --keep-aspect-ratio", work, "policyc-logo").value_or("");
}

void SvgPicturesToPng(base::FileSystem& fs, const std::string& input_path, const std::string& work) {
  static const std::string kSvg = "data:image/svg+xml;base64,";
  std::string error;
  std::string html = fs.ReadFile(input_path, &error).value_or("");
  if (html.find(kSvg) == std::string::npos || !base::FindProgram("rsvg-convert")) return;
  const std::string stem = std::filesystem::path(input_path).stem().string();
  int n = 0;
  for (size_t at = html.find(kSvg); at != std::string::npos; at = html.find(kSvg, at + 1)) {
    const size_t start = at + kSvg.size();
    const size_t end = html.find('"', start);
    auto png = RasteriseSvg(fs, base::FromBase64(html.substr(start, end - start)), "--zoom=2", work,
                            stem + "-" + std::to_string(++n));
    if (png) html.replace(at, end - at, "data:image/png;base64," + base::Base64(*png));
  }
  fs.WriteFile(input_path, html, &error);
}

}  // namespace policyc::emit
