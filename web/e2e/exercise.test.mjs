// Browser test of a small sector drill end to end: the analyst makes a drill with three
// member organisations as players, starts it behind the confirmation (with whom it
// reaches), two members acknowledge the 【演習】 message from their exercise view, one
// misses, and the after-action report shows 2/3 within 1 h. Screenshots in e2e-output/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, signIn, shots, PASSWORD } from './harness.mjs'

async function session(email) {
  const r = await fetch(env.base + '/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  assert.equal(r.status, 200, await r.clone().text())
  const cookie = r.headers.get('set-cookie').split(';')[0]
  const { user } = await r.json()
  return (method, url, body) =>
    fetch(env.base + '/api/v1' + url, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': user.csrf_token },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
}

test('a sector drill: start, two members acknowledge, one misses, the report shows 2/3 within 1 h', async () => {
  const analystApi = await session('analyst@jeisac.example')
  const adminApi = await session('admin@renkei.example')
  // Three players with people: 東北発電 and two generated JE-ISAC members.
  const find = async (q) => (await (await analystApi('GET', `/organisations?q=${encodeURIComponent(q)}&limit=5`)).json()).items
  const tohoku = (await find('東北発電'))[0]
  const others = (await (await analystApi('GET', '/organisations?sector=electricity&kind=operator&limit=50')).json()).items.filter((o) => o.id !== tohoku.id)
  // Each generated member has security@org<n>.example.jp; find two with their people.
  const players = []
  for (const o of others) {
    const users = await (await adminApi('GET', `/organisations/${o.id}/users`)).json()
    const person = (users.items ?? users.users ?? []).find((u) => u.email?.startsWith('security@'))
    if (person) players.push({ org: o, email: person.email })
    if (players.length === 2) break
  }
  assert.equal(players.length, 2, 'two generated members with people')
  const made = await analystApi('POST', '/exercises', {
    scenario_id: 'sector-drill',
    name: 'E2E セプター訓練',
    participants: [tohoku, players[0].org, players[1].org].map((o) => ({ kind: 'organisation', ref: String(o.id), role: 'player' })),
  })
  assert.equal(made.status, 201, await made.clone().text())
  const exercise = await made.json()

  const analyst = await newPage()
  await signIn(analyst, 'analyst@jeisac.example')
  await analyst.getByTestId('nav-exercises').click()
  await analyst.getByRole('link', { name: 'E2E セプター訓練' }).click()
  await analyst.getByTestId('exercise-banner').waitFor()
  await analyst.getByTestId('exercise-start').click()
  await analyst.getByTestId('confirm-reach').waitFor()
  await analyst.screenshot({ path: path.join(shots, 'exercise-start-confirm.png') })
  await analyst.getByTestId('confirm-send').click()
  await analyst.getByTestId('exercise-status').getByText('実施中').waitFor()

  // Two members acknowledge from their exercise view; the third does nothing.
  for (const [email, password] of [['member@denryoku.example', undefined], [players[0].email, undefined]]) {
    const page = await newPage()
    await signIn(page, email, password)
    await page.goto(env.base + `/exercises/${exercise.id}`)
    await page.getByTestId('exercise-items').getByRole('link').first().waitFor({ timeout: 15000 })
    const link = page.getByTestId('exercise-items').getByRole('link').first()
    assert.match(await link.innerText(), /^【演習】/)
    await link.click()
    await page.getByTestId('item-exercise-banner').waitFor()
    await page.getByTestId('acknowledge').click()
    await page.getByTestId('acknowledged').waitFor()
    if (email === 'member@denryoku.example') {
      await page.screenshot({ path: path.join(shots, 'exercise-item.png'), fullPage: true })
      // Not in the real inbox.
      await page.getByTestId('nav-inbox').click()
      await page.waitForTimeout(500)
      assert.equal(await page.getByText('【演習】').count(), 0, 'no exercise item in the inbox')
    }
    await page.context().close()
  }

  await analyst.getByTestId('exercise-total-ack').getByText('2').waitFor({ timeout: 15000 })
  await analyst.screenshot({ path: path.join(shots, 'exercise-control-room.png'), fullPage: true })
  await analyst.getByTestId('exercise-report-link').click()
  await analyst.getByTestId('rate-total-1h').waitFor()
  assert.match(await analyst.getByTestId('rate-total-1h').innerText(), /66\.7%（2\/3）/)
  await analyst.waitForTimeout(500)
  await analyst.screenshot({ path: path.join(shots, 'exercise-report.png'), fullPage: true })
  await analyst.context().close()
})
