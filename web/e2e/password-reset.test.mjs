// Browser tests of password resets: Debian's Chromium driven by playwright-core against
// `renkei serve` on a fresh SQLite database with the demo data and the built app
// (web/dist), as in app.test.mjs. Screenshots go to web/e2e-output/.
// A reset mails a one-time link; no SMTP server runs here, so the mailed link itself is
// not followed: the page it opens is checked with a link that is not valid.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, openDirectory, signIn, shots, PASSWORD } from './harness.mjs'

test('hub staff reset a member\'s password: they confirm, a link is mailed, the member\'s open session ends', async () => {
  // The member is signed in with the inbox open (its live events stream) before the reset.
  const member = await newPage()
  await signIn(member, 'it@denryoku.example')
  await member.getByTestId('nav-inbox').click()
  await member.getByTestId('item-table').waitFor()

  const page = await newPage()
  await signIn(page, 'analyst@jeisac.example')
  await openDirectory(page, '組織')
  await page.getByTestId('org-search').fill('東北発電')
  await page.getByTestId('org-table').getByRole('link', { name: '東北発電株式会社' }).click()
  await page.getByRole('heading', { name: '利用者' }).waitFor()
  const row = page.locator('tr', { hasText: 'it@denryoku.example' })
  await row.getByRole('button', { name: 'パスワード再設定' }).click()
  const form = page.getByTestId('password-reset-form')
  assert.match(await form.innerText(), /APIトークンが無効になり[\s\S]*24時間有効・1回限り/)
  // Hub staff may leave the reason empty; give one all the same (it goes to the audit log).
  await form.getByLabel('リセットの理由').fill('本人から端末紛失の連絡があったため')
  await form.getByRole('button', { name: 'リセットしてリンクを送信' }).click()
  // The confirmation names the one person it reaches; its button says what it does.
  const dialog = page.getByTestId('confirm-dialog')
  await dialog.getByTestId('confirm-reach').waitFor()
  assert.match(await dialog.getByTestId('confirm-audience').innerText(), /it@denryoku\.example/)
  assert.match(await dialog.getByTestId('confirm-reach').innerText(), /1 名・1 組織/)
  await page.screenshot({ path: path.join(shots, 'confirm-reset.png') })
  await dialog.getByRole('button', { name: /さんに再設定メールを送信$/ }).click()
  await page.getByTestId('reset-link-sent').waitFor()
  assert.equal(await page.getByTestId('reset-link-sent').innerText(), 'it@denryoku.example 宛てにパスワード設定用のリンクを送信しました')
  assert.equal(await page.getByTestId('password-reset-form').count(), 0)
  assert.equal(await page.getByText('仮パスワード').count(), 0, 'no password is shown')
  await page.screenshot({ path: path.join(shots, 'organisation-reset.png'), fullPage: true })
  await page.context().close()

  // The server ends the member's stream within a heartbeat ("end"); the page returns to sign-in.
  await member.waitForURL(/\/signin\?.*expired=1/, { timeout: 30000 })
  await member.getByText('もう一度サインインしてください').waitFor()
  await member.context().close()
})

test('administrators give a reason for a reset', async () => {
  const page = await newPage()
  await signIn(page, 'admin@renkei.example')
  await page.goto(env.base + '/organisations')
  await page.getByTestId('org-search').fill('東北発電')
  await page.getByTestId('org-table').getByRole('link', { name: '東北発電株式会社' }).click()
  await page.getByRole('heading', { name: '利用者' }).waitFor()
  await page.locator('tr', { hasText: 'member@denryoku.example' }).getByRole('button', { name: 'パスワード再設定' }).click()
  await page.getByRole('button', { name: 'リセットしてリンクを送信' }).click()
  await page.locator('#reset-reason-error').waitFor()
  assert.match(await page.locator('#reset-reason-error').innerText(), /入力してください/)
  await page.getByRole('button', { name: 'キャンセル' }).click()
  assert.equal(await page.getByTestId('password-reset-form').count(), 0)
  assert.equal(await page.getByTestId('reset-link-sent').count(), 0)
  await page.context().close()
})

test('a password link that does not work says why and whom to ask', async () => {
  const page = await newPage()
  await page.goto(env.base + '/password-reset#token=invalid')
  await page.getByRole('heading', { name: '新しいパスワードの設定' }).waitFor()
  // The secret leaves the address bar as soon as the page has it.
  await page.waitForFunction(() => location.hash === '')
  assert.equal(new URL(page.url()).pathname, '/password-reset')
  assert.match(await page.getByTestId('password-reset').innerText(), /12文字以上/)
  await page.screenshot({ path: path.join(shots, 'password-reset.png') })
  await page.getByLabel('新しいパスワード 必須', { exact: true }).fill('a-new-password-123')
  await page.getByLabel('新しいパスワード（確認）').fill('a-new-password-123')
  await page.getByRole('button', { name: 'パスワードを設定' }).click()
  await page.getByTestId('reset-link-error').waitFor()
  assert.equal(
    await page.getByTestId('reset-link-error').innerText(),
    'このリンクは無効か、使用済みか、有効期限（24時間）が切れています。管理者または所属セプター事務局に再発行を依頼してください。',
  )
  assert.equal(await page.getByLabel('新しいパスワード 必須', { exact: true }).count(), 0, 'no form for a dead link')
  await page.screenshot({ path: path.join(shots, 'password-reset-invalid.png') })
  await page.getByRole('link', { name: 'サインイン画面へ' }).click()
  await page.getByRole('heading', { name: 'サインイン' }).waitFor()
  await page.context().close()
})
