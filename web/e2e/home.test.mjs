// The home page 要対応 per role: every tile's count is the number of rows of the list it
// opens, a new item and a new report move the counts live, and each role's home page is
// photographed for looking at.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, shots, signIn } from './harness.mjs'

// Calls the API from a signed-in page, as the app does (the CSRF token from /me).
async function apiFrom(page, method, url, body) {
  return page.evaluate(async ({ method, url, body }) => {
    const me = await (await fetch('/api/v1/me')).json()
    const r = await fetch('/api/v1' + url, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: r.status, json: await r.json().catch(() => null) }
  }, { method, url, body })
}

const MORE = 'さらに表示'

async function openHome(page) {
  await page.goto(env.base + '/')
  await page.locator('[data-testid^="tile-"]').first().waitFor()
}

async function tileCount(page, key) {
  const text = await page.getByTestId('tile-' + key).getByTestId('tile-count').innerText()
  return Number(text.match(/\d+/)[0])
}

// Opens the list a tile links to and counts its rows (loading every page).
async function rowsBehind(page, key) {
  await page.getByTestId('tile-' + key).getByTestId('tile-count').click()
  const table = page.locator(['item-table', 'report-table', 'audit-table', 'locked-table', 'outbox-table'].map((id) => `[data-testid="${id}"]`).join(', '))
  await table.first().waitFor()
  await page.waitForLoadState('networkidle')
  for (;;) {
    const more = page.getByRole('button', { name: MORE })
    if (!(await more.isVisible().catch(() => false))) break
    await more.click()
    await page.waitForLoadState('networkidle')
  }
  return table.first().locator('tbody tr:has(th[scope="row"])').count()
}

const ROLES = [
  ['member@denryoku.example', 'member', ['unread_items', 'actions_due', 'report_questions', 'report_deadlines']],
  ['analyst@jeisac.example', 'hub-analyst', ['unread_items', 'actions_due', 'queue_new', 'queue_overdue', 'queue_awaiting']],
  ['officer@meti.example', 'ministry', ['queue_new', 'queue_overdue', 'queue_awaiting']],
  ['officer@nco.example', 'national-centre', ['queue_new', 'queue_overdue']],
  ['officer@occto.example', 'sector-body', []],
  ['admin@renkei.example', 'admin', []],
]

test('each role\'s home page counts what its lists hold', async () => {
  for (const [email, name, keys] of ROLES) {
    const page = await newPage()
    await signIn(page, email)
    await openHome(page)
    await page.screenshot({ path: path.join(shots, `home-${name}.png`), fullPage: true })
    for (const key of keys) {
      await openHome(page)
      const count = await tileCount(page, key)
      assert.equal(await rowsBehind(page, key), count, `${email}: ${key}`)
    }
    await page.context().close()
  }
})

// 調査: 東北発電 has the demo survey's draft open; the tile counts the surveys the list with
// the same filter shows, and a line opens the answer page.
test('the survey tile opens the surveys the organisation must answer, a line its answer page', async () => {
  const page = await newPage()
  await signIn(page, 'member@denryoku.example')
  await openHome(page)
  const tile = page.getByTestId('tile-surveys_to_answer')
  await tile.getByRole('link', { name: '安全基準等の浸透状況調査' }).waitFor()
  assert.match(await tile.innerText(), /回答期限 \d{4}/)
  await tile.screenshot({ path: path.join(shots, 'home-survey-tile.png') })
  const count = await tileCount(page, 'surveys_to_answer')
  await tile.getByTestId('tile-count').click()
  await page.getByTestId('survey-filter').waitFor()
  assert.match(page.url(), /\/surveys\?filter=to_answer$/)
  await page.getByTestId('survey-list').waitFor()
  assert.equal(await page.getByTestId('survey-list').locator(':scope > li').count(), count)
  await page.screenshot({ path: path.join(shots, 'survey-list-to-answer.png'), fullPage: true })
  await page.getByTestId('survey-filter').getByRole('link', { name: 'すべての調査を表示' }).click()
  await page.waitForURL(/\/surveys$/)
  await page.getByTestId('survey-list').waitFor()
  await openHome(page)
  await tile.getByRole('link', { name: '安全基準等の浸透状況調査' }).click()
  await page.waitForURL(/\/surveys\/\d+$/)
  await page.context().close()
})

test('a new item and a new report move the home page counts without a reload', async () => {
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await openHome(member)
  const unread = await tileCount(member, 'unread_items')
  const actions = await tileCount(member, 'actions_due')

  const meti = await newPage()
  await signIn(meti, 'officer@meti.example')
  await openHome(meti)
  const fresh = await tileCount(meti, 'queue_new')
  const board = meti.getByTestId('home-board')
  await board.waitFor()

  const analyst = await newPage()
  await signIn(analyst, 'analyst@jeisac.example')
  const title = 'ホーム画面に届く注意喚起（e2e）'
  const pub = await apiFrom(analyst, 'POST', '/items', {
    kind: 'alert', tlp: 'AMBER', title,
    body: '監視端末のログを確認してください。',
    action_requested: '確認後、受領確認してください',
    action_due_at: '2030-04-01T17:00:00+09:00',
    audience: { sector_ids: ['electricity'] },
  })
  assert.equal(pub.status, 201)
  await member.getByTestId('tile-unread_items').getByText(title).waitFor()
  assert.equal(await tileCount(member, 'unread_items'), unread + 1)
  assert.equal(await tileCount(member, 'actions_due'), actions + 1)

  const draft = await apiFrom(member, 'POST', '/reports', {
    report_class: 'legal',
    fields: {
      title: 'ホーム画面に届く報告（e2e）', aware_at: '2026-11-30T08:15:00+09:00',
      summary: '監視端末で不審なプロセスを検知した。', cause: 'cyber_suspected',
      attack_type: 'malicious-code', form: 'ransomware', service_disrupted: 'no',
    },
  })
  assert.equal(draft.status, 201)
  const filed = await apiFrom(member, 'POST', `/reports/${draft.json.id}/submit`, { phase: 'initial' })
  assert.equal(filed.status, 200)
  await meti.getByTestId('tile-queue_new').getByText('ホーム画面に届く報告（e2e）').waitFor()
  assert.equal(await tileCount(meti, 'queue_new'), fresh + 1)
  await meti.screenshot({ path: path.join(shots, 'home-ministry-live.png'), fullPage: true })
  await Promise.all([member.context().close(), meti.context().close(), analyst.context().close()])
})

test('the administrator\'s tiles count the rows of the lists they open', async () => {
  const admin = await newPage()
  await signIn(admin, 'admin@renkei.example')
  const orgs = await apiFrom(admin, 'GET', '/organisations?sector=water&kind=operator')
  const created = await apiFrom(admin, 'POST', '/users', {
    org_id: orgs.json.items[0].id, email: 'e2e-lock@water.example', display_name: '施錠 花子',
    roles: ['member'], password: 'the right password for e2e',
  })
  assert.equal(created.status, 201)
  // Five wrong passwords lock the account for this address; one more is refused as locked.
  const anon = await newPage()
  await anon.goto(env.base + '/signin')
  const statuses = await anon.evaluate(async () => {
    const out = []
    for (let i = 0; i < 6; i++) {
      const r = await fetch('/api/v1/session', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'e2e-lock@water.example', password: 'a wrong password' }),
      })
      out.push(r.status)
    }
    return out
  })
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429])

  await openHome(admin)
  await admin.screenshot({ path: path.join(shots, 'home-admin-tiles.png'), fullPage: true })
  assert.ok((await tileCount(admin, 'signin_failures')) >= 5)
  assert.ok((await tileCount(admin, 'locked_accounts')) >= 1)
  await admin.getByTestId('tile-locked_accounts').getByText('施錠 花子').waitFor()
  for (const key of ['signin_failures', 'locked_accounts', 'outbox_due', 'mail_errors']) {
    await openHome(admin)
    const count = await tileCount(admin, key)
    assert.equal(await rowsBehind(admin, key), count, key)
    await admin.screenshot({ path: path.join(shots, `admin-list-${key}.png`), fullPage: true })
  }
  await Promise.all([admin.context().close(), anon.context().close()])
})

// The government boards: the ministry's penetration per sector opens the sector view with
// the same figures; the centre's board covers every sector and its acknowledgement rates
// move live when a recipient acknowledges; both reach the sector view from the menu.
test('the ministry and the centre see the boards, each figure the list it opens', async () => {
  const meti = await newPage()
  await signIn(meti, 'officer@meti.example')
  await openHome(meti)
  const pen = meti.getByTestId('home-penetration')
  await pen.waitFor()
  await meti.getByTestId('home-alert-rates').waitFor()
  await meti.screenshot({ path: path.join(shots, 'home-ministry-board.png'), fullPage: true })
  const row = pen.getByTestId('penetration-electricity')
  const figure = (await row.getByTestId('penetration-count').innerText()).match(/(\d+) \/ (\d+)/)
  assert.ok(figure, 'submitted / operators shown')
  await row.getByRole('link').click()
  const total = meti.getByTestId('penetration-total')
  await total.waitFor()
  assert.match(await total.innerText(), new RegExp(`^${figure[1]} / ${figure[2]}`))
  assert.equal(await meti.getByTestId('who-table').count(), 0, 'a ministry gets no list of operators')
  await meti.getByTestId('ministry-note').waitFor()
  await meti.getByTestId('sa-sector').waitFor()
  await meti.screenshot({ path: path.join(shots, 'sector-assessments-ministry.png'), fullPage: true })
  // From the menu too.
  await meti.goto(env.base + '/')
  await meti.getByTestId('nav-assessments-group-button').click()
  await meti.getByTestId('nav-sector-assessments').click()
  await meti.getByTestId('penetration-total').waitFor()

  const nco = await newPage()
  await signIn(nco, 'officer@nco.example')
  await openHome(nco)
  const npen = nco.getByTestId('home-penetration')
  await npen.waitFor()
  assert.equal(await npen.locator('tbody tr').count(), 15, 'every sector')
  assert.equal(await npen.getByRole('link').count(), 0, 'the centre opens no sector view')
  const rates = nco.getByTestId('home-alert-rates')
  await rates.waitFor()
  const pub = await apiFrom(nco, 'POST', '/items', {
    kind: 'alert', tlp: 'GREEN', title: '分野別の受領確認（e2e）',
    body: 'VPN装置の設定を確認してください。',
    action_requested: '確認後、受領確認してください',
    action_due_at: '2030-04-01T17:00:00+09:00',
    audience: { sector_ids: ['electricity'] },
  })
  assert.equal(pub.status, 201)
  const cell = () => rates.getByTestId('alert-rate-electricity').locator('td').nth(2)
  await cell().waitFor()
  const before = Number((await cell().innerText()).match(/\d+/)[0])
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  assert.equal((await apiFrom(member, 'POST', `/items/${pub.json.id}/acknowledge`)).status, 200)
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 50; i++) {
      if (Number((await cell().innerText()).match(/\d+/)[0]) === before + 1) return
      await nco.waitForTimeout(100)
    }
    throw new Error('the acknowledgement did not reach the board')
  })
  await nco.screenshot({ path: path.join(shots, 'home-national-centre-board.png'), fullPage: true })

  const body = await newPage()
  await signIn(body, 'officer@occto.example')
  await body.goto(env.base + '/')
  await body.getByTestId('nav-assessments-group-button').click()
  await body.getByTestId('nav-sector-assessments').click()
  await body.getByTestId('who-table').waitFor()
  await Promise.all([meti.context().close(), nco.context().close(), member.context().close(), body.context().close()])
})
