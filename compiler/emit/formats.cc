#include "emit/formats.h"

#include <cctype>

#include "base/sha256.h"
#include "base/strings.h"
#include "emit/ooxml_package.h"
#include "emit/pack_folder.h"
#include "emit/pictures.h"

namespace policyc::emit {

namespace {

/// The metadata a conversion passes to Pandoc, for the job's input hash:
/// it becomes the file's properties, which may say what the input does not.
std::string MetadataText(const ConversionRequest& request) {
  std::string out;
  for (const auto& [key, value] : request.metadata) out += key + '\0' + value + '\0';
  return out;
}

/// The anchored items a DOCX's finishing records, for the job's input hash.
std::string AnchorsText(const std::vector<DocxAnchorBase>& items) {
  std::string out;
  for (const DocxAnchorBase& item : items) out += item.bookmark + '\0' + item.item_id + '\0' + item.kind + '\0' + item.number + '\0';
  return out;
}

/// Writes a converter's input into the work folder; its bytes, for the job's hash.
std::optional<std::string> WriteInput(PlanContext& context, const std::string& name, const std::string& bytes,
                                      base::DiagnosticSink& sink) {
  if (!WritePackFile(context.fs, base::JoinPath(context.work, name), bytes, sink)) return std::nullopt;
  return bytes;
}

/// The request's fields every conversion of the pack shares.
ConversionRequest RequestFor(const PlanContext& context, const std::string& input, const std::string& to,
                             const std::string& output) {
  ConversionRequest request;
  request.input_path = base::JoinPath(context.work, input);
  request.to = to;
  request.output_path = output;
  request.source_date_epoch = context.epoch;
  request.working_dir = context.work;
  return request;
}

/// The hash of what decides a job's output: the tools, the date and the
/// `inputs` (each whole, separated so that no two lists run together).
std::string InputHash(const PlanContext& context, const std::vector<std::string>& inputs) {
  std::string text = context.tools + '\0' + context.epoch + '\0';
  for (const std::string& input : inputs) text += input + '\0';
  return base::Sha256Hex(text);
}

bool PlanDocx(PlanContext& context, size_t i, std::vector<ConversionJob>& jobs, base::DiagnosticSink& sink) {
  const model::ResolvedDocument& doc = context.pack.documents[i];
  auto anchors = AnchoredItems(doc, sink);
  if (!anchors) return false;
  auto input = WriteInput(context, doc.id + ".docx.html",
                          context.renderer.PrintDocument(i, render::PrintTarget::kDocx), sink);
  if (!input) return false;
  ConversionJob job;
  job.label = "docx/" + doc.id + ".docx";
  job.request = RequestFor(context, doc.id + ".docx.html", "docx", base::JoinPath(context.staging, job.label));
  // No bookmarks but the anchors (docx_anchors.h): Pandoc would give every
  // heading one more, named after its words.
  job.request.from = "html-auto_identifiers";
  job.anchors = std::move(*anchors);
  job.request.reference_doc = base::JoinPath(context.work, doc.id + ".reference.docx");
  job.request.toc = true;
  // Pandoc writes title, author and date as the title page and as the
  // file's properties (dc:title, dc:creator): the author is the
  // organisation, and version and classification stay on the page's
  // last line and in their own custom properties.
  job.request.metadata = {{"title", doc.title},
                          {"author", context.pack.organisation.legal_name},
                          // One line under the organisation on the title page: a draft
                          // names the version it would become and claims no approval.
                          {"date", model::ApprovalLine(doc) + " · " + base::CapitaliseFirst(doc.classification)},
                          {"version", model::VersionLabel(doc)},
                          {"owner", doc.owner_title},
                          {"classification", doc.classification},
                          {"document-id", doc.id},
                          {"next-review", doc.next_review},
                          // Which profile's pack the file is from, for policyc import.
                          {"policyc-profile", context.pack.profile_id}};
  job.request.shift_headings = -1;  // sections become Heading 1 in Word
  job.reference_parts = context.renderer.DocxReference(i);
  job.input_hash = InputHash(context, {*input, PackageText(job.reference_parts), MetadataText(job.request),
                                       job.request.from, AnchorsText(job.anchors)});
  jobs.push_back(std::move(job));
  return true;
}

bool PlanPdf(PlanContext& context, size_t i, std::vector<ConversionJob>& jobs, base::DiagnosticSink& sink) {
  const model::ResolvedDocument& doc = context.pack.documents[i];
  auto input = WriteInput(context, doc.id + ".pdf.html", context.renderer.PrintDocument(i, render::PrintTarget::kPdf),
                          sink);
  auto css = input ? WriteInput(context, doc.id + ".css", context.renderer.PrintCss(i), sink) : std::nullopt;
  if (!css) return false;
  ConversionJob job;
  job.label = "pdf/" + doc.id + ".pdf";
  const std::string pdf = base::JoinPath(context.staging, job.label);
  job.request = context.weasyprint
                    // Pandoc writes the standalone HTML; a long-lived WeasyPrint renders it.
                    ? RequestFor(context, doc.id + ".pdf.html", "html5",
                                 base::JoinPath(context.work, doc.id + ".print.html"))
                    : RequestFor(context, doc.id + ".pdf.html", "pdf", pdf);
  if (context.weasyprint) job.pdf_output = pdf;
  job.request.css = {base::JoinPath(context.work, doc.id + ".css")};
  job.request.metadata = {{"pagetitle", doc.title + " — " + context.pack.organisation.name},
                          {"author", context.pack.organisation.legal_name},  // the PDF's Author
                          {"lang", "en-GB"}};
  job.input_hash = InputHash(context, {*input, *css, MetadataText(job.request)});
  jobs.push_back(std::move(job));
  return true;
}

bool PlanPptx(PlanContext& context, size_t i, std::vector<ConversionJob>& jobs, base::DiagnosticSink& sink) {
  const model::ResolvedDocument& doc = context.pack.documents[i];
  if (!doc.slides) return true;  // only training modules have slides
  auto input = WriteInput(context, doc.id + ".slides.html", context.renderer.SlidesHtml(i), sink);
  if (!input) return false;
  if (!context.slide_logo) {
    context.slide_logo = LogoPng(context.fs, context.logo, context.pack.branding.logo_format, context.work);
  }
  ConversionJob job;
  job.label = "pptx/" + doc.id + ".pptx";
  job.request = RequestFor(context, doc.id + ".slides.html", "pptx", base::JoinPath(context.staging, job.label));
  job.request.slide_level = 2;
  job.request.reference_doc = base::JoinPath(context.work, doc.id + ".reference.pptx");
  job.request.metadata = {{"title", doc.title},
                          {"subtitle", context.pack.organisation.name},
                          {"date", model::ApprovalLine(doc)}};
  job.title = doc.title;
  job.creator = context.pack.organisation.legal_name;
  job.reference_parts = context.renderer.PptxReference(i, *context.slide_logo);
  job.input_hash = InputHash(context, {*input, PackageText(job.reference_parts), MetadataText(job.request),
                                       job.title, job.creator});
  jobs.push_back(std::move(job));
  return true;
}

}  // namespace

const std::vector<FormatInfo>& AllFormats() {
  static const std::vector<FormatInfo> kFormats = {
      {Format::kHtml, "html", "", nullptr},
      {Format::kDocx, "docx", "docx", PlanDocx},
      {Format::kPdf, "pdf", "pdf", PlanPdf},
      {Format::kPptx, "pptx", "pptx", PlanPptx},  // only documents with slides (training modules)
  };
  return kFormats;
}

}  // namespace policyc::emit
