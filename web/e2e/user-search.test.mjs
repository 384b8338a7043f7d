// Browser tests of the user search (利用者検索, /admin/users): administrators find anyone,
// with full-width text and without the name's space; hub staff only their hubs' members;
// a member cannot open the page. Fresh SQLite demo database, as in app.test.mjs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, signIn, shots } from './harness.mjs'

test('an administrator finds a person of any organisation from the admin page', async () => {
  const page = await newPage()
  await signIn(page, 'admin@renkei.example')
  await page.getByRole('link', { name: '管理' }).click()
  await page.getByTestId('admin-user-search').click()
  await page.getByRole('heading', { name: '利用者検索' }).waitFor()
  // Full-width letters find the half-width address.
  await page.getByTestId('user-search').fill('ＭＥＭＢＥＲ＠ＧＡＳ')
  const table = page.getByTestId('user-table')
  await table.locator('tbody tr', { hasText: 'member@gas.example' }).waitFor()
  assert.equal(await table.locator('tbody tr').count(), 1)
  assert.match(await table.locator('tbody tr').innerText(), /北海ガス株式会社/)
  await page.getByTestId('user-search').fill('東北発電')
  await table.locator('tbody tr', { hasText: 'it@denryoku.example' }).waitFor()
  await page.screenshot({ path: path.join(shots, 'user-search.png'), fullPage: true })
  await table.getByRole('link', { name: '東北発電株式会社' }).first().click()
  await page.getByRole('heading', { name: '利用者' }).waitFor()
  await page.context().close()
})

test('hub staff find their members only; a member cannot open the search', async () => {
  const page = await newPage()
  await signIn(page, 'analyst@jeisac.example')
  await page.goto(env.base + '/admin/users?q=gas.example')
  await page.getByText('該当する利用者はいません。').waitFor()
  await page.getByTestId('user-search').fill('denryoku.example')
  await page.getByTestId('user-table').locator('tbody tr', { hasText: 'it@denryoku.example' }).waitFor()
  await page.context().close()

  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await member.goto(env.base + '/admin/users')
  await member.getByText('このページを表示する権限がありません。').waitFor()
  await member.context().close()
})
