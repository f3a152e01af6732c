#ifndef POLICYC_RESOLVE_RISKS_H_
#define POLICYC_RESOLVE_RISKS_H_

/// The risk bands, in one place: the resolver names each risk's band and
/// the heat maps colour their cells by it, so the two cannot disagree.
namespace policyc::resolve {

enum class RiskBand { kLow, kMedium, kHigh, kCritical };

/// The band of a rating (likelihood × impact, 1 to 25): up to 4 Low, up to
/// 9 Medium, up to 16 High, above that Critical.
RiskBand BandOf(int rating);

/// "Low", "Medium", "High" or "Critical", as the registers print it.
const char* BandName(RiskBand band);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_RISKS_H_
