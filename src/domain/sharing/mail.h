// The item mails: their outbox codes and their renderers (mail_render.cc), which the
// composition root registers with RegisterItemMail.
//
// The TLP label starts the subject and the body. AMBER, AMBER+STRICT and RED mail
// carries no title, body, requested action or advisory text, only the label, the
// kind, the number, the sender and the link; CLEAR and GREEN mail carries the title
// and requested action, and the body only when the sender set mail_text. A digest is
// one message with a user's digest rows claimed together, under the most restrictive
// label among them. Each renders the item at the version its row names.
#pragma once

#include <string_view>

#include "domain/outbox/mail_kinds.h"
#include "domain/sharing/sharing.h"

namespace renkei::domain {

// outbox.subject_kind of item mail (subject_id = the item, subject_version = its version).
inline constexpr const char* kItemSubject = "item";
// outbox.kind codes (stored; the outbox table's CHECK lists them).
inline constexpr const char* kMailItemPublished = "item_published";
inline constexpr const char* kMailItemRevised = "item_revised";
inline constexpr const char* kMailItemWithdrawn = "item_withdrawn";
inline constexpr const char* kMailItemReminder = "item_reminder";
inline constexpr const char* kMailItemDigest = "item_digest";
// Every item mail kind (the demo load marks its history's mail sent by these).
inline constexpr const char* kItemMailCodes[] = {
    kMailItemPublished, kMailItemRevised, kMailItemWithdrawn, kMailItemReminder, kMailItemDigest};

void RegisterItemMail(MailKinds& kinds);

// The message one single-item kind (published, revised, withdrawn, reminder) sends `to`
// about `item` as stored at the row's version: what the registered renderer sends once
// it has read the item.
Result<MailMessage> RenderItemMail(std::string_view code, const User& to, const OutboxRow& row,
                                   const Item& item, const MailContext& c);

}  // namespace renkei::domain
