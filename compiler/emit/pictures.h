#ifndef POLICYC_EMIT_PICTURES_H_
#define POLICYC_EMIT_PICTURES_H_

#include <string>

#include "base/file_system.h"

/// SVG pictures as PNG, for the formats whose readers want a bitmap. The
/// conversion is rsvg-convert's (librsvg); without it the SVG stays.
namespace policyc::emit {

/// The logo as PNG for slides: the bytes of a PNG logo (`format` "png"),
/// an SVG one turned into PNG in `work`, or "" when neither can be had.
std::string LogoPng(base::FileSystem& fs, const std::string& logo, const std::string& format,
                    const std::string& work);

/// Word shows SVG pictures, but LibreOffice and older Word need a bitmap:
/// turns the SVG data: URIs of the HTML file at `input_path` (a DOCX's
/// input) into PNG ones, working in `work`. Run only for a document that
/// is being converted; without rsvg-convert the SVG stays, which current
/// Word still shows.
void SvgPicturesToPng(base::FileSystem& fs, const std::string& input_path, const std::string& work);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_PICTURES_H_
