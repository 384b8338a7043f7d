// Browser test of surveys (調査, issue 21) end to end: the national centre sends a survey to
// the electricity sector, 電力ISAC's analyst relays it to the hub's members from the survey
// list, four members submit through the API and 東北発電's member answers on the page — the
// conditional question appears only after its choice, the draft saves itself, the submission
// freezes it —, the hub's response rate moves on its progress page and the centre reads the
// whole audience's aggregate with its bar chart. Screenshots in e2e-output/ (survey-*.png).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { apiAs, env, newPage, signIn, shots } from './harness.mjs'

const CENTRE = 'officer@nco.example'
const ANALYST = 'analyst@jeisac.example'
const MEMBER = 'member@denryoku.example'

const DEFINITION = `title_ja = "外部サービスへの依存状況調査"
title_en = "Survey of dependence on external services"
description_ja = "業務に欠かせない外部サービスと、その管理の状況を伺います。"
description_en = "Which outside services your business depends on, and how they are managed."

[[questions]]
id = "cloud"
type = "single"
required = true
ja = "業務に欠かせないクラウドサービスはありますか。"
en = "Does your business depend on a cloud service?"
choices = [
  { id = "yes", ja = "ある", en = "Yes" },
  { id = "no", ja = "ない", en = "No" },
]

[[questions]]
id = "cloud_kinds"
type = "multiple"
required = true
ja = "どのようなクラウドサービスですか（複数選択可）。"
en = "Which kinds? (tick all that apply)"
when = { question = "cloud", choice = "yes" }
choices = [
  { id = "mail", ja = "メール・グループウェア", en = "Mail and groupware" },
  { id = "billing", ja = "料金・顧客管理", en = "Billing and customers" },
  { id = "monitoring", ja = "設備の監視", en = "Plant monitoring" },
]

[[questions]]
id = "vendors"
type = "number"
ja = "保守を委託している事業者の数"
en = "How many maintenance contractors?"
min = 0
max = 100
`

test('調査: the centre sends, the hub relays, a member answers, the hub\'s rate moves, the centre sees the aggregate', async () => {
  const centre = await apiAs(CENTRE)
  const analystApi = await apiAs(ANALYST)
  const now = Date.now()
  const made = await centre('POST', '/surveys', {
    definition: DEFINITION,
    opens_at: new Date(now - 60_000).toISOString(),
    closes_at: new Date(now + 14 * 86400_000).toISOString(),
    audience: { sectors: ['electricity'] },
  })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const id = made.body.id
  // A condition on a question further down is refused, naming the line.
  const bad = await centre('POST', '/surveys', {
    definition: DEFINITION.replace('question = "cloud"', 'question = "vendors"'),
    opens_at: new Date(now).toISOString(),
    closes_at: new Date(now + 86400_000).toISOString(),
  })
  assert.equal(bad.status, 400)
  assert.equal(bad.body.code, 'survey_condition_unknown')
  assert.match(bad.body.detail, /行目/)

  // ---- the hub relays from its list ----
  const analyst = await newPage()
  await signIn(analyst, ANALYST)
  await analyst.getByTestId('nav-surveys').click()
  await analyst.getByTestId(`survey-${id}`).waitFor()
  await analyst.getByTestId(`survey-relay-${id}`).click()
  await analyst.getByTestId('survey-notice').waitFor()
  assert.match(await analyst.getByTestId('survey-notice').textContent(), /組織に展開しました/)
  await analyst.screenshot({ path: path.join(shots, 'survey-list-hub.png'), fullPage: true })
  const hubRate = async () => {
    await analyst.goto(`${env.base}/surveys/${id}/progress`)
    await analyst.getByTestId('progress-hubs').waitFor()
    const row = analyst.getByTestId('progress-hubs').locator('tbody tr').filter({ hasText: '電力ISAC' })
    return (await row.locator('td').nth(3).textContent()).trim()
  }
  assert.equal(await hubRate(), '0')

  // ---- four members submit (through the API) ----
  const progress = (await analystApi('GET', `/surveys/${id}/progress`)).body
  const me = (await (await apiAs(MEMBER))('GET', '/me')).body
  const others = progress.members.filter((m) => m.org_id !== me.org_id).slice(0, 4)
  assert.equal(others.length, 4)
  for (const [i, m] of others.entries()) {
    const users = (await analystApi('GET', `/organisations/${m.org_id}/users`)).body.items
    const api = await apiAs(users[0].email)
    const answers = i % 2 ? [{ question: 'cloud', choices: ['no'] }] : [{ question: 'cloud', choices: ['yes'] }, { question: 'cloud_kinds', choices: ['mail'] }]
    assert.equal((await api('PUT', `/surveys/${id}/answers`, { answers })).status, 200)
    assert.equal((await api('POST', `/surveys/${id}/submit`)).status, 200)
  }
  assert.equal(await hubRate(), '4')

  // ---- 東北発電's member answers on the page ----
  const member = await newPage()
  await signIn(member, MEMBER)
  await member.goto(`${env.base}/surveys/${id}`)
  await member.getByTestId('survey-title').waitFor()
  assert.equal(await member.getByTestId('survey-state').textContent(), '未回答')
  assert.equal(await member.getByTestId('q-cloud_kinds').count(), 0, 'hidden until its condition holds')
  await member.getByTestId('q-cloud-yes').check()
  await member.getByTestId('q-cloud_kinds').waitFor()
  await member.getByTestId('q-cloud_kinds-monitoring').check()
  await member.getByTestId('q-vendors-input').fill('3')
  await member.getByTestId('survey-save-state').filter({ hasText: '下書きを保存しました' }).waitFor()
  await member.screenshot({ path: path.join(shots, 'survey-answer.png'), fullPage: true })
  // The draft is on the server: a reload shows it.
  await member.reload()
  await member.getByTestId('q-cloud_kinds').waitFor()
  assert.equal(await member.getByTestId('q-cloud_kinds-monitoring').isChecked(), true)
  assert.equal(await member.getByTestId('survey-state').textContent(), '回答中（下書き）')
  await member.getByTestId('survey-submit').click()
  await member.getByTestId('survey-submit-confirm').click()
  await member.getByTestId('survey-submitted').waitFor()
  assert.equal(await member.getByTestId('survey-state').textContent(), '提出済み')
  await member.screenshot({ path: path.join(shots, 'survey-submitted.png'), fullPage: true })
  // Frozen: a second submission is 409.
  const again = await (await apiAs(MEMBER))('POST', `/surveys/${id}/submit`)
  assert.equal(again.status, 409)

  // ---- the hub's rate moved; its member list says who answered ----
  assert.equal(await hubRate(), '5')
  assert.equal(await analyst.getByTestId(`member-state-${me.org_id}`).textContent(), '提出済み')
  await analyst.screenshot({ path: path.join(shots, 'survey-progress.png') })

  // ---- the centre sees the aggregate of five ----
  const page = await newPage()
  await signIn(page, CENTRE)
  await page.goto(`${env.base}/surveys/${id}/results`)
  await page.getByTestId('results-summary').waitFor()
  assert.match(await page.getByTestId('results-summary').textContent(), /^5 \/ \d+ 組織が提出/)
  await page.getByTestId('result-cloud').locator('canvas').waitFor()
  assert.match(await page.getByTestId('result-cloud').textContent(), /回答 5組織/)
  assert.match(await page.getByTestId('result-vendors-mean').textContent(), /平均 3/)
  await page.screenshot({ path: path.join(shots, 'survey-results.png'), fullPage: true })
  // The hub may not read the results.
  assert.equal((await analystApi('GET', `/surveys/${id}/results`)).status, 403)
})
