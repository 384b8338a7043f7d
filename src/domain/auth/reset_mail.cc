#include "domain/auth/reset_mail.h"
#include "domain/auth/auth_service.h"
#include "domain/auth/auth_store.h"

#include "core/error_codes.h"

namespace renkei::domain {
namespace {

MailMessage ResetMail(const User& u, const std::string& secret, const MailContext& c,
                      std::int64_t reset_id, bool new_account) {
  MailMessage m;
  m.to = u.email;
  m.to_name = u.display_name;
  // The secret goes in the fragment, which browsers never send to a server or a referrer.
  const std::string link = c.base_url + "/password-reset#token=" + secret;
  m.subject = "【Renkei 連携】パスワードの設定 / Set your password";
  if (new_account) {
    m.text = u.display_name + " 様\n\n" +
             "Renkei（重要インフラ サイバーセキュリティ連携基盤）のアカウントが作成されました。"
             "次のリンクから 24 時間以内にパスワードを設定してください（一度だけ使えます）。\n" +
             link + "\n\nサインインに使うメールアドレス: " + u.email +
             "\n期限が切れた場合は、所属組織の管理者に再発行を依頼してください。\n\n"
             "A Renkei account was created for you. Set your password within 24 hours with the "
             "link above (it works once); you sign in with this e-mail address. If the link has "
             "expired, ask your administrator for a new one.\n";
    m.message_id = "<reset-" + std::to_string(reset_id) + "@" + c.id_domain + ">";
    return m;
  }
  m.text = u.display_name + " 様\n\n" +
           "Renkei のパスワードがリセットされました。次のリンクから 24 時間以内に新しいパスワード"
           "を設定してください（一度だけ使えます）。\n" +
           link +
           "\n\nお心当たりがない場合は、このメールを破棄し、所属組織の管理者にご連絡ください。\n\n"
           "Your Renkei password was reset. Set a new one within 24 hours with the link above "
           "(it works once). If you did not expect this, ignore this mail and tell your "
           "administrator.\n";
  m.message_id = "<reset-" + std::to_string(reset_id) + "@" + c.id_domain + ">";
  return m;
}

}  // namespace

void RegisterPasswordResetMail(MailKinds& kinds) {
  kinds.Register(
      {kMailPasswordReset, kPasswordResetSubject, false,
       [](Stores& s, const User& to, const std::vector<OutboxRow>& rows,
          const MailContext& c) -> Result<MailMessage> {
         const OutboxRow& row = rows.front();
         RENKEI_ASSIGN_OR_RETURN(auto reset, s.auth.GetPasswordResetById(row.subject_id));
         if (!reset || reset->user_id != row.user_id || reset->mail_secret.empty() ||
             reset->used_at || reset->expires_at <= c.now) {
           return err::PasswordResetNotFound();
         }
         return ResetMail(to, reset->mail_secret, c, reset->id, reset->reason == kNewAccountReason);
       },
       [](Stores& s, const std::vector<OutboxRow>& rows, bool sent, Millis at) -> Status {
         return s.auth.CloseResetMail(rows.front().subject_id,
                                      sent ? std::optional<Millis>(at) : std::nullopt);
       }});
}

}  // namespace renkei::domain
