// Browser test of needs and seeds (ニーズとシーズ, issue 20) and of the experts search:
// 東北発電 (an operator) posts a need on the page with tag chips, its matches put the
// vendor's planted seed first with its reasons, it asks for an introduction (a second tab
// that asks too gets the server's 409 in place); the vendor sees the need's poster hidden,
// answers 承諾, both then see each other's contact and an outcome is recorded. The experts
// page searches signed out by prefecture and speciality, a signed-in member sends a request
// that the listing prefecture accepts and completes. Screenshots in e2e-output/ and
// docs/screenshots/ (community-offers, community-match, community-introductions,
// community-experts; 1280 and 820 px).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { apiAs, env, newPage, shots, signIn } from './harness.mjs'

const OPERATOR = 'member@denryoku.example' // 東北発電株式会社
const VENDOR = 'sales@morinomiyako-sec.example' // 株式会社杜の都セキュリティ (the planted seed)
const PREFECTURE = 'cyber@pref.miyagi.example' // 宮城県庁: listed the experts
const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots')

// Both widths into e2e-output/; with toDocs also to docs/screenshots/ (<name>.png at 1280 px,
// <name>-820.png).
async function shoot(page, name, toDocs = true) {
  mkdirSync(docs, { recursive: true })
  for (const width of [1280, 820]) {
    await page.setViewportSize({ width, height: 900 })
    await page.waitForTimeout(150)
    const file = path.join(shots, `${name}-${width}.png`)
    await page.screenshot({ path: file, fullPage: true })
    if (toDocs) copyFileSync(file, path.join(docs, width === 1280 ? `${name}.png` : `${name}-820.png`))
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

// Polls until `read` gives `want` (a filter's debounced reload), then asserts it.
async function until(read, want, ms = 5000) {
  let got
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    got = await read()
    if (JSON.stringify(got) === JSON.stringify(want)) return
  }
  assert.deepEqual(got, want)
}

test('ニーズとシーズ: a need is matched with the planted seed, introduced, agreed, contacts exchanged, outcome recorded', async () => {
  // ---- 東北発電 posts a need on the page ----
  const op = await newPage()
  await signIn(op, OPERATOR)
  await op.goto(env.base + '/community/offers')
  await op.getByRole('heading', { name: 'ニーズとシーズ' }).waitFor()
  await op.getByTestId('offer-new').click()
  await op.getByTestId('offer-kind-need').check()
  await op.getByLabel('タイトル').fill('変電所の制御システムのセキュリティ診断')
  await op.getByLabel('内容').fill('変電所のPLCと制御ネットワークを停止せずに診断し、対策の優先順位を知りたい。')
  await op.getByTestId('offer-sector').selectOption({ label: '電力' })
  await op.getByTestId('offer-prefecture').selectOption({ label: '宮城県' })
  // Tags as chips: Enter and 、 both add one; the full-width ＯＴ is the same tag as OT.
  await op.getByTestId('offer-tags').fill('ＯＴ')
  await op.getByTestId('offer-tags').press('Enter')
  await op.getByTestId('offer-tags').pressSequentially('診断、ot、')
  assert.deepEqual(await op.getByTestId('tag-chip').evaluateAll((els) => els.map((e) => e.firstChild.textContent.trim())), ['OT', '診断'])
  const hint = await op.locator('#offer-contact-hint').textContent()
  assert.match(hint, /双方が同意した後にだけ/)
  await op.getByLabel('連絡先').fill('東北発電 情報システム部 <member@denryoku.example>')
  await op.getByTestId('offer-submit').click()

  // ---- its matches: the vendor's planted seed first, with why ----
  await op.waitForURL(/\/community\/offers\/\d+$/)
  const needId = Number(op.url().split('/').pop())
  await op.getByTestId('match-list').waitFor()
  assert.equal(await op.getByTestId('offer-poster').textContent(), '東北発電株式会社', 'the poster sees its own name')
  const first = op.getByTestId('match-list').locator('> li').first()
  assert.match(await first.locator('h3').textContent(), /制御システムのセキュリティ診断サービス/)
  const reasons = await first.locator('[data-reason]').allTextContents()
  assert.match(reasons[0], /^共通のタグ 2件:/)
  assert.deepEqual(await first.locator('[data-reason=sharedTags] .tag').allTextContents(), ['OT', '診断'])
  assert.ok(reasons.includes('同じ都道府県'), reasons.join(' / '))
  assert.ok(!reasons.includes('同じ分野'), 'electricity and manufacturing differ')
  assert.match(reasons.at(-1), /^文章の近さ \d+%$/)
  const scores = await op.getByTestId('match-list').locator('.score strong').allTextContents()
  assert.ok(scores.length >= 2, 'the college\'s seed is suggested too')
  assert.deepEqual([...scores].map(Number), [...scores].map(Number).sort((a, b) => b - a), 'best first')
  const seedId = Number((await first.getAttribute('data-testid')).replace('match-', ''))
  await shoot(op, 'community-match')

  // A second tab of the same organisation still shows the button; the first asks.
  const op2 = await newPage()
  await signIn(op2, OPERATOR)
  await op2.goto(`${env.base}/community/offers/${needId}`)
  await op2.getByTestId(`match-ask-${seedId}`).waitFor()
  await op.getByTestId(`match-ask-${seedId}`).click()
  assert.equal(await op.getByTestId(`match-intro-${seedId}`).textContent(), '依頼中・相手の回答待ち')
  // The second tab asks for the same pair: the server's 409, in place, in words.
  await op2.getByTestId(`match-ask-${seedId}`).click()
  const twice = await op2.getByTestId(`match-ask-error-${seedId}`).textContent()
  assert.ok(twice.length > 5 && !/community_intro_twice|409/.test(twice), twice)
  await op2.context().close()

  // ---- the vendor: the need's poster hidden until it agrees; it must answer ----
  const vendor = await newPage()
  await signIn(vendor, VENDOR)
  await vendor.goto(`${env.base}/community/offers`)
  await vendor.getByTestId(`offer-${needId}`).waitFor()
  assert.equal(await vendor.getByTestId(`offer-poster-${needId}`).textContent(), '非公開（双方の合意後に表示）')
  // One introduction waits for its answer: the 紹介 tab says so.
  assert.equal(await vendor.getByTestId('intro-badge').textContent(), '1')
  await shoot(vendor, 'community-offers')
  // Japanese text search: full-width ＰＬＣ finds the posts that say PLC, and only those.
  await vendor.getByTestId('offers-q').fill('ＰＬＣ')
  const titles = () => vendor.getByTestId('offer-list').locator('h2').allTextContents()
  await until(async () => (await titles()).sort(), ['制御システムのセキュリティ診断サービス', '変電所の制御システムのセキュリティ診断', '工場の制御システムのセキュリティ診断'].sort())
  assert.match(vendor.url(), /q=/, 'the search is in the address')
  await vendor.getByTestId('offers-q').fill('')
  // The need tab has needs only; the seed of its own is under シーズ.
  await vendor.getByTestId('offers-tab-need').click()
  await until(async () => (await vendor.getByTestId('offer-list').locator('> li .tag').first().textContent()) === 'ニーズ' && (await vendor.getByTestId(`offer-${seedId}`).count()) === 0, true)
  await vendor.getByTestId('offers-tab-introductions').click()
  await vendor.getByTestId('intro-panel').waitFor()
  const intro = vendor.locator('.intro').filter({ hasText: '変電所の制御システムのセキュリティ診断' }).first()
  await intro.waitFor()
  const introId = Number((await intro.getAttribute('data-testid')).replace('intro-', ''))
  assert.equal(await vendor.getByTestId(`intro-status-${introId}`).textContent(), '回答が必要')
  assert.equal(await vendor.getByTestId(`intro-contacts-${introId}`).count(), 0, 'no contacts before it agrees')
  // The demo's own introduction waits for 湘南精機.
  const shonan = vendor.locator('.intro').filter({ hasText: '工場の制御システムのセキュリティ診断' })
  assert.equal(await shonan.locator('.status').textContent(), '依頼中・相手の回答待ち')
  await vendor.getByTestId(`intro-accept-${introId}`).click()
  await vendor.getByTestId(`intro-contacts-${introId}`).waitFor()
  assert.equal(await vendor.getByTestId('intro-badge').count(), 0, 'nothing left to answer')
  assert.equal(await vendor.getByTestId(`intro-status-${introId}`).textContent(), '成立')
  assert.equal(await vendor.getByTestId(`intro-need-org-${introId}`).textContent(), '東北発電株式会社')
  assert.equal(await vendor.getByTestId(`intro-need-contact-${introId}`).textContent(), '東北発電 情報システム部 <member@denryoku.example>')
  // Agreed: the need's page names its poster to the vendor now.
  await vendor.goto(`${env.base}/community/offers/${needId}`)
  assert.equal(await vendor.getByTestId('offer-poster').textContent(), '東北発電株式会社')

  // ---- the operator sees the vendor's contact and records the outcome ----
  await op.goto(`${env.base}/community/introductions`)
  await op.getByTestId(`intro-contacts-${introId}`).waitFor()
  assert.equal(await op.getByTestId(`intro-status-${introId}`).textContent(), '成立')
  assert.equal(await op.getByTestId(`intro-seed-org-${introId}`).textContent(), '株式会社杜の都セキュリティ')
  assert.match(await op.getByTestId(`intro-seed-contact-${introId}`).textContent(), /sales@morinomiyako-sec\.example/)
  await op.getByTestId(`intro-outcome-${introId}`).selectOption({ label: '面談実施' })
  await op.getByTestId(`intro-outcome-save-${introId}`).click()
  await op.getByTestId(`intro-outcome-recorded-${introId}`).waitFor()
  assert.equal(await op.getByTestId(`intro-outcome-recorded-${introId}`).textContent(), '記録済みの結果: 面談実施')
  await shoot(op, 'community-introductions')
  // The vendor sees it too.
  await vendor.goto(`${env.base}/community/offers?tab=introductions`)
  await vendor.getByTestId(`intro-outcome-recorded-${introId}`).waitFor()
  assert.equal((await (await apiAs(VENDOR))('GET', '/community-introductions')).body.items.find((i) => i.id === introId).outcome, 'meeting')

  // ---- 自組織の投稿, then the operator withdraws its need ----
  await op.goto(`${env.base}/community/offers?mine=true`)
  await op.getByTestId(`offer-${needId}`).waitFor()
  assert.equal(await op.getByTestId(`offer-${seedId}`).count(), 0, 'the vendor\'s seed is not ours')
  await op.goto(`${env.base}/community/offers/${needId}`)
  await op.getByTestId('offer-withdraw').click()
  await op.getByTestId('offer-withdraw-confirm').click()
  await op.getByTestId('offer-withdrawn').waitFor()
  assert.equal(await op.getByTestId('offer-withdraw').count(), 0)
  assert.match(await op.getByTestId('match-empty').textContent(), /取り下げた投稿には組み合わせを提案しません/)
  assert.equal(await op.getByTestId(`match-ask-${seedId}`).count(), 0)
  // Withdrawn, it leaves the open list.
  await op.goto(`${env.base}/community/offers`)
  await op.getByTestId('offer-list').waitFor()
  assert.equal(await op.getByTestId(`offer-${needId}`).count(), 0)
})

test('専門家・支援制度: search signed out by prefecture and speciality, a request accepted and done', async () => {
  const page = await newPage()
  await page.goto(env.base + '/community/experts')
  await page.getByRole('heading', { name: '専門家・支援制度' }).waitFor()
  await page.getByTestId('expert-list').waitFor()
  const names = async () => page.getByTestId('expert-list').locator('h2').allTextContents()
  assert.ok((await names()).length >= 2)
  // 宮城県 + フォレンジック: the vendor's incident response team only.
  await page.getByTestId('experts-prefecture').selectOption({ label: '宮城県' })
  await page.getByTestId('experts-speciality').selectOption({ label: 'フォレンジック' })
  await until(names, ['株式会社杜の都セキュリティ インシデント対応チーム'])
  assert.equal(await page.getByTestId('experts-count').textContent(), '専門家 1件')
  // 山形県 + OT・制御システム: the college's professor (covers Tohoku), not the vendor (宮城・福島).
  await page.getByTestId('experts-prefecture').selectOption({ label: '山形県' })
  await page.getByTestId('experts-speciality').selectOption({ label: 'OT・制御システム' })
  await until(names, ['高専 教授'])
  const professor = page.getByTestId('expert-list').locator('> li').first()
  assert.match(await professor.textContent(), /青森県、岩手県、宮城県、秋田県、山形県、福島県/)
  // 沖縄県: none, and the page says what to do.
  await page.getByTestId('experts-prefecture').selectOption({ label: '沖縄県' })
  await page.getByTestId('experts-empty').waitFor()
  assert.match(await page.getByTestId('experts-empty').textContent(), /条件に合うものはありません/)
  // Signed out, a request needs a sign-in.
  await page.getByTestId('experts-prefecture').selectOption({ label: '宮城県' })
  await page.getByTestId('experts-speciality').selectOption('')
  await until(async () => (await names()).length, 2)
  assert.match(await page.getByTestId('expert-list').locator('> li').first().textContent(), /依頼するにはサインインしてください/)
  // Schemes: the nationwide speaker scheme shows for 宮城県 as well; 普及啓発 only it.
  await page.getByTestId('experts-tab-schemes').click()
  await page.getByTestId('scheme-list').waitFor()
  assert.equal(await page.getByTestId('scheme-list').locator('> li').count(), 2)
  await page.getByTestId('experts-speciality').selectOption({ label: '普及啓発' })
  await until(() => page.getByTestId('experts-count').textContent(), '支援制度 1件')
  assert.match(await page.getByTestId('scheme-list').textContent(), /セキュリティ講師の派遣/)
  assert.match(await page.getByTestId('scheme-list').textContent(), /全国/)
  await page.context().close()

  // ---- 東北発電 requests the professor ----
  const op = await newPage()
  await signIn(op, OPERATOR)
  await op.goto(`${env.base}/community/experts?prefecture=4&speciality=ot`)
  const prof = op.getByTestId('expert-list').locator('> li').filter({ hasText: '高専 教授' })
  await prof.waitFor()
  const expertId = Number((await prof.getAttribute('data-testid')).replace('expert-', ''))
  await op.getByTestId(`req-expert-${expertId}-open`).click()
  await op.getByTestId(`req-expert-${expertId}-body`).fill('発電所の運転員向けに、制御システムの演習を一日お願いしたい。')
  await op.getByTestId(`req-expert-${expertId}-send`).click()
  await op.getByTestId(`req-expert-${expertId}-sent`).waitFor()
  await shoot(op, 'community-experts')
  // A vendor may not list experts: the server's words above the form.
  const vendor = await newPage()
  await signIn(vendor, VENDOR)
  await vendor.goto(`${env.base}/community/experts`)
  await vendor.getByTestId('add-expert-open').click()
  await vendor.getByTestId('add-expert-name').fill('試しの専門家')
  await vendor.getByTestId('add-expert').getByText('フォレンジック').click()
  await vendor.getByTestId('add-expert').getByText('宮城県', { exact: true }).click()
  await vendor.getByTestId('add-expert-submit').click()
  const refused = await vendor.getByTestId('add-expert-error').textContent()
  assert.ok(refused.length > 5 && !/community_list_not_allowed|403/.test(refused), refused)
  await vendor.context().close()

  // ---- 宮城県庁 listed the professor: it accepts, then marks it done with the outcome ----
  const pref = await newPage()
  await signIn(pref, PREFECTURE)
  await pref.goto(`${env.base}/community/experts?tab=requests`)
  await pref.getByTestId('requests-to-answer').waitFor()
  const req = pref.getByTestId('requests-to-answer').locator('> li').filter({ hasText: '運転員向けに' })
  const reqId = Number((await req.getAttribute('data-testid')).replace('request-', ''))
  assert.equal(await pref.getByTestId(`request-status-${reqId}`).textContent(), '依頼中')
  await pref.getByTestId(`request-accepted-${reqId}`).click()
  await pref.getByTestId(`request-status-${reqId}`).filter({ hasText: '対応中' }).waitFor()
  await pref.getByTestId(`request-outcome-${reqId}`).fill('1月20日に高専の模擬工場で演習を実施')
  await pref.getByTestId(`request-done-${reqId}`).click()
  await pref.getByTestId(`request-status-${reqId}`).filter({ hasText: '対応完了' }).waitFor()

  // ---- 宮城県庁 lists a support scheme; the search finds it with its deadline in JST ----
  await pref.goto(`${env.base}/community/experts?tab=schemes`)
  await pref.getByTestId('add-scheme-open').click()
  const form = pref.getByTestId('add-scheme')
  await form.getByLabel('制度名').fill('宮城県 OT セキュリティ診断費補助')
  await form.getByLabel('提供元').fill('宮城県')
  await form.getByText('OT・制御システム').click()
  await form.getByText('宮城県', { exact: true }).click()
  await form.getByLabel('費用').fill('診断費用の2分の1（上限50万円）')
  await form.getByLabel('申込期限').fill('2027-03-31')
  await pref.getByTestId('add-scheme-submit').click()
  await pref.getByTestId('add-scheme-done').waitFor()
  await pref.getByTestId('experts-speciality').selectOption({ label: 'OT・制御システム' })
  const listed = pref.getByTestId('scheme-list').locator('> li').filter({ hasText: 'OT セキュリティ診断費補助' })
  await listed.waitFor()
  assert.match(await listed.textContent(), /2027\/03\/31 23:59 JST/)

  // ---- 東北発電 sees it done, with the outcome ----
  await op.getByTestId(`req-expert-${expertId}-sent`).getByRole('link', { name: '依頼の状況を見る' }).click()
  const mine = op.getByTestId('requests-sent').locator(`[data-testid="request-${reqId}"]`)
  await mine.waitFor()
  assert.equal(await op.getByTestId(`request-status-${reqId}`).textContent(), '対応完了')
  assert.match(await mine.textContent(), /模擬工場で演習を実施/)
  await shoot(op, 'community-requests', false)
})
