// The password-reset mail: a one-time link to the user (QueuePasswordReset queues it),
// registered with the outbox by RegisterPasswordResetMail. It is rendered at send time
// from the reset's row: a reset used, expired or superseded by a newer one is never
// mailed, nor one for a deactivated user. Once the relay accepted the mail (or it can
// never be sent), the reset forgets the link's secret (only its SHA-256 stays, for
// checking).
#pragma once

#include "domain/outbox/mail_kinds.h"

namespace renkei::domain {

// outbox.subject_kind (subject_id = password_resets.id) and outbox.kind codes.
inline constexpr const char* kPasswordResetSubject = "password_reset";
inline constexpr const char* kMailPasswordReset = "password_reset";

void RegisterPasswordResetMail(MailKinds& kinds);

}  // namespace renkei::domain
