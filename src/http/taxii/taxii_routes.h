// The TAXII 2.1 server's read side at /taxii2/ (docs/taxii.md): discovery, one API root,
// two read-only collections (受信した情報: every published real item the caller may see;
// 自組織が発信: those the caller's organisation sent), objects, one object, its versions and
// the manifest, all under the one access rule (SharingService::TaxiiFeed). Media type
// application/taxii+json;version=2.1 both ways (406 otherwise), TAXII error messages.
#pragma once

#include "http/api.h"

namespace renkei::http {

inline constexpr const char* kTaxiiMediaType = "application/taxii+json;version=2.1";

// The TAXII error message {title, description, error_code, http_status}.
ErrorBody TaxiiErrorBody(const ErrorInfo& e);
const std::vector<Route>& TaxiiRoutes();
Mount TaxiiMount();

}  // namespace renkei::http
