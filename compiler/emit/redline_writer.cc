#include "emit/redline_writer.h"

#include "emit/ooxml_package.h"
#include "emit/zip_archive.h"

namespace policyc::emit {

using base::DiagKind;

namespace {

constexpr char kFolderInTheWay[] = "a folder is in the way; remove it or give another -o";

/// Replaces the file at `path` with `bytes`; when it cannot, `error` says
/// why, in the user's terms when a folder has the name.
bool Replace(base::FileSystem& fs, const std::string& path, const std::string& bytes, std::string* error) {
  if (fs.WriteFileAtomically(path, bytes, error)) return true;
  if (fs.IsDirectory(path)) *error = kFolderInTheWay;
  return false;
}

/// Moves a finished temporary file over `path`, as Replace writes one.
bool MoveIntoPlace(base::FileSystem& fs, const std::string& temporary, const std::string& path, std::string* error) {
  if (fs.Rename(temporary, path, error)) return true;
  if (fs.IsDirectory(path)) *error = kFolderInTheWay;
  return false;
}

/// A private folder in OUT for the DOCX redline's temporary files, removed
/// with what is left in it when the object goes.
class TemporaryFolder {
 public:
  TemporaryFolder(base::FileSystem& fs, const std::string& out_dir, std::string* error)
      : fs_(fs), path_(fs.MakeTemporaryFolder(out_dir, ".diff-", error)) {}
  ~TemporaryFolder() {
    std::string ignored;
    if (path_) fs_.Remove(*path_, &ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  bool made() const { return path_.has_value(); }
  std::string Path(const std::string& name) const { return base::JoinPath(*path_, name); }

 private:
  base::FileSystem& fs_;
  std::optional<std::string> path_;
};

/// Writes the reference DOCX: the redline's branding, the header naming
/// the organisation and "Changes to the pack", the footer the two sides.
/// False when there are no templates (Pandoc's defaults are used).
bool WriteReference(const render::Templates* templates, const DocxRedline& redline, const std::string& path) {
  if (!templates) return false;
  render::HtmlRenderer renderer(*templates, redline.branding);
  renderer.SetLogo(redline.logo);
  std::string error;
  return WriteZip(path, renderer.DocxReference(0, redline.footer), kZipEpoch, &error);
}

/// Pandoc's DOCX of the redline with its tracked changes numbered apart.
bool NumberTrackedChanges(const std::string& docx, std::string* error) {
  auto parts = ReadZip(docx, error);
  if (!parts) return false;
  NumberRevisionsApart(*parts);
  return WriteZip(docx, *parts, kZipEpoch, error);
}

/// Converts the redline in `temporaries`; the converted DOCX's path, or
/// nullopt with the problem in `sink`.
std::optional<std::string> ConvertRedline(base::FileSystem& fs, const Converter& converter,
                                          const render::Templates* templates, const DocxRedline& redline,
                                          const TemporaryFolder& temporaries, const std::string& path,
                                          base::DiagnosticSink& sink) {
  ConversionRequest request;
  request.input_path = temporaries.Path("diff.md");
  std::string error;
  if (!fs.WriteFile(request.input_path, redline.markdown, &error)) {
    sink.Report(DiagKind::kOutputError, {request.input_path, 0, 0}, "cannot write: " + error);
    return std::nullopt;
  }
  const std::string reference = temporaries.Path("reference.docx");
  if (WriteReference(templates, redline, reference)) request.reference_doc = reference;
  request.from = "markdown";
  request.to = "docx";
  request.output_path = temporaries.Path("diff.docx");
  request.source_date_epoch = std::to_string(kZipEpoch);
  const ConversionResult converted = converter.Convert(request);
  if (!converted.ok || !NumberTrackedChanges(request.output_path, &error)) {
    sink.Report(DiagKind::kToolFailed, {path, 0, 0}, "the DOCX redline: " + (converted.ok ? error : converted.message));
    return std::nullopt;
  }
  return request.output_path;
}

}  // namespace

std::optional<std::string> WriteHtmlRedline(base::FileSystem& fs, const std::string& out_dir,
                                            const std::string& html, base::DiagnosticSink& sink) {
  const std::string path = base::JoinPath(out_dir, "diff.html");
  std::string error;
  if (Replace(fs, path, html, &error)) return path;
  sink.Report(DiagKind::kOutputError, {path, 0, 0}, "cannot write the HTML redline: " + error);
  return std::nullopt;
}

std::optional<std::string> WriteDocxRedline(base::FileSystem& fs, const Converter& converter,
                                            const render::Templates* templates, const DocxRedline& redline,
                                            const std::string& out_dir, base::DiagnosticSink& sink) {
  const std::string path = base::JoinPath(out_dir, "diff.docx");
  std::string error;
  if (!converter.CanConvert("docx", &error)) {
    sink.Report(DiagKind::kToolMissing, {}, error);
    return std::nullopt;
  }
  if (fs.IsDirectory(path)) {  // known before a conversion that would be wasted
    sink.Report(DiagKind::kOutputError, {path, 0, 0}, std::string("cannot write the DOCX redline: ") + kFolderInTheWay);
    return std::nullopt;
  }
  TemporaryFolder temporaries(fs, out_dir, &error);
  if (!temporaries.made()) {
    sink.Report(DiagKind::kOutputError, {out_dir, 0, 0}, error);
    return std::nullopt;
  }
  auto converted = ConvertRedline(fs, converter, templates, redline, temporaries, path, sink);
  if (!converted) return std::nullopt;
  if (!MoveIntoPlace(fs, *converted, path, &error)) {
    sink.Report(DiagKind::kOutputError, {path, 0, 0}, "cannot write the DOCX redline: " + error);
    return std::nullopt;
  }
  return path;
}

}  // namespace policyc::emit
