#include "emit/pack_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>
#include <thread>

#include "base/file_system.h"
#include "base/process.h"
#include "base/sha256.h"
#include "base/strings.h"
#include "emit/docx_package.h"
#include "emit/weasyprint_renderer.h"
#include "emit/zip_archive.h"
#include "render/pack_json.h"

namespace policyc::emit {

namespace fs = std::filesystem;
using base::DiagKind;
using base::SourceLoc;

const std::vector<FormatInfo>& AllFormats() {
  static const std::vector<FormatInfo> kFormats = {
      {Format::kHtml, "html", ""},
      {Format::kDocx, "docx", "docx"},
      {Format::kPdf, "pdf", "pdf"},
      {Format::kPptx, "pptx", "pptx"},  // only documents with slides (training modules)
  };
  return kFormats;
}

std::string EpochOf(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return "0";
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long days = era * 146097L + static_cast<long>(doe) - 719468L;
  return std::to_string(days * 86400L);
}

namespace {

/// Identifies the running policyc binary (path, size, time) without reading it.
std::string SelfFingerprint() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  struct stat st {};
  if (ec || stat(self.c_str(), &st) != 0) return "policyc:unknown;";
  return self.string() + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtime) + ";";
}

bool Write(const fs::path& path, const std::string& bytes, base::DiagnosticSink& sink) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out || ec) {
    sink.Report(DiagKind::kOutputError, SourceLoc{path.filename().string()},
                "cannot write this file of the pack");
    return false;
  }
  return true;
}

/// The Statement of Applicability for spreadsheets.
std::string SoaCsv(const model::ResolvedPack& pack) {
  std::string out = "control,title,applicable,justification,status,owner,implemented_by\n";
  for (const model::SoaRow& row : pack.soa) {
    std::string owner;
    for (const auto& role : pack.roles) {
      if (role.id == row.owner) owner = role.title;
    }
    out += base::CsvField(row.control) + "," + base::CsvField(row.title) + "," + (row.applicable ? "yes" : "no") +
           "," + base::CsvField(row.justification) + "," +
           base::CsvField(row.applicable ? (row.status.empty() ? "not stated" : row.status) : "excluded") + "," +
           base::CsvField(owner) + "," + base::CsvField(base::Join(row.implemented_by, " ")) + "\n";
  }
  return out;
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

struct Job {
  ConversionRequest request;
  std::string label;
  std::string input_hash;  ///< everything that determines the output
  std::string pdf_output;  ///< set when a WeasyPrint worker renders Pandoc's HTML output to this PDF
  ZipEntries reference_parts;  ///< the reference DOCX or PPTX, zipped only when the job runs
  std::string title;           ///< of a PPTX, for its core properties
  std::string creator;         ///< of a PPTX, for its core properties
  std::string known_sha256;    ///< of the reused file, from the previous manifest
  bool reused = false;     ///< copied from the previous pack instead of converted
};

/// The metadata a conversion passes to Pandoc, for the job's input hash:
/// it becomes the file's properties, which may say what the input does not.
std::string MetadataText(const ConversionRequest& request) {
  std::string out;
  for (const auto& [key, value] : request.metadata) out += key + '\0' + value + '\0';
  return out;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Word shows SVG pictures, but LibreOffice and older Word need a bitmap:
/// turn the SVG data: URIs of a DOCX's input into PNG with rsvg-convert
/// (librsvg). Runs only for a document that is being converted; without
/// rsvg-convert the SVG stays, which current Word still shows.
void SvgToPngForDocx(const std::string& input_path, const fs::path& work) {
  static const std::string kSvg = "data:image/svg+xml;base64,";
  std::string html = ReadAll(input_path);
  if (html.find(kSvg) == std::string::npos || !base::FindProgram("rsvg-convert")) return;
  int n = 0;
  for (size_t at = html.find(kSvg); at != std::string::npos; at = html.find(kSvg, at + 1)) {
    const size_t start = at + kSvg.size();
    const size_t end = html.find('"', start);
    const fs::path svg = work / (fs::path(input_path).stem().string() + "-" + std::to_string(++n) + ".svg");
    const fs::path png = fs::path(svg).replace_extension(".png");
    std::ofstream(svg, std::ios::binary) << base::FromBase64(html.substr(start, end - start));
    base::ProcessResult result = base::RunProcess(
        {{"rsvg-convert", "--zoom=2", "--format=png", "--output=" + png.string(), svg.string()},
         work.string(), std::chrono::seconds(60), {}});
    if (!result.started || result.exit_code != 0) continue;
    const std::string uri = "data:image/png;base64," + base::Base64(ReadAll(png));
    html.replace(at, end - at, uri);
  }
  std::ofstream(input_path, std::ios::binary | std::ios::trunc) << html;
}

/// What the previous build recorded: output → {input hash, file hash}.
std::map<std::string, std::pair<std::string, std::string>> ReadManifest(const fs::path& path) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  if (!fs::exists(path)) return out;
  nlohmann::json manifest = nlohmann::json::parse(ReadAll(path), nullptr, false);
  if (!manifest.is_object() || !manifest.contains("outputs") || !manifest["outputs"].is_object()) return out;
  for (const auto& [name, entry] : manifest["outputs"].items()) {
    if (entry.is_object() && entry.contains("inputs") && entry.contains("sha256") &&
        entry["inputs"].is_string() && entry["sha256"].is_string()) {
      out[name] = {entry["inputs"].get<std::string>(), entry["sha256"].get<std::string>()};
    }
  }
  return out;
}

/// Sets the text of element `tag` (e.g. "dc:title") in a core properties part.
void SetCoreProperty(std::string& core, const std::string& tag, const std::string& text) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  const size_t start = core.find(open);
  const size_t end = core.find(close, start);
  if (start == std::string::npos || end == std::string::npos) return;
  core.replace(start + open.size(), end - start - open.size(), base::EscapeHtml(text));
}

/// Pandoc's PPTX writer stamps some parts with the clock, leaves the
/// title and author of the file's properties empty, and does not copy the
/// reference's media (the logo its slide master and title layout show).
/// Add the media from `reference_parts` with their content type, fill in
/// `title` and `creator`, and rewrite every entry with the pack's date, so
/// identical inputs give identical bytes. (An author in Pandoc's metadata
/// would also be a line of its own on the title slide.)
bool FinishPptx(const std::string& path, const ZipEntries& reference_parts, const std::string& title,
                const std::string& creator, time_t mtime, std::string* error) {
  auto entries = ReadZip(path, error);
  if (!entries) return false;
  for (auto& [name, xml] : *entries) {
    if (name != "docProps/core.xml") continue;
    SetCoreProperty(xml, "dc:title", title);
    SetCoreProperty(xml, "dc:creator", creator);
  }
  for (const auto& [name, bytes] : reference_parts) {
    if (name.rfind("ppt/media/", 0) != 0) continue;
    bool present = false;
    for (const auto& entry : *entries) present |= entry.first == name;
    if (present) continue;
    entries->emplace_back(name, bytes);
    for (auto& [part, xml] : *entries) {
      if (part != "[Content_Types].xml") continue;
      const size_t close = xml.rfind("</Types>");
      if (close != std::string::npos) {
        xml.insert(close, "<Override PartName=\"/" + name + "\" ContentType=\"image/png\" />");
      }
    }
  }
  return WriteZip(path, *entries, mtime, error);
}

/// A converter that exits 0 may still have written nothing, or something
/// else: every converted output must exist, hold bytes and be the kind its
/// name says (`to`: "docx", "pdf" or "pptx") before the pack is swapped
/// in, or the previous pack would be replaced by a broken one. `tool`
/// names the converter in `error`.
bool IsWhatItSaysItIs(const std::string& path, const std::string& to, const std::string& tool, std::string* error) {
  std::error_code ec;
  const bool regular = fs::is_regular_file(fs::symlink_status(path, ec));
  const auto size = regular ? fs::file_size(path, ec) : 0;
  if (!regular || ec) {
    *error = tool + " reported success but wrote no file";
    return false;
  }
  if (size == 0) {
    *error = tool + " reported success but wrote an empty file";
    return false;
  }
  if (to == "pdf") {
    char head[5] = {};
    std::ifstream(path, std::ios::binary).read(head, sizeof head);
    if (std::string(head, sizeof head) == "%PDF-") return true;
    *error = tool + " reported success but wrote a file that is not a PDF";
    return false;
  }
  const std::string kind = to == "docx" ? "DOCX" : "PPTX";
  const std::string main_part = to == "docx" ? "word/document.xml" : "ppt/presentation.xml";
  std::string why;
  auto entries = ReadZip(path, &why);
  if (!entries) {
    *error = tool + " reported success but wrote a file that is not a " + kind + " (" + why + ")";
    return false;
  }
  for (const auto& entry : *entries) {
    if (entry.first == main_part) return true;
  }
  *error = tool + " reported success but wrote a zip without " + main_part + ", which is not a " + kind;
  return false;
}

/// An exclusive flock on a lock file beside the pack, held while the
/// object lives; the kernel drops it when the process ends, however it ends.
/// The holder removes the file when done, so a pack folder keeps no stray
/// file: a build that locked a file since removed locks the new one instead.
class PackLock {
 public:
  explicit PackLock(const fs::path& path) : path_(path) {
    for (int attempt = 0; attempt < 10 && fd_ < 0; ++attempt) {
      fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
      if (fd_ < 0) {
        error_ = std::error_code(errno, std::generic_category());
        return;
      }
      struct stat locked {}, named {};
      if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        busy_ = errno == EWOULDBLOCK;
        error_ = std::error_code(errno, std::generic_category());
        close(fd_);
        fd_ = -1;
        return;
      }
      if (fstat(fd_, &locked) != 0 || lstat(path.c_str(), &named) != 0 || locked.st_ino != named.st_ino ||
          locked.st_dev != named.st_dev) {
        close(fd_);  // the file was removed by the build before: lock its successor
        fd_ = -1;
      }
    }
  }
  ~PackLock() {
    if (fd_ < 0) return;
    unlink(path_.c_str());
    close(fd_);
  }
  PackLock(const PackLock&) = delete;
  PackLock& operator=(const PackLock&) = delete;
  bool held() const { return fd_ >= 0; }
  /// Not held because another build holds it (else `error` says why).
  bool busy() const { return busy_; }
  std::error_code error() const { return error_; }

 private:
  fs::path path_;
  int fd_ = -1;
  bool busy_ = false;
  std::error_code error_;
};

/// Under the pack's lock, before a build: a build killed between the two
/// renames of the swap left the previous pack at .ID.old and none at ID,
/// so put it back; remove the staging folders of killed builds. A regular
/// file (or anything but a folder) where the pack goes is the user's, not
/// a pack: refuse rather than delete it.
bool RecoverAndClean(const fs::path& out_dir, const std::string& id, const std::string& shown_dir,
                     base::DiagnosticSink& sink) {
  std::error_code ec;
  const fs::path final_dir = out_dir / id;
  const fs::path old = out_dir / ("." + id + ".old");
  const auto status = fs::symlink_status(final_dir, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    sink.Report(DiagKind::kOutputError, SourceLoc{base::JoinPath(shown_dir, id)},
                "this is a file, not a pack folder; policyc will not replace it. Move it away or build "
                "into another folder with -o");
    return false;
  }
  if (!fs::exists(status) && fs::is_directory(fs::symlink_status(old, ec))) fs::rename(old, final_dir, ec);
  for (const auto& entry : fs::directory_iterator(out_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("." + id + ".staging", 0) == 0) fs::remove_all(entry.path(), ec);
  }
  return true;
}

/// The logo as PNG for slides: the bytes of a PNG logo, an SVG one turned
/// into PNG with rsvg-convert (librsvg), or nothing without it.
std::string LogoPng(const model::ResolvedPack& pack, const std::string& logo, const fs::path& work) {
  if (pack.branding.logo_format == "png") return logo;
  if (pack.branding.logo_format != "svg" || logo.empty() || !base::FindProgram("rsvg-convert")) return "";
  const fs::path svg = work / "policyc-logo.svg";
  const fs::path png = work / "policyc-logo.png";
  std::ofstream(svg, std::ios::binary) << logo;
  base::ProcessResult result = base::RunProcess(
      {{"rsvg-convert", "--height=192", "--keep-aspect-ratio", "--format=png", "--output=" + png.string(), svg.string()},
       work.string(), std::chrono::seconds(60), {}});
  if (!result.started || result.exit_code != 0) return "";
  return ReadAll(png);
}

}  // namespace

bool WritePack(const model::ResolvedPack& pack, const render::Templates& templates,
               const BuildOptions& options, const PandocRunner& pandoc,
               base::DiagnosticSink& sink, BuildStats* stats) {
  std::error_code ec;
  if (options.out_dir.empty()) {
    sink.Report(DiagKind::kOutputError, SourceLoc{}, "the output folder is empty; name one with -o");
    return false;
  }
  const fs::path out_dir = fs::absolute(options.out_dir, ec);
  const fs::path final_dir = out_dir / pack.profile_id;
  fs::create_directories(out_dir, ec);
  // One build of a pack at a time: a second build into the same folder
  // fails at once rather than waiting (it could wait for hours behind a
  // slow conversion) or mixing its files with the first's (issue 14, point 8).
  PackLock lock(out_dir / ("." + pack.profile_id + ".lock"));
  if (!lock.held() && !lock.busy()) {
    sink.Report(DiagKind::kOutputError, SourceLoc{options.out_dir},
                "cannot create the pack's staging folder here (" + lock.error().message() +
                    "); choose an output folder you can write with -o");
    return false;
  }
  if (!lock.held()) {
    sink.Report(DiagKind::kOutputError, SourceLoc{base::JoinPath(options.out_dir, pack.profile_id)},
                "another policyc build is writing this pack now; wait for it to finish, or build into "
                "another folder with -o");
    return false;
  }
  const fs::path old = out_dir / ("." + pack.profile_id + ".old");
  if (!RecoverAndClean(out_dir, pack.profile_id, options.out_dir, sink)) return false;
  // Unique per build, so even a build that ignored the lock could not write into this one's files.
  const fs::path staging = out_dir / ("." + pack.profile_id + ".staging-" + std::to_string(getpid()));
  const fs::path work = staging / ".work";
  fs::create_directories(work, ec);
  if (ec) {
    sink.Report(DiagKind::kOutputError, SourceLoc{options.out_dir},
                "cannot create the pack's staging folder here (" + ec.message() +
                    "); choose an output folder you can write with -o");
    return false;
  }
  auto fail = [&] {
    fs::remove_all(staging, ec);
    return false;
  };

  render::HtmlRenderer renderer(templates, pack);
  bool ok = Write(staging / "pack.json", render::PackToJson(pack), sink);
  ok = ok && Write(staging / "soa.csv", SoaCsv(pack), sink);
  std::string logo_bytes;
  if (!pack.branding.logo.empty()) {
    const fs::path logo = staging / ("logo." + pack.branding.logo_format);
    logo_bytes = ReadAll(pack.branding.logo);
    ok = ok && Write(logo, logo_bytes, sink);
    renderer.SetLogo(logo_bytes);
  }
  if (options.formats.count(Format::kHtml)) {
    ok = ok && Write(staging / "index.html", renderer.IndexPage(), sink);
    ok = ok && Write(staging / "style.css", renderer.StyleCss(), sink);
    for (const auto& [name, svg] : pack.images) ok = ok && Write(staging / (name + ".svg"), svg, sink);
    for (size_t i = 0; ok && i < pack.documents.size(); ++i) {
      ok = Write(staging / (pack.documents[i].id + ".html"), renderer.DocumentPage(i), sink);
    }
  }
  if (!ok) return fail();

  std::vector<Job> jobs;
  const std::string epoch = EpochOf(pack.as_of);
  const std::string worker_script = base::JoinPath(options.templates_dir, "print/weasyprint_worker.py");
  const auto interpreter = WeasyPrintRenderer::FindInterpreter();
  const bool weasyprint = options.formats.count(Format::kPdf) && interpreter && fs::exists(worker_script);
  // policyc itself is a tool too: what it does to Pandoc's output (tables
  // of contents, zip entries) changes with it, so a new policyc converts again.
  const std::string tools = pandoc.Fingerprint() + SelfFingerprint() +
                            (weasyprint ? base::Sha256Hex(ReadAll(worker_script)) : "");
  std::optional<std::string> slide_logo;  // the logo as PNG, made for the first deck
  for (size_t i = 0; i < pack.documents.size(); ++i) {
    const model::ResolvedDocument& doc = pack.documents[i];
    if (options.formats.count(Format::kDocx)) {
      fs::path input = work / (doc.id + ".docx.html");
      ok = ok && Write(input, renderer.PrintDocument(i, render::PrintTarget::kDocx), sink);
      fs::path reference = work / (doc.id + ".reference.docx");
      ZipEntries reference_parts = renderer.DocxReference(i);
      std::string reference_text;
      for (const auto& [name, bytes] : reference_parts) reference_text += name + '\0' + bytes + '\0';
      ConversionRequest request;
      request.input_path = input.string();
      request.to = "docx";
      request.reference_doc = reference.string();
      request.toc = true;
      request.output_path = (staging / "docx" / (doc.id + ".docx")).string();
      // Pandoc writes title, author and date as the title page and as the
      // file's properties (dc:title, dc:creator): the author is the
      // organisation, and version and classification stay on the page's
      // last line and in their own custom properties.
      request.metadata = {{"title", doc.title},
                          {"author", pack.organisation.legal_name},
                          // One line under the organisation on the title page: a draft
                          // names the version it would become and claims no approval.
                          {"date", model::ApprovalLine(doc) + " · " + Capitalised(doc.classification)},
                          {"version", model::VersionLabel(doc)},
                          {"owner", doc.owner_title},
                          {"classification", doc.classification},
                          {"document-id", doc.id},
                          {"next-review", doc.next_review}};
      request.shift_headings = -1;  // sections become Heading 1 in Word
      request.source_date_epoch = epoch;
      request.working_dir = work.string();
      Job job;
      job.request = request;
      job.label = "docx/" + doc.id + ".docx";
      job.input_hash = base::Sha256Hex(tools + '\0' + epoch + '\0' + ReadAll(input) + '\0' + reference_text + '\0' +
                                       MetadataText(request));
      job.reference_parts = std::move(reference_parts);
      jobs.push_back(std::move(job));
    }
    if (options.formats.count(Format::kPdf)) {
      fs::path input = work / (doc.id + ".pdf.html");
      fs::path css = work / (doc.id + ".css");
      ok = ok && Write(input, renderer.PrintDocument(i, render::PrintTarget::kPdf), sink);
      ok = ok && Write(css, renderer.PrintCss(i), sink);
      ConversionRequest request;
      request.input_path = input.string();
      request.to = "pdf";
      request.output_path = (staging / "pdf" / (doc.id + ".pdf")).string();
      if (weasyprint) {
        // Pandoc writes the standalone HTML; a long-lived WeasyPrint renders it.
        request.to = "html5";
        request.output_path = (work / (doc.id + ".print.html")).string();
      }
      request.css = {css.string()};
      request.metadata = {{"pagetitle", doc.title + " — " + pack.organisation.name},
                          {"author", pack.organisation.legal_name},  // the PDF's Author
                          {"lang", "en-GB"}};
      request.source_date_epoch = epoch;
      request.working_dir = work.string();
      Job job;
      job.request = request;
      job.label = "pdf/" + doc.id + ".pdf";
      job.input_hash = base::Sha256Hex(tools + '\0' + epoch + '\0' + ReadAll(input) + '\0' + ReadAll(css) + '\0' +
                                       MetadataText(request));
      if (weasyprint) job.pdf_output = (staging / "pdf" / (doc.id + ".pdf")).string();
      jobs.push_back(std::move(job));
    }
    if (options.formats.count(Format::kPptx) && doc.slides) {
      fs::path input = work / (doc.id + ".slides.html");
      ok = ok && Write(input, renderer.SlidesHtml(i), sink);
      if (!slide_logo) slide_logo = LogoPng(pack, logo_bytes, work);
      fs::path reference = work / (doc.id + ".reference.pptx");
      ZipEntries reference_parts = renderer.PptxReference(i, *slide_logo);
      std::string reference_text;
      for (const auto& [name, bytes] : reference_parts) reference_text += name + '\0' + bytes + '\0';
      ConversionRequest request;
      request.input_path = input.string();
      request.to = "pptx";
      request.output_path = (staging / "pptx" / (doc.id + ".pptx")).string();
      request.slide_level = 2;
      request.reference_doc = reference.string();
      request.metadata = {{"title", doc.title},
                          {"subtitle", pack.organisation.name},
                          {"date", model::ApprovalLine(doc)}};
      request.source_date_epoch = epoch;
      request.working_dir = work.string();
      Job job;
      job.request = request;
      job.label = "pptx/" + doc.id + ".pptx";
      job.title = doc.title;
      job.creator = pack.organisation.legal_name;
      job.input_hash = base::Sha256Hex(tools + '\0' + epoch + '\0' + ReadAll(input) + '\0' + reference_text + '\0' +
                                       MetadataText(request) + job.title + '\0' + job.creator);
      job.reference_parts = std::move(reference_parts);
      jobs.push_back(std::move(job));
    }
  }
  if (!ok) return fail();
  fs::create_directories(staging / "pptx", ec);
  bool any_slides = false;
  for (const Job& job : jobs) any_slides |= job.request.to == "pptx";
  if (!any_slides) fs::remove(staging / "pptx", ec);
  fs::create_directories(staging / "docx", ec);
  fs::create_directories(staging / "pdf", ec);
  if (!options.formats.count(Format::kDocx)) fs::remove(staging / "docx", ec);
  if (!options.formats.count(Format::kPdf)) fs::remove(staging / "pdf", ec);

  // An output whose inputs are unchanged since the last build, and whose
  // file is still what that build wrote, is copied instead of converted.
  const auto previous = ReadManifest(final_dir / "manifest.json");
  std::vector<size_t> to_convert;
  for (size_t i = 0; i < jobs.size(); ++i) {
    auto it = previous.find(jobs[i].label);
    const fs::path old_file = final_dir / jobs[i].label;
    if (it != previous.end() && it->second.first == jobs[i].input_hash && fs::exists(old_file) &&
        base::Sha256Hex(ReadAll(old_file)) == it->second.second) {
      // A hard link costs nothing; the old pack is removed once this one is in place.
      fs::create_hard_link(old_file, staging / jobs[i].label, ec);
      if (ec) fs::copy_file(old_file, staging / jobs[i].label, fs::copy_options::overwrite_existing, ec);
      jobs[i].reused = !ec;
      jobs[i].known_sha256 = it->second.second;
    }
    if (!jobs[i].reused) to_convert.push_back(i);
  }

  // Biggest inputs first, so that the longest conversions do not start last
  // and leave one core idle at the end.
  std::stable_sort(to_convert.begin(), to_convert.end(), [&](size_t a, size_t b) {
    std::error_code size_error;
    return fs::file_size(jobs[a].request.input_path, size_error) > fs::file_size(jobs[b].request.input_path, size_error);
  });
  // External conversions run in parallel, up to options.jobs at a time.
  std::atomic<size_t> next{0};
  std::atomic<int> done{0};
  std::mutex report;
  std::vector<ConversionResult> results(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) results[i].ok = jobs[i].reused;
  // A tool that hung once will most likely hang on the next document too:
  // after its first timeout no conversion with it starts, and the build
  // fails in minutes instead of hours (issue 14, point 7).
  std::atomic<bool> pandoc_hung{false};
  std::atomic<bool> weasyprint_hung{false};
  std::vector<char> not_started(jobs.size(), 0);
  auto past_deadline = [&] { return options.deadline && std::chrono::steady_clock::now() >= *options.deadline; };
  auto worker = [&] {
    std::unique_ptr<WeasyPrintRenderer> pdf_renderer;  // one long-lived WeasyPrint per thread
    for (size_t n = next++; n < to_convert.size() && !base::Interrupted(); n = next++) {
      const size_t i = to_convert[n];
      if (pandoc_hung || (weasyprint_hung && !jobs[i].pdf_output.empty()) || past_deadline()) {
        not_started[i] = 1;
        continue;
      }
      if (!jobs[i].reference_parts.empty() &&
          !WriteZip(jobs[i].request.reference_doc, jobs[i].reference_parts, std::stol(epoch),
                    &results[i].message)) {
        continue;
      }
      if (jobs[i].request.to == "docx") SvgToPngForDocx(jobs[i].request.input_path, work);
      results[i] = pandoc.Convert(jobs[i].request);
      if (results[i].timed_out) pandoc_hung = true;
      if (results[i].ok && !jobs[i].pdf_output.empty()) {
        if (!pdf_renderer) {
          pdf_renderer = std::make_unique<WeasyPrintRenderer>(*interpreter, fs::absolute(worker_script).string(),
                                                              epoch, work.string(), std::chrono::seconds(180));
        }
        results[i].ok = pdf_renderer->Render(jobs[i].request.output_path, jobs[i].pdf_output,
                                             &results[i].message);
        if (pdf_renderer->TimedOut()) weasyprint_hung = true;
      }
      if (results[i].ok) {
        // With WeasyPrint, Pandoc's output is HTML and the PDF is WeasyPrint's.
        const bool weasy = !jobs[i].pdf_output.empty();
        results[i].ok = IsWhatItSaysItIs(weasy ? jobs[i].pdf_output : jobs[i].request.output_path,
                                         weasy ? "pdf" : jobs[i].request.to, weasy ? "WeasyPrint" : "pandoc",
                                         &results[i].message);
      }
      if (results[i].ok && jobs[i].request.to == "pptx") {
        results[i].ok = FinishPptx(jobs[i].request.output_path, jobs[i].reference_parts, jobs[i].title,
                                   jobs[i].creator, std::stol(epoch),
                                   &results[i].message);
      }
      if (results[i].ok && jobs[i].request.to == "docx") {
        results[i].ok = FinishDocx(jobs[i].request.output_path, std::stol(epoch), &results[i].message);
      }
      std::lock_guard<std::mutex> lock(report);
      int finished = ++done;
      if (options.progress) options.progress(finished, static_cast<int>(to_convert.size()), jobs[i].label);
      if (options.verbose) {
        std::string line;
        for (const auto& arg : results[i].argv) line += (line.empty() ? "" : " ") + arg;
        std::fprintf(stderr, "policyc: ran %s\n", base::TerminalSafe(line).c_str());
      }
    }
  };
  std::vector<std::thread> threads;
  const int count = std::min<int>(std::max(1, options.jobs), static_cast<int>(to_convert.size()));
  for (int t = 0; t < count; ++t) threads.emplace_back(worker);
  // At the deadline the conversions still running are stopped, so a hung
  // tool cannot hold the build past it.
  std::mutex finished_mutex;
  std::condition_variable finished_cv;
  bool finished = false;
  std::thread watchdog;
  if (options.deadline) {
    watchdog = std::thread([&] {
      std::unique_lock<std::mutex> lock(finished_mutex);
      if (!finished_cv.wait_until(lock, *options.deadline, [&] { return finished; })) base::StopChildren();
    });
  }
  for (auto& thread : threads) thread.join();
  if (watchdog.joinable()) {
    {
      std::lock_guard<std::mutex> lock(finished_mutex);
      finished = true;
    }
    finished_cv.notify_all();
    watchdog.join();
  }
  if (base::Interrupted()) {
    sink.Report(DiagKind::kOutputError, SourceLoc{},
                "interrupted; the previous pack was left as it was");
    return fail();
  }
  int unfinished = 0;
  for (size_t i = 0; i < jobs.size(); ++i) unfinished += !results[i].ok;
  if (past_deadline() && unfinished > 0) {
    sink.Report(DiagKind::kToolFailed, SourceLoc{},
                "the build's deadline passed with " + std::to_string(unfinished) +
                    " conversion(s) unfinished; the previous pack was left as it was");
    return fail();
  }
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!results[i].ok && !not_started[i]) {
      sink.Report(DiagKind::kToolFailed, SourceLoc{},
                  "making " + jobs[i].label + " failed: " + results[i].message +
                      "; the previous pack was left as it was");
      ok = false;
    }
  }
  int skipped = 0;
  for (size_t i = 0; i < jobs.size(); ++i) skipped += not_started[i];
  if (skipped > 0) {
    sink.Report(DiagKind::kToolFailed, SourceLoc{},
                std::to_string(skipped) + " other conversion(s) were not started, because " +
                    (pandoc_hung ? "pandoc" : "WeasyPrint") + " did not finish in time once already");
    ok = false;
  }
  if (!ok) return fail();

  fs::remove_all(work, ec);
  // The manifest: for every output, the hash of what determined it and of the file itself.
  nlohmann::json outputs = nlohmann::json::object();
  std::map<std::string, const Job*> by_label;
  for (const Job& job : jobs) by_label[job.label] = &job;
  for (const auto& entry : fs::recursive_directory_iterator(staging)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = fs::relative(entry.path(), staging).generic_string();
    auto job = by_label.find(name);
    if (job != by_label.end()) {
      const Job& j = *job->second;
      outputs[name] = {{"inputs", j.input_hash},
                       {"sha256", j.reused ? j.known_sha256 : base::Sha256Hex(ReadAll(entry.path()))}};
    } else {
      // Rendered in process: the content is all there is to it.
      const std::string hash = base::Sha256Hex(ReadAll(entry.path()));
      outputs[name] = {{"inputs", hash}, {"sha256", hash}};
    }
  }
  nlohmann::json manifest = {{"format_version", 1}, {"tools", tools}, {"outputs", outputs}};
  if (!Write(staging / "manifest.json", manifest.dump(2) + "\n", sink)) return fail();
  if (stats) {
    stats->converted = static_cast<int>(to_convert.size());
    stats->reused = static_cast<int>(jobs.size() - to_convert.size());
  }
  // Swap the finished pack into place; the old one goes only after.
  fs::remove_all(old, ec);
  if (fs::exists(final_dir)) {
    fs::rename(final_dir, old, ec);
    if (ec) {
      sink.Report(DiagKind::kOutputError, SourceLoc{base::JoinPath(options.out_dir, pack.profile_id)},
                  "cannot move the previous pack aside: " + ec.message());
      return fail();
    }
  }
  fs::rename(staging, final_dir, ec);
  if (ec) {
    sink.Report(DiagKind::kOutputError, SourceLoc{base::JoinPath(options.out_dir, pack.profile_id)},
                "cannot move the new pack into place: " + ec.message());
    fs::rename(old, final_dir, ec);
    return fail();
  }
  fs::remove_all(old, ec);
  return true;
}

}  // namespace policyc::emit
