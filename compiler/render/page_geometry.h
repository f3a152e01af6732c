#ifndef POLICYC_RENDER_PAGE_GEOMETRY_H_
#define POLICYC_RENDER_PAGE_GEOMETRY_H_

/// The pack's printed page: A4 with 2 cm side margins, in twips (a
/// twentieth of a point, 1,440 to the inch), as OOXML measures it. The
/// DOCX reference's page size, margins and header tab stops, the width a
/// DOCX table is scaled to and the width tables are laid out on all come
/// from here, so that they cannot drift apart.
namespace policyc::render {

inline constexpr int kTwipsPerPoint = 20;
inline constexpr int kA4ShortSideTwips = 11906;  ///< 210 mm
inline constexpr int kA4LongSideTwips = 16838;   ///< 297 mm
inline constexpr int kSideMarginTwips = 1134;    ///< 2 cm, left and right

/// The page's width: the short side in portrait, the long one in landscape.
constexpr int PageWidthTwips(bool landscape) { return landscape ? kA4LongSideTwips : kA4ShortSideTwips; }
constexpr int PageHeightTwips(bool landscape) { return landscape ? kA4ShortSideTwips : kA4LongSideTwips; }

/// The width between the side margins.
constexpr int TextWidthTwips(bool landscape) { return PageWidthTwips(landscape) - 2 * kSideMarginTwips; }

}  // namespace policyc::render

#endif  // POLICYC_RENDER_PAGE_GEOMETRY_H_
