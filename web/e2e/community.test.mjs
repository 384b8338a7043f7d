// Browser test of the regional communities (issue 20): signed out, the tile map filters the
// list and a prefecture without a community shows whom to approach; the public community page
// shows public posts only. 宮城県's secretariat opens its community from the 地域連携 menu and
// creates an event; the prefectural police (a member) registers for it on the events calendar;
// when the event has filled meanwhile, the server's 409 is shown as it words it; the
// secretariat marks attendance; 東北発電 answers the feedback of the past event it attended;
// 大阪府 creates a second community for its prefecture. Screenshots at 1280 and 820 px in
// e2e-output/ (community-*.png).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { apiAs, env, newPage, signIn, shots } from './harness.mjs'

const SECRETARIAT = 'cyber@pref.miyagi.example'
const MEMBER = 'cyber@police.miyagi.example'
const OSAKA = 'cyber@pref.osaka.example'

async function miyagi() {
  const r = await fetch(env.base + '/api/v1/public/communities?prefecture=4')
  const { items } = await r.json()
  assert.equal(items.length, 1)
  return items[0]
}

// The datetime-local value of a day `days` from now, at `hh:mm` Japan time.
function jstLocal(days, hhmm) {
  const d = new Date(Date.now() + days * 86400_000 + 9 * 3600_000)
  return d.toISOString().slice(0, 10) + 'T' + hhmm
}

test('signed out: the tile map filters the list, a prefecture without a community shows whom to approach, the public page shows public posts only', async () => {
  const community = await miyagi()
  const page = await newPage()
  await page.goto(env.base + '/communities')
  await page.getByTestId('tile-map').waitFor()
  assert.equal(await page.getByTestId('tile-map').getByRole('button').count(), 47)
  const all = await page.getByTestId('community-list').locator(':scope > li').count()
  assert.ok(all >= 3, `${all} communities listed`)
  // The Miyagi tile names the prefecture and its count; pressing it filters.
  const tile = page.getByRole('button', { name: /^宮城県：コミュニティ 1/ })
  await tile.click()
  assert.equal(await tile.getAttribute('aria-pressed'), 'true')
  await page.getByTestId('community-list').locator(':scope > li').first().waitFor()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=community-list] > li').length === 1)
  assert.match(await page.getByTestId('community-list').innerText(), /宮城県サイバーセキュリティ協議会/)
  assert.match(page.url(), /prefecture=4/)
  await page.screenshot({ path: path.join(shots, 'community-list-1280.png'), fullPage: true })

  // From the keyboard: ↓ from Miyagi reaches Fukushima.
  await tile.focus()
  await page.keyboard.press('ArrowDown')
  assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), /^福島県：/)
  // 秋田県 has no community: whom to approach, with the nearest communities' practices.
  await page.getByRole('button', { name: /^秋田県：コミュニティ 0/ }).click()
  await page.getByTestId('approach').waitFor()
  assert.match(await page.getByTestId('approach').innerText(), /秋田県にはまだコミュニティがありません/)
  await page.getByTestId(`nearest-${community.id}`).waitFor()
  assert.match(await page.getByTestId(`nearest-${community.id}`).innerText(), /目的[\s\S]*県内の中小企業/)
  await page.screenshot({ path: path.join(shots, 'community-approach-1280.png'), fullPage: true })

  // The text search is the server's (Japanese, no word spaces).
  await page.getByTestId('clear-prefecture').click()
  await page.getByTestId('community-q').fill('連携会議')
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=community-list] > li').length === 1)
  assert.match(await page.getByTestId('community-list').innerText(), /神奈川県中小企業サイバー連携会議/)

  // The public page: public posts only, however many the board has.
  await page.goto(`${env.base}/communities/${community.id}`)
  await page.getByTestId('community-name').waitFor()
  const labels = await page.getByTestId('posts').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-visibility')))
  assert.ok(labels.length >= 1, 'the public post shows')
  assert.deepEqual([...new Set(labels)], ['public'])
  const text = await page.getByTestId('board').innerText()
  assert.doesNotMatch(text, /請求書詐欺メール|来年度予算/)
  assert.match(await page.getByTestId('practices').innerText(), /参加者[\s\S]*県警 1/)
  assert.equal(await page.getByTestId('post-open').count(), 0, 'no post form signed out')
  await page.screenshot({ path: path.join(shots, 'community-public-1280.png'), fullPage: true })

  // Practices side by side: one column per chosen community, the common format as rows.
  await page.goto(`${env.base}/communities/compare?ids=${community.id}`)
  await page.getByTestId('compare-table').waitFor()
  assert.equal(await page.getByTestId('compare-table').locator('thead th').count(), 1)
  await page.getByRole('checkbox', { name: /神奈川県中小企業サイバー連携会議/ }).check()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=compare-table] thead th').length === 2)
  assert.match(await page.getByTestId('compare-row-open_issues').innerText(), /沿岸部の中小企業[\s\S]*診断後の改善/)
  await page.screenshot({ path: path.join(shots, 'community-compare-1280.png'), fullPage: true })
  await page.context().close()
})

test('the secretariat creates an event, a member registers, a full event says so, attendance and feedback', async () => {
  const community = await miyagi()
  const sec = await newPage()
  await signIn(sec, SECRETARIAT)
  await sec.getByTestId('nav-regional-button').click()
  await sec.getByTestId('nav-communities').click()
  await sec.getByRole('button', { name: /^宮城県：/ }).click()
  await sec.getByTestId(`community-${community.id}`).getByRole('link').click()
  await sec.getByTestId('community-name').waitFor()
  assert.equal(await sec.getByTestId('standing').innerText(), '事務局')
  // The secretariat sees every label on its board.
  await sec.locator('[data-visibility=secretariat]').first().waitFor()
  assert.equal(await sec.getByTestId('posts').locator('[data-visibility=members]').count(), 1)

  // A new event: 2 seats, a fortnight ahead, 14:00–16:00 JST.
  await sec.getByTestId('event-new').click()
  await sec.getByTestId('ev-title').fill('OT セキュリティ勉強会（e2e）')
  await sec.getByTestId('ev-place').fill('仙台市 青葉区')
  await sec.getByTestId('ev-starts').fill(jstLocal(21, '14:00'))
  await sec.getByTestId('ev-ends').fill(jstLocal(21, '13:00'))
  await sec.getByTestId('ev-capacity').fill('2')
  await sec.getByTestId('ev-submit').click()
  await sec.getByText('終了は開始より後にしてください。').waitFor()
  await sec.getByTestId('ev-ends').fill(jstLocal(21, '16:00'))
  await sec.getByTestId('ev-submit').click()
  await sec.getByTestId('community-notice').waitFor()
  const card = sec.getByTestId('events').locator('article', { hasText: 'OT セキュリティ勉強会（e2e）' })
  assert.match(await card.innerText(), /14:00–16:00 JST/)
  assert.match(await card.innerText(), /申込 0 \/ 定員 2/)
  await sec.screenshot({ path: path.join(shots, 'community-page-1280.png'), fullPage: true })
  const ev = (await (await apiAs(SECRETARIAT))('GET', `/communities/${community.id}`)).body.events.find((e) => e.title === 'OT セキュリティ勉強会（e2e）')
  assert.ok(ev, 'the event is on the server')

  // The member registers on the events calendar (Tohoku, grouped by month).
  const member = await newPage()
  await signIn(member, MEMBER)
  await member.getByTestId('nav-regional-button').click()
  await member.getByTestId('nav-community-events').click()
  await member.getByTestId('ev-region').selectOption('tohoku')
  await member.getByTestId(`event-${ev.id}`).waitFor()
  assert.equal(await member.getByText('取引先と学ぶサプライチェーン対策説明会').count(), 0, 'Kanagawa is not Tohoku')
  await member.getByTestId(`event-register-${ev.id}`).click()
  await member.getByTestId(`event-mine-${ev.id}`).waitFor()
  assert.equal(await member.getByTestId(`event-seats-${ev.id}`).innerText(), '申込 1 / 定員 2')
  await member.screenshot({ path: path.join(shots, 'community-events-1280.png'), fullPage: true })
  await member.getByTestId('ev-tab-mine').click()
  await member.waitForURL(/when=mine/)
  await member.getByTestId(`event-${ev.id}`).waitFor()
  // Only what the member registered for: not the seminar it did not register for, no error.
  await member.getByText('中小企業向けセキュリティセミナー（ランサムウェア対策）').waitFor({ state: 'detached' })
  assert.equal(await member.getByRole('alert').count(), 0, 'the mine tab is a list the server knows')
  // The calendar's Japanese search: half-width katakana finds the full-width title.
  await member.getByTestId('ev-tab-upcoming').click()
  await member.getByTestId('ev-q').fill('ﾗﾝｻﾑｳｪｱ')
  await member.getByText('中小企業向けセキュリティセミナー（ランサムウェア対策）').waitFor()
  await member.getByTestId(`event-${ev.id}`).waitFor({ state: 'detached' })
  await member.getByTestId('ev-q').fill('')
  await member.getByTestId(`event-${ev.id}`).waitFor()

  // A third person's page was open while the last seat went: the server's 409, in words.
  const vendor = await newPage()
  await signIn(vendor, 'sales@morinomiyako-sec.example')
  await vendor.goto(`${env.base}/community/events?prefecture=4`)
  await vendor.getByTestId(`event-register-${ev.id}`).waitFor()
  const prof = await apiAs('prof@morinomiyako-nct.example')
  assert.equal((await prof('POST', `/community-events/${ev.id}/registration`)).status, 201)
  await vendor.getByTestId(`event-register-${ev.id}`).click()
  const refusal = await vendor.getByTestId(`event-error-${ev.id}`).innerText()
  assert.match(refusal, /定員|満席/)
  assert.doesNotMatch(refusal, /community_event_full/)
  await vendor.context().close()

  // The member writes to the board, members only: the member sees it labelled, the public not.
  await member.goto(`${env.base}/communities/${community.id}`)
  await member.getByTestId('post-open').click()
  assert.equal(await member.getByTestId('post-vis-secretariat').count(), 0, 'a member may not post secretariat-only')
  await member.getByTestId('post-vis-members').check()
  await member.getByTestId('post-title').fill('会員向け: 不審な USB メモリの郵送について')
  await member.getByTestId('post-body').fill('県内の事業所に USB メモリが郵送されています。接続しないでください。')
  await member.getByTestId('post-submit').click()
  const mine = member.getByTestId('posts').locator('li', { hasText: '不審な USB メモリ' })
  await mine.waitFor()
  assert.equal(await mine.locator('.tag').innerText(), '会員限定')
  const anon = await (await fetch(`${env.base}/api/v1/public/communities/${community.id}`)).json()
  assert.ok(anon.posts.length > 0 && anon.posts.every((p) => p.visibility === 'public'), 'the public answer has public posts only')
  assert.ok(!anon.posts.some((p) => p.title.includes('USB')))

  // The secretariat runs the community: practices, members (the directory's search), materials.
  await sec.reload()
  await sec.getByTestId('practices-edit').click()
  await sec.getByTestId('pr-frequency').fill('四半期ごとに全体会、毎月勉強会、年1回の机上演習')
  await sec.getByTestId('practices-save').click()
  await sec.getByTestId('practice-frequency').filter({ hasText: '年1回の机上演習' }).waitFor()
  await sec.getByTestId('member-org').fill('宮城県')
  await sec.getByTestId('member-add').getByRole('button', { name: /^宮城県 重要インフラ事業者$/ }).click()
  await sec.getByTestId('member-kind').selectOption('municipality')
  await sec.getByTestId('member-add-submit').click()
  await sec.getByTestId('members-municipality').waitFor()
  assert.match(await sec.getByTestId('practice-members').innerText(), /自治体 1[\s\S]*計 7 団体/)
  const added = sec.getByTestId('members-municipality').locator('li').first()
  await added.getByRole('button', { name: /会員から外す/ }).click()
  await added.getByRole('button', { name: '外す', exact: true }).click()
  await sec.getByTestId('members-municipality').waitFor({ state: 'detached' })
  const pastEvent = sec.getByTestId('events').locator('article', { hasText: '第3回 事例共有会' })
  await pastEvent.getByRole('button', { name: /申込者を見る/ }).click()
  await pastEvent.locator('textarea').fill('当日の資料：会員ポータルの「第3回事例共有会」フォルダ')
  await pastEvent.getByRole('button', { name: '資料を保存' }).click()
  await pastEvent.getByText('資料を保存しました。').waitFor()
  const anonPage = await newPage()
  await anonPage.goto(`${env.base}/community/events?when=past&prefecture=4`)
  await anonPage.getByText('当日の資料：会員ポータル').waitFor()
  await anonPage.context().close()

  // The secretariat sees the registrations of the new event and marks the member present.
  await sec.reload()
  await sec.getByTestId(`event-admin-${ev.id}`).click()
  const table = sec.getByTestId(`registrations-${ev.id}`)
  await table.waitFor()
  assert.equal(await table.locator('tbody tr').count(), 2)
  const row = table.locator('tbody tr', { hasText: '宮城県警察本部' })
  const box = row.getByRole('checkbox')
  await box.check()
  const secApi = await apiAs(SECRETARIAT)
  let attended = 0
  for (let i = 0; i < 50 && attended === 0; i++) {
    attended = (await secApi('GET', `/community-events/${ev.id}/registrations`)).body.items.filter((r) => r.attended).length
    if (!attended) await sec.waitForTimeout(100)
  }
  assert.equal(attended, 1, 'one marked present on the server')
  assert.equal(await box.isChecked(), true)
  await sec.context().close()
  await member.context().close()

  // 東北発電 attended the past 事例共有会: the feedback form, once.
  const denryoku = await newPage()
  await signIn(denryoku, 'member@denryoku.example')
  await denryoku.goto(`${env.base}/community/events?when=past`)
  const form = denryoku.locator('form[data-testid^=feedback-]').first()
  await form.waitFor()
  await form.getByTestId(/rating-\d+-4/).check()
  await form.locator('textarea').fill('県警の事例が具体的で役に立ちました。')
  await form.getByRole('button', { name: '送信' }).click()
  await denryoku.getByText('アンケートを送信しました。').waitFor()
  assert.equal(await denryoku.locator('form[data-testid^=feedback-]').count(), 0, 'answered once')
  await denryoku.context().close()
})

test('大阪府 creates a community for its prefecture; the 820 px layout', async () => {
  const page = await newPage()
  await signIn(page, OSAKA)
  await page.goto(env.base + '/communities')
  await page.getByTestId('create-open').click()
  // The prefecture is the caller's own and the only choice.
  assert.deepEqual(await page.getByTestId('cc-prefecture').locator('option:not([disabled])').allInnerTexts(), ['大阪府'])
  await page.getByTestId('cc-submit').click()
  await page.getByText('名称を入力してください。').waitFor()
  await page.getByTestId('cc-name-ja').fill('大阪府中小企業サイバー相談ネットワーク')
  await page.getByTestId('cc-purpose').fill('府内の中小企業が相談先を見つけやすくする。')
  await page.getByTestId('cc-submit').click()
  await page.getByTestId('community-name').waitFor()
  assert.equal(await page.getByTestId('community-name').innerText(), '大阪府中小企業サイバー相談ネットワーク')
  assert.equal(await page.getByTestId('standing').innerText(), '事務局')
  assert.match(await page.getByTestId('secretariat').innerText(), /大阪府庁/)
  // Osaka's tile now counts two.
  await page.goto(env.base + '/communities')
  await page.getByRole('button', { name: /^大阪府：コミュニティ 2/ }).waitFor()
  await page.context().close()

  // 820 px: the map above the list, nothing wider than the window.
  const narrow = await newPage({ width: 820, height: 1100 })
  await signIn(narrow, MEMBER)
  for (const [url, name] of [['/communities?prefecture=4', 'community-list-820.png'], [`/communities/${(await miyagi()).id}`, 'community-page-820.png'], ['/community/events', 'community-events-820.png'], ['/communities/compare', 'community-compare-820.png']]) {
    await narrow.goto(env.base + url)
    await narrow.locator('h1').first().waitFor()
    await narrow.waitForLoadState('networkidle')
    await narrow.screenshot({ path: path.join(shots, name), fullPage: true })
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `${url} scrolls sideways by ${overflow}px at 820 px`)
  }
  await narrow.context().close()
})
