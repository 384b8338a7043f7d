// Browser tests: Debian's Chromium driven by playwright-core against `renkei serve` on a
// fresh SQLite database with the demo data and the built app (web/dist).
// Screenshots of the main pages go to web/e2e-output/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { env, newPage, openDirectory, signIn, shots, PASSWORD } from './harness.mjs'

test('a member signs in in Japanese, sees their organisation, and a wrong password is explained', async () => {
  const page = await newPage()
  await page.goto(env.base + '/')
  await page.getByRole('heading', { name: 'サインイン' }).waitFor()
  await page.screenshot({ path: path.join(shots, 'signin.png') })
  await page.getByLabel('メールアドレス').fill('member@denryoku.example')
  await page.getByLabel('パスワード').fill('wrong password here')
  await page.getByRole('button', { name: 'サインイン' }).click()
  await page.getByTestId('signin-error').waitFor()
  assert.match(await page.getByTestId('signin-error').innerText(), /メールアドレスまたはパスワードが正しくありません/)
  await page.getByLabel('パスワード').fill(PASSWORD)
  await page.getByRole('button', { name: 'サインイン' }).click()
  await page.getByTestId('home-org').waitFor()
  assert.equal(await page.getByTestId('home-org').innerText(), '東北発電株式会社')
  assert.equal(await page.getByRole('link', { name: '管理' }).count(), 0, 'members see no admin link')
  await page.screenshot({ path: path.join(shots, 'home.png') })
  await page.context().close()
})

test('the language switch changes the UI and is remembered', async () => {
  const page = await newPage()
  await signIn(page, 'member@denryoku.example')
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('button', { name: 'Directory' }).waitFor()
  await page.reload()
  await page.getByRole('button', { name: 'Directory' }).waitFor()
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
  await openDirectory(page, 'Hub map')
  await page.getByRole('heading', { name: 'CEPTOAR characteristics map' }).waitFor()
  await page.getByTestId('hub-map').locator('tbody tr').first().waitFor()
  await page.screenshot({ path: path.join(shots, 'hub-map-en.png') })
  await page.getByRole('button', { name: '日本語' }).click()
  await page.getByRole('button', { name: '組織・分野' }).waitFor()
  await page.context().close()
})

test('organisations are searched in Japanese without spaces and across full/half width', async () => {
  const page = await newPage()
  await signIn(page, 'member@denryoku.example')
  await openDirectory(page, '組織')
  const table = page.getByTestId('org-table')
  await table.locator('tbody tr').first().waitFor()
  await page.getByTestId('org-search').fill('東北発電')
  await table.getByRole('link', { name: '東北発電株式会社' }).waitFor()
  await page.getByTestId('org-search').fill('ｹｰﾌﾞﾙﾃﾚﾋﾞ')
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid=org-table] tbody th a')]
    return rows.length > 10 && rows.every((a) => a.textContent.includes('ケーブルテレビ'))
  })
  assert.match(page.url(), /q=/)
  await page.screenshot({ path: path.join(shots, 'organisations.png') })
  await table.locator('tbody th a').first().click()
  await page.getByRole('heading', { name: '緊急連絡先' }).waitFor()
  await page.screenshot({ path: path.join(shots, 'organisation.png') })
  await page.context().close()
})

test('the hub map lists all 21 hubs with secretariat and member counts', async () => {
  const page = await newPage()
  await signIn(page, 'officer@meti.example')
  await openDirectory(page, 'セプターマップ')
  const rows = page.getByTestId('hub-map').locator('tbody tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), 21)
  const banks = rows.filter({ hasText: '銀行等CEPTOAR' })
  assert.match(await banks.innerText(), /一般社団法人全国銀行協会/)
  assert.match(await banks.innerText(), /1,487/)
  assert.match(await banks.innerText(), /2007年3月 制定/)
  await page.screenshot({ path: path.join(shots, 'hub-map.png'), fullPage: true })
  await page.context().close()
})

test('an administrator adds a user who can then sign in; a member cannot open admin pages', async () => {
  const admin = await newPage()
  await signIn(admin, 'admin@renkei.example')
  await admin.getByRole('link', { name: '管理' }).click()
  await admin.getByLabel('組織を検索').fill('東北発電')
  await admin.locator('#user-org option[value]:not([value=""])').first().waitFor({ state: 'attached' })
  await admin.getByLabel('メールアドレス').fill('not-an-email')
  await admin.getByLabel('氏名').fill('東北 次郎')
  await admin.getByRole('button', { name: '利用者を追加' }).click()
  await admin.locator('#user-email-error').waitFor()
  assert.match(await admin.locator('#user-email-error').innerText(), /メールアドレスの形式/)
  // No password given (the default): the person is mailed a link to set one; none is shown.
  await admin.getByLabel('メールアドレス').fill('jiro@denryoku.example')
  await admin.getByRole('button', { name: '利用者を追加' }).click()
  assert.equal(
    await admin.getByTestId('user-link-mailed').innerText(),
    'jiro@denryoku.example 宛てにパスワード設定用のリンク（24時間有効・1回限り）をメールで送信しました。',
  )
  assert.equal(await admin.getByText('仮パスワード').count(), 0, 'no password is shown')
  await admin.screenshot({ path: path.join(shots, 'admin.png') })
  // With a password given, the person signs in with it.
  const password = '東北発電の初期パスワード-2026'
  await admin.getByLabel('メールアドレス').fill('saburo@denryoku.example')
  await admin.getByLabel('氏名').fill('東北 三郎')
  await admin.getByLabel('初期パスワード（任意）').fill(password)
  await admin.getByRole('button', { name: '利用者を追加' }).click()
  await admin.getByTestId('user-created').filter({ hasText: 'saburo@denryoku.example' }).waitFor()
  assert.equal(await admin.getByTestId('user-link-mailed').count(), 0)
  await admin.getByLabel('操作').selectOption({ label: '利用者の変更' })
  const audit = admin.getByTestId('audit-table')
  // The action in words and the new person by name, not 「user.create」「user 6542」.
  await audit.locator('tbody tr', { hasText: '利用者の登録' }).first().waitFor()
  assert.match(await audit.locator('tbody tr').first().innerText(), /admin@renkei\.example[\s\S]*利用者の登録[\s\S]*東北 三郎/)
  await audit.screenshot({ path: path.join(shots, 'audit.png') })
  await admin.context().close()

  const fresh = await newPage()
  await signIn(fresh, 'saburo@denryoku.example', password)
  assert.equal(await fresh.getByTestId('home-org').innerText(), '東北発電株式会社')
  await fresh.goto(env.base + '/admin')
  await fresh.getByText('このページを表示する権限がありません。').waitFor()
  assert.ok(!fresh.url().includes('/admin'))
  await fresh.context().close()
})

// Resetting a password (a mailed link now) is in password-reset.test.mjs.
test('hub staff edit a member organisation\'s user', async () => {
  const page = await newPage()
  await signIn(page, 'analyst@jeisac.example')
  await openDirectory(page, '組織')
  await page.getByTestId('org-search').fill('東北発電')
  await page.getByTestId('org-table').getByRole('link', { name: '東北発電株式会社' }).click()
  await page.getByRole('heading', { name: '利用者' }).waitFor()
  const row = page.locator('tr', { hasText: 'security@denryoku.example' })
  await row.getByRole('button', { name: '編集' }).click()
  await page.getByTestId('user-edit').getByLabel('氏名').fill('東北 編集済')
  await page.getByTestId('user-edit').getByRole('button', { name: '保存' }).click()
  await page.getByText('保存しました').waitFor()
  assert.match(await row.innerText(), /東北 編集済/)
  await page.screenshot({ path: path.join(shots, 'organisation-admin.png') })
  await page.context().close()
})

test('a member keeps their emergency contacts, with errors beside the field', async () => {
  const page = await newPage()
  await signIn(page, 'member@denryoku.example')
  await page.getByTestId('home-org').click()
  await page.getByRole('button', { name: '連絡先を編集' }).click()
  const form = page.getByTestId('contacts-edit')
  await form.locator('#c0-phone').fill('電話して')
  await form.getByRole('button', { name: '保存' }).click()
  await form.locator('#c0-phone-error').waitFor()
  await form.locator('#c0-phone').fill('022-111-2222')
  await form.locator('#c0-name').fill('夜間当番 東北')
  await form.getByRole('button', { name: '保存' }).click()
  await page.getByText('保存しました').waitFor()
  assert.match(await page.getByTestId('contact').first().innerText(), /夜間当番 東北[\s\S]*022-111-2222/)
  await page.context().close()
})

// The server words its errors in the language the person chose (Accept-Language from the
// app); the page shows that text beside the field, never a code.
test('a form error reads in the chosen language, Japanese or English', async () => {
  const page = await newPage()
  await signIn(page, 'analyst@jeisac.example')
  await page.goto(env.base + '/items/new')
  await page.getByTestId('publish-title').fill('期限だけの注意喚起')
  await page.getByTestId('publish-body').fill('本文')
  await page.getByTestId('publish-due').fill('2027-04-01T17:00')
  await page.getByRole('button', { name: '発信する', exact: true }).click()
  await page.locator('#due-error').waitFor()
  assert.equal(await page.locator('#due-error').innerText(), '期限を設定するには要請事項を入力してください。')
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByTestId('publish-due').fill('')
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await page.getByTestId('audience-error').waitFor()
  assert.equal(await page.getByTestId('audience-error').innerText(),
    'With TLP:AMBER, name at least one sector, hub or organisation.')
  await page.screenshot({ path: path.join(shots, 'form-error-en.png') })
  await page.context().close()
})

test('an ended session returns to sign-in with a message, not a blank page', async () => {
  const page = await newPage()
  await signIn(page, 'member@denryoku.example')
  await page.getByTestId('home-org').waitFor()  // the home page's own requests are done
  await page.context().clearCookies()
  await openDirectory(page, '組織')
  await page.getByText('セッションの有効期限が切れました').waitFor()
  assert.match(page.url(), /\/signin\?/)
  await page.context().close()
})

test('works on a narrow (tablet) window', async () => {
  const page = await newPage({ width: 768, height: 1024 })
  await signIn(page, 'analyst@jeisac.example')
  await openDirectory(page, '組織')
  await page.getByTestId('org-table').locator('tbody tr').first().waitFor()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
  assert.equal(overflow, false, 'no horizontal page scroll at 768px')
  await page.screenshot({ path: path.join(shots, 'tablet-organisations.png') })
  await page.context().close()
})

test('an analyst publishes an AMBER alert to electricity; a member reads and acknowledges; another sector cannot find it', async () => {
  // The member has the inbox open before anything is published.
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await member.getByTestId('nav-inbox').click()
  await member.getByTestId('item-table').waitFor()

  const analyst = await newPage()
  await signIn(analyst, 'analyst@jeisac.example')
  await analyst.getByRole('link', { name: '情報を発信' }).click()
  await analyst.getByTestId('tlp-AMBER').check()
  assert.match(await analyst.getByTestId('tlp-help').innerText(), /本文はメールで送りません/)
  const title = '変電所制御系への不審な通信（e2e）'
  await analyst.getByTestId('publish-title').fill(title)
  await analyst.getByTestId('publish-body').fill('## 概要\n制御系ネットワークで**不審な通信**を確認しました。\n\n<script>window.hacked=1</script>')
  await analyst.getByTestId('publish-action').fill('ファイアウォールのログを確認し、受領確認してください')
  await analyst.getByTestId('publish-due').fill('2030-04-01T17:00')
  await analyst.getByTestId('sector-electricity').check()
  await analyst.screenshot({ path: path.join(shots, 'publish.png'), fullPage: true })
  await analyst.getByTestId('publish-submit').click()
  await analyst.getByTestId('confirm-send').click()
  await analyst.getByTestId('item-title').waitFor()
  assert.equal(await analyst.getByTestId('item-title').innerText(), title)
  const itemUrl = analyst.url()
  await analyst.getByTestId('delivery-table').waitFor()

  // The member's open inbox shows it without a reload (live events), unread, with the badge.
  await member.getByRole('link', { name: title }).waitFor()
  await member.getByTestId('unread-badge').waitFor()
  await member.screenshot({ path: path.join(shots, 'inbox.png'), fullPage: true })
  await member.getByRole('link', { name: title }).click()
  await member.getByTestId('item-body').waitFor()
  assert.match(await member.getByTestId('item-body').innerHTML(), /<strong>不審な通信<\/strong>/)
  assert.equal(await member.evaluate(() => window.hacked), undefined, 'the body must not run script')
  assert.equal(await member.getByTestId('audience').count(), 0, 'recipients do not see the audience')
  assert.match(await member.getByTestId('tlp').first().innerText(), /TLP:AMBER/)
  await member.getByTestId('acknowledge').click()
  await member.getByTestId('acknowledged').waitFor()
  await member.screenshot({ path: path.join(shots, 'item.png'), fullPage: true })

  // Another sector: not in the list, not in search, and the item page says not found.
  const gas = await newPage()
  await signIn(gas, 'member@gas.example')
  await gas.goto(env.base + '/items?scope=all')
  await gas.getByTestId('item-search').fill('不審な通信')
  await gas.getByText('該当する情報はありません').waitFor()
  await gas.goto(itemUrl)
  await gas.getByRole('alert').waitFor()
  assert.match(await gas.getByRole('alert').innerText(), /見つかりません/)

  // The analyst's open delivery table shows the acknowledgement by itself (live events).
  await analyst.getByText(/受領確認 1 名/).waitFor({ timeout: 10000 })
  await analyst.screenshot({ path: path.join(shots, 'deliveries.png'), fullPage: true })
  await Promise.all([analyst.context().close(), member.context().close(), gas.context().close()])
})

test('public TLP:CLEAR items can be read without signing in; nothing else is there', async () => {
  // Publish through the API as the analyst: one public CLEAR item and one AMBER item.
  const signin = await fetch(env.base + '/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'analyst@jeisac.example', password: PASSWORD }),
  })
  const cookie = signin.headers.get('set-cookie').split(';')[0]
  const { user } = await signin.json()
  const post = (item) =>
    fetch(env.base + '/api/v1/items', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': user.csrf_token },
      body: JSON.stringify(item),
    })
  assert.equal((await post({ kind: 'alert', tlp: 'CLEAR', public: true, title: '年末年始のフィッシング注意', body: '**公開**の注意喚起です。' })).status, 201)
  assert.equal((await post({ kind: 'alert', tlp: 'AMBER', title: '非公開の注意喚起', body: '内部', audience: { sector_ids: ['electricity'] } })).status, 201)

  const page = await newPage()
  await page.goto(env.base + '/signin')
  await page.getByRole('link', { name: 'サインインせずに公開情報を見る' }).click()
  await page.getByRole('link', { name: '年末年始のフィッシング注意' }).waitFor()
  assert.equal(await page.getByText('非公開の注意喚起').count(), 0)
  await page.getByRole('link', { name: '年末年始のフィッシング注意' }).click()
  await page.getByTestId('public-title').waitFor()
  assert.match(await page.locator('.markdown').innerHTML(), /<strong>公開<\/strong>/)
  await page.screenshot({ path: path.join(shots, 'public.png'), fullPage: true })
  await page.context().close()
})

test('a near miss is filed, routed to the ISAC, anonymised, published, and read by a member', async () => {
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await member.getByTestId('nav-reports').click()
  await member.getByTestId('new-report').click()
  await member.getByTestId('class-near_miss').check()
  await member.getByTestId('field-title').fill('制御系保守PCでの不審なUSBメモリ接続')
  // Submitting without the summary is stopped with the missing field named.
  await member.getByTestId('submit-report').click()
  assert.match(await member.getByTestId('missing').innerText(), /何が起きたか/)
  await member.getByTestId('field-summary').fill(
    '東北発電株式会社の東北第二発電所（宮城県仙台市）で、保守用PC maint-pc07.plant.local に私物のUSBメモリが接続された。' +
      '担当の佐藤花子さんが気付き、192.168.40.17 からの通信を遮断した。')
  await member.getByTestId('field-cause').selectOption('cyber_suspected')
  await member.getByTestId('add-indicator').click()
  await member.getByTestId('indicator-0').fill('192.168.40.17')
  await member.getByTestId('submit-report').click()
  // The confirmation names the ISAC routing gives a near miss before anything is filed.
  await member.getByTestId('confirm-reach').waitFor()
  assert.match(await member.getByTestId('confirm-audience').innerText(), /セプター\/ISAC/)
  await member.screenshot({ path: path.join(shots, 'confirm-report.png') })
  await member.getByTestId('confirm-send').click()
  // Issue 15: 受付完了 with the receipt number and who received it.
  await member.getByTestId('receipt').waitFor()
  assert.match(await member.getByTestId('receipt-no').innerText(), /^R-\d{4}-\d{6}$/)
  assert.match(await member.getByTestId('receipt-recipients').innerText(), /セプター\/ISAC: /)
  await member.screenshot({ path: path.join(shots, 'report-receipt.png'), fullPage: true })
  await member.getByTestId('receipt-open').click()
  await member.getByTestId('report').waitFor()
  assert.match(await member.getByTestId('recipients').innerText(), /セプター\/ISAC/)
  assert.doesNotMatch(await member.getByTestId('recipients').innerText(), /所管省庁/, 'a near miss goes to the hub only')
  assert.match(await member.getByTestId('timeline').innerText(), /初報を提出/)
  await member.getByTestId('report-file').setInputFiles({ name: 'usb-log.txt', mimeType: 'text/plain', buffer: Buffer.from('USB接続ログ\n') })
  await member.getByTestId('attachments').getByRole('link', { name: 'usb-log.txt' }).waitFor()
  const reportUrl = member.url()
  await member.screenshot({ path: path.join(shots, 'report.png'), fullPage: true })

  // The ministry cannot open it; the ISAC analyst finds it in the queue.
  const meti = await newPage()
  await signIn(meti, 'officer@meti.example')
  await meti.goto(reportUrl)
  await meti.getByRole('alert').waitFor()
  assert.match(await meti.getByRole('alert').innerText(), /見つかりません/)
  await meti.context().close()

  const analyst = await newPage()
  await signIn(analyst, 'analyst@jeisac.example')
  await analyst.getByTestId('nav-reports').click()
  await analyst.getByTestId('tab-queue').click()
  await analyst.getByRole('link', { name: '制御系保守PCでの不審なUSBメモリ接続' }).click()
  await analyst.getByTestId('mark-triaged').click()
  await analyst.waitForFunction(() => document.querySelector('[data-testid=report-status]')?.textContent === '確認済み')
  await analyst.getByTestId('anonymise').click()
  const findings = analyst.getByTestId('findings')
  await findings.waitFor()
  const found = await findings.innerText()
  // Issue 15: the plant and the city named a single operator; both are proposed now.
  for (const planted of ['東北発電株式会社', '東北第二発電所', '仙台市', 'maint-pc07.plant.local', '佐藤花子', '192.168.40.17'])
    assert.ok(found.includes(planted), `${planted} is proposed for redaction:\n${found}`)
  const redacted = await analyst.getByTestId('redacted').innerText()
  assert.ok(redacted.includes('組織A') && redacted.includes('東北地方') && !redacted.includes('東北発電'), redacted)
  assert.ok(redacted.includes('施設A') && !redacted.includes('東北第二') && !redacted.includes('仙台'), redacted)
  assert.ok(redacted.includes('USBメモリ'), 'the rest of the text is left alone')
  await analyst.screenshot({ path: path.join(shots, 'anonymise.png'), fullPage: true })
  await analyst.getByTestId('summary-title').fill('発電所の保守用PCへの私物USBメモリ接続（予兆）')
  // Nothing is sent before the confirmation: label, audience and whom it reaches. A name
  // left in the text is highlighted as not replaced, and a directory name blocks it.
  const body = analyst.getByTestId('summary-body')
  const clean = await body.inputValue()
  await body.fill(clean + '\n東北発電の担当者が確認した。')
  await analyst.getByTestId('publish-summary').click()
  const confirm = analyst.getByTestId('confirm-summary')
  await confirm.waitFor()
  assert.match(await analyst.getByTestId('directory-names').innerText(), /東北発電/)
  assert.match(await confirm.locator('mark.not-replaced').first().innerText(), /東北発電/)
  assert.ok(await analyst.getByTestId('confirm-publish').isDisabled(), 'a directory name blocks publication')
  await analyst.screenshot({ path: path.join(shots, 'anonymise-confirm-blocked.png'), fullPage: true })
  await confirm.getByRole('button', { name: '戻って修正する' }).click()
  await body.fill(clean)
  await analyst.getByTestId('publish-summary').click()
  await confirm.waitFor()
  assert.match(await analyst.getByTestId('reach').innerText(), /^宛先 [\d,]+ 組織・受信者 [\d,]+ 人$/)
  assert.match(await confirm.innerText(), /TLP:GREEN/)
  if (await analyst.getByTestId('accept-risk').count()) await analyst.getByTestId('accept-risk').check()
  await analyst.screenshot({ path: path.join(shots, 'anonymise-confirm.png'), fullPage: true })
  await analyst.getByTestId('confirm-publish').click()
  await analyst.waitForURL(/\/items\/\d+$/)
  const itemUrl = analyst.url()
  await analyst.context().close()

  // A member of the sector reads the summary in the inbox: no trace of the reporter.
  await member.getByTestId('nav-inbox').click()
  await member.getByRole('link', { name: '発電所の保守用PCへの私物USBメモリ接続（予兆）' }).click()
  await member.waitForURL(itemUrl)
  await member.getByRole('heading', { name: '発電所の保守用PCへの私物USBメモリ接続（予兆）' }).waitFor()
  const text = await member.locator('main').innerText()
  assert.ok(text.includes('組織A') && !text.includes('東北発電株式会社') && !text.includes('192.168.40.17 からの'), text)
  await member.context().close()
})

test('a member sees the open questions, answers one, and prints the filed report', async () => {
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await member.getByTestId('nav-reports').click()
  const row = member.getByRole('row').filter({ hasText: '発電所の監視端末でランサムウェア感染の疑い' })
  assert.equal(await row.getByTestId('open-questions-tag').innerText(), '未回答の問い合わせ 1件')
  assert.match(await row.innerText(), /詳報: \d{4}\/\d{2}\/\d{2}/, 'the deadline as the electricity rules name it')
  await member.screenshot({ path: path.join(shots, 'reports-open-questions.png'), fullPage: true })
  await row.getByRole('link', { name: '発電所の監視端末でランサムウェア感染の疑い' }).click()
  await member.getByTestId('open-questions').waitFor()
  const question = member.getByTestId('message').filter({ hasText: '制御系ネットワークへの影響' })
  assert.match(await question.innerText(), /問い合わせ/)
  assert.equal(await question.getByTestId('question-state').innerText(), '未回答')
  await question.getByTestId('answer').click()
  await question.getByTestId('answer-text').fill('制御系ネットワークへの影響は確認されていません。続報で詳細を報告します。')
  await question.getByTestId('send-answer').click()
  await member.waitForFunction(() => document.querySelector('[data-testid=question-state]')?.textContent === '回答済み')
  assert.equal(await member.getByTestId('open-questions').count(), 0, 'no open question is left')
  const answer = member.getByTestId('message').filter({ hasText: '続報で詳細を報告します' })
  assert.match(await answer.innerText(), /回答/)
  assert.match(await member.getByTestId('timeline').innerText(), /回答: 制御系ネットワークへの影響は確認されていません/)
  await member.screenshot({ path: path.join(shots, 'report-answered.png'), fullPage: true })
  // The print view: header with the receipt number, class, regime and phases in JST.
  await member.getByTestId('print-report').click()
  await member.getByTestId('print-sheet').waitFor()
  const meta = await member.getByTestId('print-meta').innerText()
  assert.match(meta, /\(1\) 法令に基づく報告/)
  assert.match(meta, /電気関係報告規則/)
  const phases = await member.getByTestId('print-phases').innerText()
  assert.match(phases, /初報（第1版）\s+R-\d{4}-\d{6}\s+\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/)
  assert.match(await member.getByTestId('print-fields').innerText(), /脅迫文/)
  await member.emulateMedia({ media: 'print' })
  assert.equal(await member.locator('.topbar').isVisible(), false, 'the navigation is not printed')
  assert.equal(await member.getByTestId('print-now').isVisible(), false)
  await member.screenshot({ path: path.join(shots, 'report-print.png'), fullPage: true })
  await member.emulateMedia({ media: 'screen' })
  // The PDF download: the same filed report, in Japanese text a reader can search.
  const pdf = await member.request.get(member.url().replace(/\/reports\/(\d+)\/print$/, '/api/v1/reports/$1/pdf'))
  assert.equal(pdf.status(), 200)
  assert.equal(pdf.headers()['content-type'], 'application/pdf')
  const pdfPath = path.join(shots, 'report.pdf')
  writeFileSync(pdfPath, await pdf.body())
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
  assert.match(text, /受付番号/)
  assert.match(text, /発電所の監視端末でランサムウェア感染の疑い/)
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', pdfPath, path.join(shots, 'report-pdf')])
  await member.context().close()
})

test('a member answers the risk check, sees the radar and scores change, exports Excel, submits; the sector body sees it', async () => {
  const officer = await newPage()
  await signIn(officer, 'officer@occto.example')
  await officer.goto(env.base + '/sector/assessments')
  const before = await officer.getByTestId('penetration-total').innerText()
  const submittedBefore = Number(before.split('/')[0].trim())

  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await member.getByTestId('nav-assessments').click()
  await member.getByTestId('assessment-table').getByRole('link', { name: /年度/ }).first().click()
  await member.getByTestId('progress').waitFor()
  await member.getByTestId('tab-results').click()
  const rcMean = member.locator('[data-testid=function-scores] [data-function=RC] .mean')
  const was = await rcMean.innerText()
  assert.notEqual(was, '4.0')
  await member.locator('canvas').first().waitFor()

  // Every Recover item to level 4; the answers save themselves.
  await member.getByTestId('tab-answer').click()
  for (const id of ['RC.RP-1', 'RC.IM-1', 'RC.IM-2', 'RC.CO-1', 'RC.CO-2', 'RC.CO-3'])
    await member.getByTestId(`level-${id}-4`).check()
  await member.waitForFunction(() => /保存しました/.test(document.querySelector('[data-testid=save-state]')?.textContent ?? ''))
  // Not applicable asks for the reason before it is saved.
  await member.getByTestId('na-PR.PT-2').check()
  await member.getByTestId('na-reason-PR.PT-2').fill('外部記憶媒体は使用していない')
  await member.waitForFunction(() => /保存しました/.test(document.querySelector('[data-testid=save-state]')?.textContent ?? ''))
  await member.getByTestId('tab-results').click()
  await member.waitForFunction(() => document.querySelector('[data-testid=function-scores] [data-function=RC] .mean')?.textContent === '4.0')
  await member.screenshot({ path: path.join(shots, 'assessment-results.png'), fullPage: true })

  // The answers survive a reload (saved on the server, not only in the page).
  await member.reload()
  await member.getByTestId('tab-results').click()
  assert.equal(await rcMean.innerText(), '4.0')

  // Excel export: a real .xlsx download.
  const [download] = await Promise.all([member.waitForEvent('download'), member.getByTestId('export-xlsx').click()])
  assert.match(download.suggestedFilename(), /\.xlsx$/)
  const bytes = readFileSync(await download.path())
  assert.equal(bytes.subarray(0, 2).toString(), 'PK')

  member.once('dialog', (d) => d.accept())
  await member.getByTestId('submit-assessment').click()
  await member.waitForFunction(() => document.querySelector('[data-testid=assessment-status]')?.textContent === '提出済み')
  await member.context().close()

  // The sector body: one more submission, and 東北発電 among those who submitted.
  await officer.reload()
  await officer.getByTestId('penetration-total').waitFor()
  const after = await officer.getByTestId('penetration-total').innerText()
  assert.equal(Number(after.split('/')[0].trim()), submittedBefore + 1, after)
  await officer.getByTestId('who-submitted').click()
  await officer.getByTestId('who-table').getByRole('link', { name: '東北発電株式会社' }).click()
  await officer.getByTestId('assessment-status').waitFor()
  assert.equal(await officer.getByTestId('assessment-status').innerText(), '提出済み')
  assert.equal(await officer.getByTestId('submit-assessment').count(), 0, 'read-only for the sector body')
  await officer.goto(env.base + '/sector/assessments')
  await officer.getByTestId('weakest').waitFor()
  await officer.screenshot({ path: path.join(shots, 'sector-assessments.png'), fullPage: false })
  await officer.context().close()
})

test('revise → the member sees 更新あり with the reason and must acknowledge again; a withdrawn item is greyed out', async () => {
  // Published through the API as the analyst: a GREEN alert with an action due.
  const signin = await fetch(env.base + '/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'analyst@jeisac.example', password: PASSWORD }),
  })
  const cookie = signin.headers.get('set-cookie').split(';')[0]
  const { user } = await signin.json()
  const send = (method, url, body) =>
    fetch(env.base + url, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': user.csrf_token },
      body: JSON.stringify(body),
    })
  const title = '遠隔監視装置の設定変更のお願い（e2e 改版）'
  const pub = await send('POST', '/api/v1/items', {
    kind: 'alert', tlp: 'GREEN', title, body: '設定を変更してください。',
    action_requested: '設定を変更し、受領確認してください', action_due_at: '2030-04-01T17:00:00+09:00',
    audience: { sector_ids: ['electricity'] },
  })
  assert.equal(pub.status, 201)
  const { id } = await pub.json()

  // The member reads and acknowledges it.
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await member.goto(env.base + `/items/${id}`)
  await member.getByTestId('acknowledge').click()
  await member.getByTestId('acknowledged').waitFor()

  // The analyst revises it in the browser: a later due time, with the reason.
  const analyst = await newPage()
  await signIn(analyst, 'analyst@jeisac.example')
  await analyst.goto(env.base + `/items/${id}/revise`)
  // The form is filled from the item once it has loaded.
  await analyst.waitForFunction(() => document.querySelector('[data-testid=publish-title]')?.value)
  await analyst.getByTestId('publish-due').fill('2030-04-08T17:00')
  await analyst.locator('#note').fill('期限を1週間延長')
  await analyst.getByTestId('publish-submit').click()
  await analyst.getByTestId('confirm-send').click()
  await analyst.getByTestId('revision-notice').waitFor()

  // The member's inbox: unread again, 更新あり with the reason.
  await member.getByTestId('nav-inbox').click()
  const row = member.locator('tr', { has: member.getByRole('link', { name: title }) })
  await row.getByTestId('updated-badge').waitFor()
  assert.match(await row.getByTestId('revision-reason').innerText(), /期限を1週間延長/)
  assert.match(await row.getAttribute('class'), /unread/)
  await member.screenshot({ path: path.join(shots, 'inbox-revised.png'), fullPage: true })
  // The item page: the update and its reason on top; the acknowledgement is asked again.
  await row.getByRole('link', { name: title }).click()
  await member.getByTestId('revision-notice').waitFor()
  assert.match(await member.getByTestId('revision-notice').innerText(), /更新あり[\s\S]*第2版[\s\S]*期限を1週間延長/)
  assert.match(await member.getByTestId('ack-again').innerText(), /あらためて受領確認/)
  assert.equal(await member.getByTestId('acknowledged').count(), 0)
  await member.screenshot({ path: path.join(shots, 'item-revised.png'), fullPage: true })
  await member.getByTestId('acknowledge').click()
  await member.getByTestId('acknowledged').waitFor()

  // Withdrawn: greyed out in the inbox, no longer to do.
  assert.equal((await send('POST', `/api/v1/items/${id}/withdraw`, { reason: '誤報' })).status, 200)
  await member.getByTestId('nav-inbox').click()
  const gone = member.locator('tr[data-withdrawn=true]', { has: member.getByRole('link', { name: title }) })
  await gone.waitFor()
  assert.match(await gone.innerText(), /取り下げ/)
  assert.equal(await gone.evaluate((el) => getComputedStyle(el.querySelector('th')).opacity), '0.55')
  await member.goto(env.base + `/items/${id}`)
  await member.getByTestId('withdrawn-notice').waitFor()
  assert.equal(await member.locator('article[data-withdrawn=true]').count(), 1)
  await Promise.all([analyst.context().close(), member.context().close()])
})
