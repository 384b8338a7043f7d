// Browser test of the living demo's exercises (src/app/demo_exercises.cc): the demo member's
// home has 予定・実施中の訓練 with the paused all-sector tabletop; its line opens the
// exercise, where the member acknowledges a 【演習】 inject; the national centre's control
// room names each inject's kind in words; the finished 電力ISAC drill's report shows its
// period and real figures, and the paused tabletop's report says 一時停止中 instead of
// 「— —」. Screenshots in e2e-output/ (demo-*.png).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, signIn, shots } from './harness.mjs'

const TABLETOP = '全分野一斉演習（電力・ガス・水道）'
const DRILL = 'セプター訓練（情報伝達）'

test('the demo member: home tile → the tabletop → acknowledge an inject', async () => {
  const page = await newPage()
  await signIn(page, 'member@denryoku.example')
  const tile = page.getByTestId('tile-exercises')
  await tile.waitFor()
  assert.match(await tile.innerText(), /予定・実施中の訓練/)
  assert.match(await tile.innerText(), /一時停止中/)
  await page.screenshot({ path: path.join(shots, 'demo-member-home.png'), fullPage: true })
  await tile.getByRole('link', { name: TABLETOP }).click()
  await page.getByTestId('exercise-banner').waitFor()
  const links = page.getByTestId('exercise-items').getByRole('link')
  await links.first().waitFor()
  assert.equal(await links.count(), 2)
  await links.first().click()
  await page.getByTestId('item-exercise-banner').waitFor()
  await page.getByTestId('acknowledge').click()
  await page.getByTestId('acknowledged').waitFor()
  // The count links to the same list: one exercise.
  await page.goto(env.base + '/')
  await page.getByTestId('tile-exercises').getByTestId('tile-count').click()
  await page.getByTestId('exercises-active-only').waitFor()
  const rows = page.getByTestId('exercises-list').locator('tbody tr')
  await rows.first().waitFor() // the list loads after the page
  assert.equal(await rows.count(), 1)
  await page.context().close()
})

test('InjectsTableShowsTheKindInWords and ReportHeaderShowsStartAndStatusBeforeTheEnd', async () => {
  const page = await newPage()
  await signIn(page, 'officer@nco.example')
  await page.getByTestId('tile-exercises').getByRole('link', { name: TABLETOP }).click()
  await page.getByTestId('exercise-resume').waitFor()
  const kinds = await page.getByTestId('exercise-injects').getByTestId('inject-kind').allInnerTexts()
  assert.deepEqual(kinds, ['疎通確認', '情報', '情報', '状況（途絶）', '情報', '確認事項'])
  // A triggered inject names its trigger by title, not by the scenario's id.
  const when = await page.getByTestId('exercise-injects').locator('tbody tr').nth(2).locator('td').first().innerText()
  assert.equal(when, '「状況付与1：業務端末からの不審な外部通信」の 45 分後')
  // ~1,000 organisations: the sectors first, the organisations behind their summary.
  assert.equal(await page.getByTestId('exercise-orgs-details').getAttribute('open'), null)
  assert.match(await page.getByTestId('exercise-orgs-details').locator('summary').innerText(), /組織別の状況（\d+ 組織）/)
  await page.waitForTimeout(500)
  await page.screenshot({ path: path.join(shots, 'demo-control-room.png'), fullPage: true })
  await page.getByTestId('exercise-report-link').click()
  const period = page.getByTestId('exercise-period')
  await period.waitFor()
  assert.match(await period.innerText(), /JST 〜 一時停止中$/)
  await page.context().close()
})

test('the finished drill: its report has its period and real figures', async () => {
  const page = await newPage()
  await signIn(page, 'analyst@jeisac.example')
  await page.getByTestId('nav-exercises').click()
  await page.getByRole('link', { name: DRILL }).last().click()
  await page.getByTestId('exercise-report-link').click()
  const period = page.getByTestId('exercise-period')
  await period.waitFor()
  assert.match(await period.innerText(), /^\d{4}\/\d\d\/\d\d \d\d:\d\d JST 〜 \d{4}\/\d\d\/\d\d \d\d:\d\d JST$/)
  await page.getByTestId('rate-total-1h').waitFor()
  assert.doesNotMatch(await page.getByTestId('rate-total-1h').innerText(), /^0%/)
  await page.waitForTimeout(800)
  await page.screenshot({ path: path.join(shots, 'demo-drill-report.png'), fullPage: true })
  await page.context().close()
})
