// Issue 21, information that requires a security clearance: the national centre's officer
// (secret clearance) sends one through the form, choosing the level; a cleared member of a
// certified operator opens it under its handling marking, and the same item does not exist
// for the electricity ISAC's analyst (secretariat not certified); the inbox row carries no
// title; the national centre's administrator grants the analyst a clearance on the
// clearance page. Screenshots for a person to look at.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { apiAs, env, newPage, shots, signIn } from './harness.mjs'

test('a cleared and an uncleared person open the same item that requires a clearance', async () => {
  // Sent through the form, with the level chosen and confirmed.
  const nco = await newPage()
  await signIn(nco, 'officer@nco.example')
  await nco.goto(env.base + '/items/new')
  await nco.getByTestId('publish-clearance').selectOption('confidential')
  assert.equal(await nco.getByTestId('tlp-CLEAR').isDisabled(), true, 'never TLP:CLEAR')
  const title = '制御系の保守回線を狙う攻撃の兆候（e2e 確認）'
  await nco.getByTestId('publish-title').fill(title)
  await nco.getByTestId('publish-body').fill('## 概要\n保守回線への不審な接続試行を確認しました。')
  await nco.getByTestId('tlp-AMBER').check()
  await nco.getByTestId('sector-electricity').check()
  await nco.screenshot({ path: path.join(shots, 'clearance-publish.png'), fullPage: true })
  await nco.getByTestId('publish-submit').click()
  const dialog = nco.locator('dialog[open]')
  await dialog.getByTestId('confirm-reach').waitFor()
  assert.match(await dialog.getByTestId('confirm-audience').innerText(), /要クリアランス/)
  await dialog.getByTestId('confirm-send').click()
  await nco.waitForURL((u) => /\/items\/\d+$/.test(u.pathname))
  const id = Number(new URL(nco.url()).pathname.split('/').pop())

  // The cleared member: the inbox row has no title, the item opens under its marking.
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await member.goto(env.base + '/items')
  const row = member.locator(`a[href="/items/${id}"]`)
  await row.waitFor()
  assert.match(await row.innerText(), /クリアランスを要する情報/)
  assert.doesNotMatch(await member.locator('table').innerText(), /保守回線/, 'no title in the list')
  await member.screenshot({ path: path.join(shots, 'clearance-inbox.png') })
  await row.click()
  await member.getByTestId('item-clearance-banner').waitFor()
  assert.match(await member.getByTestId('item-clearance-banner').innerText(), /重要経済安保情報/)
  assert.equal(await member.getByTestId('item-title').innerText(), title)
  assert.equal(await member.getByTestId('stix-download').count(), 0, 'never exported')
  assert.equal(await member.getByTestId('relay-open').count(), 0, 'never relayed')
  await member.screenshot({ path: path.join(shots, 'clearance-item.png'), fullPage: true })

  // The uncleared analyst: the same address is "not found", and nothing of it shows.
  const analyst = await newPage()
  await signIn(analyst, 'analyst@jeisac.example')
  await analyst.goto(env.base + `/items/${id}`)
  await analyst.locator('.alert.error').waitFor()
  assert.match(await analyst.locator('.alert.error').innerText(), /見つかりません/)
  assert.doesNotMatch(await analyst.locator('main').innerText(), /保守回線/)
  await analyst.screenshot({ path: path.join(shots, 'clearance-denied.png') })

  // Every read was audited, the member's included.
  const admin = await apiAs('admin@renkei.example')
  const audit = await admin('GET', `/audit?action=item.read&limit=50`)
  assert.equal(audit.status, 200)
  assert.ok(audit.body.items.some((e) => e.target_id === String(id)), 'the read is in the audit log')

  // The national centre's administrator grants the analyst a clearance on its page.
  const ncoAdmin = await newPage()
  await signIn(ncoAdmin, 'admin@nco.example')
  await ncoAdmin.goto(env.base + '/admin')
  await ncoAdmin.getByTestId('admin-clearances').click()
  await ncoAdmin.getByTestId('clearance-table').waitFor()
  assert.match(await ncoAdmin.getByTestId('clearance-table').innerText(), /期限切れ/, 'the lapsed one shows as such')
  await ncoAdmin.getByTestId('grant-user').fill('analyst@jeisac')
  await ncoAdmin.getByRole('button', { name: /analyst@jeisac\.example/ }).click()
  await ncoAdmin.getByTestId('grant-level').selectOption('confidential')
  await ncoAdmin.getByTestId('grant-until').fill('2029-03-31')
  await ncoAdmin.getByTestId('grant-submit').click()
  await ncoAdmin.getByTestId('clearance-notice').waitFor()
  assert.match(await ncoAdmin.getByTestId('clearance-table').innerText(), /analyst@jeisac\.example/)
  await ncoAdmin.screenshot({ path: path.join(shots, 'clearance-admin.png'), fullPage: true })
  // Cleared, but the secretariat is not a certified handler: still not found.
  await analyst.goto(env.base + `/items/${id}`)
  await analyst.locator('.alert.error').waitFor()
  // Undo, so the other browser tests see the demo as it was.
  const analystMe = await (await apiAs('analyst@jeisac.example'))('GET', '/me')
  const nc = await apiAs('admin@nco.example')
  assert.equal((await nc('DELETE', `/users/${analystMe.body.user_id}/clearance`)).status, 204)
})
