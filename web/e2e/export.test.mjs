// Browser tests of the sender's follow-up: the delivery table's 未確認のみ filter narrows the
// rows (the server filters), the export buttons download the file with the same rows, and the
// 自組織が発信 list shows each item's state and rates. Screenshots in web/e2e-output/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { env, newPage, signIn, shots } from './harness.mjs'

// A write through the page's own session (cookie + CSRF token), as the app makes it.
async function post(page, url, body) {
  return page.evaluate(async ({ url, body }) => {
    const me = await (await fetch('/api/v1/me')).json()
    const r = await fetch('/api/v1' + url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify(body),
    })
    return { status: r.status, json: await r.json() }
  }, { url, body })
}

test('未確認のみ narrows the delivery table, the export downloads those rows, the sent list shows the rates', async () => {
  const analyst = await newPage()
  await signIn(analyst, 'analyst@jeisac.example')
  const pub = await post(analyst, '/items', {
    kind: 'alert', tlp: 'AMBER', title: '書き出しの確認（e2e）', body: '確認してください',
    action_requested: '受領確認してください', action_due_at: '2030-04-01T17:00:00+09:00',
    audience: { sector_ids: ['electricity'] },
  })
  assert.equal(pub.status, 201)
  const id = pub.json.id
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  assert.equal((await post(member, `/items/${id}/acknowledge`, {})).status, 200)

  await analyst.goto(env.base + `/items/${id}`)
  await analyst.getByTestId('delivery-table').waitFor()
  await analyst.getByText(/受領確認 1 名/).waitFor()
  await analyst.getByRole('button', { name: '個人別の状況' }).click()
  const people = analyst.getByTestId('delivery-people').locator('tbody tr')
  await people.first().waitFor()
  const before = await people.count()
  assert.ok(await analyst.getByTestId('delivery-people').getByText('member@denryoku.example').count() === 1)

  // 未確認のみ: the one who acknowledged leaves the table.
  await analyst.getByTestId('delivery-pending').check()
  await analyst.waitForFunction((n) => document.querySelectorAll('[data-testid=delivery-people] tbody tr').length === n - 1, before)
  assert.equal(await analyst.getByTestId('delivery-people').getByText('member@denryoku.example').count(), 0)
  assert.match(await analyst.getByTestId('delivery-shown').innerText(), new RegExp(`${before - 1} 名を表示`))
  // By organisation name as well.
  await analyst.getByTestId('delivery-org').fill('東北')
  await analyst.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid=delivery-orgs] tbody th')]
    return rows.length > 0 && rows.every((th) => th.textContent.includes('東北'))
  })
  const shown = await people.count()
  await analyst.getByTestId('delivery-table').screenshot({ path: path.join(shots, 'delivery-filter.png') })
  await analyst.screenshot({ path: path.join(shots, 'delivery-export.png'), fullPage: true })

  // The CSV button downloads the rows on screen: BOM, a header and one line per person.
  const [download] = await Promise.all([analyst.waitForEvent('download'), analyst.getByTestId('export-csv').click()])
  assert.match(download.suggestedFilename(), /^配信状況_\d+_\d{8}-\d{4}\.csv$/)
  const text = readFileSync(await download.path(), 'utf8')
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with BOM')
  const lines = text.slice(1).split('\r\n').filter((l) => l !== '')
  assert.equal(lines[0].split(',')[0], '組織')
  assert.equal(lines.length, shown + 1)
  assert.ok(!text.includes('member@denryoku.example'))
  const [xlsx] = await Promise.all([analyst.waitForEvent('download'), analyst.getByTestId('export-xlsx').click()])
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/)
  assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK')

  // In English the same controls read in English (screenshot for a person to look at).
  await analyst.getByRole('button', { name: 'English' }).click()
  await analyst.getByText('Outstanding only').waitFor()
  await analyst.getByTestId('delivery-table').screenshot({ path: path.join(shots, 'delivery-filter-en.png') })
  await analyst.getByRole('button', { name: '日本語' }).click()
  await analyst.getByText('未確認のみ').waitFor()

  // 自組織が発信: the state and the rates of each item.
  await analyst.goto(env.base + '/items?scope=sent')
  const row = analyst.getByTestId('item-table').locator('tr', { hasText: '書き出しの確認（e2e）' })
  await row.getByTestId('sent-rate').waitFor()
  assert.match(await row.getByTestId('sent-state').innerText(), /発信中/)
  assert.match(await row.getByTestId('sent-rate').innerText(), /既読 [\d.]+% · 受領確認 [\d.]+%/)
  await analyst.screenshot({ path: path.join(shots, 'sent-list.png'), fullPage: true })
  await Promise.all([analyst.context().close(), member.context().close()])
})

test('the administrator exports the audit log and the sector body its not-submitted list', async () => {
  const admin = await newPage()
  await signIn(admin, 'admin@renkei.example')
  await admin.goto(env.base + '/admin')
  await admin.getByTestId('audit-table').locator('tbody tr').first().waitFor()
  const [file] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('export-csv').click()])
  assert.match(file.suggestedFilename(), /^監査ログ_/)
  assert.match(readFileSync(await file.path(), 'utf8'), /^\uFEFF日時（JST）,操作者/)
  await admin.screenshot({ path: path.join(shots, 'audit-export.png'), fullPage: true })

  const officer = await newPage()
  await signIn(officer, 'officer@occto.example')
  await officer.goto(env.base + '/sector/assessments')
  await officer.getByTestId('who-table').waitFor()
  const [sheet] = await Promise.all([officer.waitForEvent('download'), officer.getByTestId('export-csv').click()])
  const lines = readFileSync(await sheet.path(), 'utf8').slice(1).split('\r\n').filter((l) => l !== '')
  // Every organisation of the tab, also beyond the 200 rows the page draws.
  const count = Number((await officer.getByTestId('who-count').innerText()).match(/\d+/)[0])
  assert.equal(lines.length, count + 1)
  assert.ok(lines.slice(1).every((l) => l.includes('未提出')))
  await officer.screenshot({ path: path.join(shots, 'sector-export.png'), fullPage: true })
  await Promise.all([admin.context().close(), officer.context().close()])
})
