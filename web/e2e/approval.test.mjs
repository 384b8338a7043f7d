// Issue 16, 決裁: the national centre (demo) requires a second officer's approval before
// AMBER+STRICT and RED leave. The author publishes RED: the confirmation says it goes to
// approval (with the reach it will have), the item says 決裁待ち and the recipient has
// nothing; a colleague finds it on the home page's 決裁待ち tile, approves it in the
// confirmation that counts its reach, and then the recipient reads it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, shots, signIn } from './harness.mjs'

async function status(page, url) {
  return page.evaluate(async (u) => (await fetch(u)).status, url)
}

test('a RED item waits for a second officer and reaches its recipient once approved', async () => {
  const recipient = await newPage()
  await signIn(recipient, 'officer@meti.example')
  const metiId = await recipient.evaluate(async () => (await (await fetch('/api/v1/me')).json()).user_id)
  const author = await newPage()
  await signIn(author, 'officer@nco.example')
  const title = '決裁の検証: 送電網を狙う攻撃計画（e2e）'
  // The RED audience is a person of another organisation, whom the publish form's picker
  // lists only to those who may see that organisation's people: the author saves the draft
  // through the API, then publishes it from its page like any draft.
  const draftId = await author.evaluate(async ({ title, metiId }) => {
    const me = await (await fetch('/api/v1/me')).json()
    const body = { kind: 'alert', tlp: 'RED', title, body: '名前を挙げた方に限って共有します。', draft: true,
      audience: { user_ids: [metiId] } }
    const r = await fetch('/api/v1/items', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: JSON.stringify(body) })
    return (await r.json()).id
  }, { title, metiId })
  assert.ok(draftId, 'the draft was saved')
  await author.goto(env.base + `/items/${draftId}`)
  await author.getByTestId('publish-draft').click()
  const dialog = author.locator('dialog[open]')
  await dialog.getByTestId('confirm-reach').waitFor()
  await dialog.getByTestId('confirm-approval-note').waitFor()
  const label = await dialog.getByTestId('confirm-send').innerText()
  assert.match(label, /決裁に回す/)
  assert.match(label, /1 名・1 組織/, 'the reach once approved: ' + label)
  await dialog.getByTestId('confirm-send').click()
  await author.getByTestId('pending-notice').waitFor()
  assert.match(await author.getByTestId('pending-notice').innerText(), /決裁待ち/)
  assert.equal(await author.getByTestId('approve').count(), 0, 'the author does not approve')
  const id = author.url().split('/').pop()
  assert.match(id, /^\d+$/)
  await author.screenshot({ path: path.join(shots, 'approval-author.png'), fullPage: true })

  // The recipient-to-be has nothing yet.
  assert.equal(await status(recipient, `/api/v1/items/${id}`), 404)

  // The colleague: the 決裁待ち tile lists it; the item page offers 承認して送信 / 差戻し.
  const approver = await newPage()
  await signIn(approver, 'cyber@nco.example')
  await approver.goto(env.base + '/')
  const tile = approver.getByTestId('tile-awaiting_approval')
  await tile.waitFor()
  await tile.getByRole('link', { name: title }).click()
  await approver.getByTestId('approval-actions').waitFor()
  assert.match(await approver.getByTestId('pending-notice').innerText(), /承認して送信するか/)
  // The approver sees whom it goes to: the named person, by name.
  const named = await approver.evaluate(async (id) => (await (await fetch(`/api/v1/items/${id}`)).json()).audience_names.users, id)
  assert.equal(named.length, 1)
  assert.match(await approver.getByTestId('audience').innerText(), new RegExp(named[0].name))
  await approver.screenshot({ path: path.join(shots, 'approval-approver.png'), fullPage: true })
  await approver.getByTestId('approve').click()
  const confirm = approver.locator('dialog[open]')
  await confirm.getByTestId('confirm-reach').waitFor()
  const send = await confirm.getByTestId('confirm-send').innerText()
  assert.match(send, /承認して 1 名（1 組織）に送信/)
  await confirm.getByTestId('confirm-send').click()
  await approver.getByText('承認し、送信しました。').waitFor()

  // Now the recipient reads it and is asked nothing more than the item asks.
  assert.equal(await status(recipient, `/api/v1/items/${id}`), 200)
  await recipient.goto(env.base + `/items/${id}`)
  assert.equal(await recipient.getByTestId('item-title').innerText(), title)
  assert.equal(await recipient.getByTestId('pending-notice').count(), 0)
})
