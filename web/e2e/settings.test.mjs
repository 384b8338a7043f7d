// Browser tests of the settings page (設定): a person changes their password and signs in
// with the new one; creates an API token (its secret shown once, with a copy button) and
// revokes it, after which the token gets 401; chooses a language; errors sit beside the
// field they name. Fresh SQLite demo database, as in app.test.mjs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, signIn, shots, PASSWORD } from './harness.mjs'

async function openSettings(page) {
  await page.getByTestId('who').click()
  await page.getByRole('link', { name: '設定' }).click()
  await page.getByRole('heading', { name: '設定', exact: true }).waitFor()
}

test('a member changes their password, then signs in with the new one only', async () => {
  const page = await newPage()
  await signIn(page, 'it@denryoku.example')
  await openSettings(page)
  const form = page.getByTestId('settings-password')
  // The wrong current password: the registry's words beside that field, nothing changed.
  await form.getByLabel('現在のパスワード').fill('これは違うパスワードです')
  await form.getByLabel('新しいパスワード 必須', { exact: true }).fill('新しい長いパスワード-2026')
  await form.getByLabel('新しいパスワード（確認）').fill('新しい長いパスワード-2026')
  await form.getByRole('button', { name: 'パスワードを変更' }).click()
  await page.locator('#current-password-error').waitFor()
  assert.match(await page.locator('#current-password-error').innerText(), /パスワードが正しくありません/)
  // Too short: beside the new password.
  await form.getByLabel('現在のパスワード').fill(PASSWORD)
  await form.getByLabel('新しいパスワード 必須', { exact: true }).fill('短い')
  await form.getByLabel('新しいパスワード（確認）').fill('短い')
  await form.getByRole('button', { name: 'パスワードを変更' }).click()
  await page.locator('#new-password-error').waitFor()
  assert.match(await page.locator('#new-password-error').innerText(), /12/)
  // Two different new passwords never reach the server.
  await form.getByLabel('新しいパスワード 必須', { exact: true }).fill('新しい長いパスワード-2026')
  await form.getByLabel('新しいパスワード（確認）').fill('新しい長いパスワード-2027')
  await form.getByRole('button', { name: 'パスワードを変更' }).click()
  assert.equal(await page.locator('#confirm-password-error').innerText(), '確認用のパスワードが一致しません。')
  await form.getByLabel('新しいパスワード（確認）').fill('新しい長いパスワード-2026')
  await form.getByRole('button', { name: 'パスワードを変更' }).click()
  await page.getByTestId('password-changed').waitFor()
  assert.equal(await page.getByTestId('password-changed').innerText(), 'パスワードを変更しました。')
  await page.context().close()

  const old = await newPage()
  await old.goto(env.base + '/signin')
  await old.getByLabel('メールアドレス').fill('it@denryoku.example')
  await old.getByLabel('パスワード').fill(PASSWORD)
  await old.getByRole('button', { name: 'サインイン' }).click()
  await old.getByText('メールアドレスまたはパスワードが正しくありません。').waitFor()
  await old.context().close()

  const fresh = await newPage()
  await signIn(fresh, 'it@denryoku.example', '新しい長いパスワード-2026')
  assert.equal(await fresh.getByTestId('home-org').innerText(), '東北発電株式会社')
  await fresh.context().close()
})

test('a token is created with its secret shown once and copyable, works, and gets 401 once revoked', async () => {
  const page = await newPage()
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base })
  await signIn(page, 'analyst@jeisac.example')
  await openSettings(page)
  const tokens = page.getByTestId('settings-tokens')
  await tokens.getByTestId('no-tokens').waitFor()
  // No name: the registry's words beside the name field.
  await tokens.getByRole('button', { name: 'トークンを作成' }).click()
  await page.locator('#token-name-error').waitFor()
  assert.match(await page.locator('#token-name-error').innerText(), /入力してください/)
  await tokens.getByLabel('名前').fill('SIEM連携')
  await tokens.getByLabel('有効期限').fill('2099-03-31')
  await tokens.getByRole('button', { name: 'トークンを作成' }).click()
  const secret = await tokens.getByTestId('new-token-secret').innerText()
  assert.match(secret, /^rk_/)
  assert.match(await tokens.getByTestId('new-token').innerText(), /この画面でのみ表示/)
  await tokens.getByTestId('copy-secret').click()
  await tokens.getByRole('button', { name: 'コピーしました' }).waitFor()
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret)
  const row = tokens.getByTestId('token-table').locator('tbody tr', { hasText: 'SIEM連携' })
  assert.match(await row.innerText(), /2099\/03\/31 23:59 JST[\s\S]*未使用[\s\S]*有効/)

  // The token works as a Bearer credential; the list then shows when it was last used.
  const me = await fetch(env.base + '/api/v1/me', { headers: { Authorization: 'Bearer ' + secret } })
  assert.equal(me.status, 200)
  await page.reload()
  await page.getByTestId('token-table').waitFor()
  assert.equal(await page.getByTestId('new-token').count(), 0, 'the secret is not shown again')
  assert.doesNotMatch(await row.innerText(), /未使用/)
  assert.match(await row.innerText(), /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} JST/)
  await page.screenshot({ path: path.join(shots, 'settings.png'), fullPage: true })

  page.once('dialog', (d) => {
    assert.match(d.message(), /SIEM連携/)
    void d.accept()
  })
  await row.getByRole('button', { name: '無効にする' }).click()
  await row.getByText('無効化済み').waitFor()
  assert.equal(await row.getByRole('button', { name: '無効にする' }).count(), 0)
  const after = await fetch(env.base + '/api/v1/me', { headers: { Authorization: 'Bearer ' + secret } })
  assert.equal(after.status, 401)
  await page.context().close()
})

test('the chosen language is kept on the server and the page switches to it', async () => {
  const page = await newPage()
  await signIn(page, 'member@gas.example')
  await openSettings(page)
  const lang = page.getByTestId('settings-language')
  await lang.getByTestId('lang-en').check()
  await lang.getByRole('button', { name: '保存' }).click()
  await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor()
  await page.getByRole('heading', { name: 'API tokens' }).waitFor()
  await page.screenshot({ path: path.join(shots, 'settings-en.png'), fullPage: true })
  const me = await page.evaluate(async () => {
    const who = await (await fetch('/api/v1/me')).json()
    return (await (await fetch('/api/v1/users/' + who.user_id)).json()).locale
  })
  assert.equal(me, 'en')
  await page.context().close()
})

test('the top bar\'s language switch is the same choice: signed in, it is stored for my mail too', async () => {
  const page = await newPage()
  await signIn(page, 'officer@occto.example')
  const stored = () => page.evaluate(async () => {
    const who = await (await fetch('/api/v1/me')).json()
    return (await (await fetch('/api/v1/users/' + who.user_id)).json()).locale
  })
  assert.equal(await stored(), 'ja')
  await page.getByRole('button', { name: 'English', exact: true }).click()
  await page.getByTestId('who').waitFor()
  for (let i = 0; i < 50 && (await stored()) !== 'en'; i++) await page.waitForTimeout(100)
  assert.equal(await stored(), 'en')
  await page.getByRole('button', { name: '日本語', exact: true }).click()
  for (let i = 0; i < 50 && (await stored()) !== 'ja'; i++) await page.waitForTimeout(100)
  assert.equal(await stored(), 'ja')
  await page.context().close()
})
