// Issue 16, sending is deliberate: publish, revise and remind open one confirmation with
// the label, the audience in words and the organisations and people reached; its numbers
// are the deliveries then made, its button names the action with them, and cancelling
// (button or Escape) sends nothing. Focus stays in the dialog while it is open.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, shots, signIn } from './harness.mjs'

async function sentCount(page) {
  return page.evaluate(async () => (await (await fetch('/api/v1/items?scope=sent&limit=200')).json()).items.length)
}

// "32 名（8 組織）に送信" → { people: 32, organisations: 8 }
function countsOf(label) {
  const m = label.replace(/,/g, '').match(/(\d+) 名（(\d+) 組織）/)
  assert.ok(m, 'the button names the counts: ' + label)
  return { people: Number(m[1]), organisations: Number(m[2]) }
}

test('the confirmation shows whom an item reaches, and cancelling sends nothing', async () => {
  const page = await newPage()
  await signIn(page, 'analyst@jeisac.example')
  await page.goto(env.base + '/items/new')
  await page.getByTestId('tlp-AMBER').check()
  const title = '確認ダイアログの検証（e2e）'
  await page.getByTestId('publish-title').fill(title)
  await page.getByTestId('publish-body').fill('制御系ネットワークの点検をお願いします。')
  await page.getByTestId('publish-action').fill('点検結果を受領確認してください')
  await page.getByTestId('sector-electricity').check()
  await page.getByLabel('セプター事務局', { exact: true }).check()
  const before = await sentCount(page)

  // Cancel with the button: closed, nothing published.
  await page.getByTestId('publish-submit').click()
  const dialog = page.locator('dialog[open]')
  await dialog.getByTestId('confirm-reach').waitFor()
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'confirm-cancel',
    'focus starts on cancel')
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab')
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]')), 'focus stays in the dialog')
  }
  assert.match(await dialog.innerText(), /TLP:AMBER/)
  const words = await dialog.getByTestId('confirm-audience').innerText()
  assert.match(words, /分野: 電力/)
  assert.match(words, /役割が「セプター事務局」の方のみ/)
  await page.screenshot({ path: path.join(shots, 'confirm-publish.png') })
  await dialog.getByTestId('confirm-cancel').click()
  assert.ok(!(await dialog.isVisible()))
  assert.equal(await sentCount(page), before, 'cancel sent nothing')

  // Cancel with Escape: the same.
  await page.getByTestId('publish-submit').click()
  await dialog.getByTestId('confirm-reach').waitFor()
  await page.keyboard.press('Escape')
  assert.ok(!(await dialog.isVisible()))
  assert.equal(await sentCount(page), before, 'Escape sent nothing')

  // Confirm: the delivery table counts what the button said.
  await page.getByTestId('publish-submit').click()
  const send = dialog.getByTestId('confirm-send')
  await dialog.getByTestId('confirm-reach').waitFor()
  const promised = countsOf(await send.innerText())
  assert.ok(promised.people > 0)
  assert.match(await dialog.getByTestId('confirm-reach').innerText(),
    new RegExp(`${promised.people.toLocaleString()} 名・${promised.organisations.toLocaleString()} 組織`))
  await send.click()
  await page.getByTestId('item-title').waitFor()
  assert.equal(await sentCount(page), before + 1)
  const id = page.url().split('/').pop()
  const table = await page.evaluate(async (id) => (await fetch(`/api/v1/items/${id}/deliveries`)).json(), id)
  assert.equal(table.people, promised.people)
  assert.equal(table.organisations, promised.organisations)

  // A reminder: the confirmation counts those it mails (nobody has acknowledged yet);
  // cancelling mails nobody (the reminder can still go at once).
  await page.getByTestId('remind').click()
  await dialog.getByTestId('confirm-reach').waitFor()
  assert.match(await dialog.getByTestId('confirm-audience').innerText(), /未確認の受信者/)
  const reminded = countsOf(await send.innerText())
  assert.ok(reminded.people <= table.people && reminded.people > 0)
  await page.screenshot({ path: path.join(shots, 'confirm-remind.png') })
  await page.keyboard.press('Escape')
  await page.getByTestId('remind').click()
  await send.click()
  await page.getByText(`${reminded.people} 名に再通知`).waitFor()
  await page.context().close()
})

test('a draft reaches nobody until it is published from its page, through the confirmation', async () => {
  const page = await newPage()
  await signIn(page, 'analyst@jeisac.example')
  await page.goto(env.base + '/items/new')
  await page.getByTestId('tlp-AMBER').check()
  const title = '下書きの検証（e2e）'
  await page.getByTestId('publish-title').fill(title)
  await page.getByTestId('publish-body').fill('発信前に課内で確認します。')
  await page.getByTestId('sector-electricity').check()
  await page.getByTestId('save-item-draft').click()
  await page.getByTestId('draft-notice').waitFor()
  const id = page.url().split('/').pop()
  assert.equal(await page.getByTestId('delivery-table').count(), 0, 'a draft has no delivery table')
  await page.screenshot({ path: path.join(shots, 'draft-item.png') })

  // Listed under 下書き only; a member of the sector it names cannot open it.
  await page.goto(env.base + '/items')
  await page.getByTestId('scope-drafts').click()
  await page.getByRole('link', { name: title }).waitFor()
  await page.screenshot({ path: path.join(shots, 'drafts-list.png') })
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  assert.equal(await member.evaluate(async (id) => (await fetch(`/api/v1/items/${id}`)).status, id), 404)

  // Edited: the form opens with its label and audience; saving keeps it a draft.
  await page.getByRole('link', { name: title }).click()
  await page.getByTestId('edit-draft').click()
  await page.waitForFunction(() => document.querySelector('[data-testid=publish-title]')?.value)
  assert.ok(await page.getByTestId('sector-electricity').isChecked(), 'the audience is loaded')
  assert.ok(await page.getByTestId('tlp-AMBER').isChecked())
  await page.getByTestId('publish-title').fill(title + '（確定）')
  await page.getByTestId('save-item-draft').click()
  await page.getByTestId('draft-notice').waitFor()
  assert.equal(await page.getByTestId('item-title').innerText(), title + '（確定）')

  // Published from its page: the confirmation's counts are the deliveries.
  await page.getByTestId('publish-draft').click()
  const dialog = page.locator('dialog[open]')
  await dialog.getByTestId('confirm-reach').waitFor()
  assert.match(await dialog.getByTestId('confirm-audience').innerText(), /分野: 電力/)
  const promised = countsOf(await dialog.getByTestId('confirm-send').innerText())
  await dialog.getByTestId('confirm-send').click()
  await page.getByTestId('delivery-table').waitFor()
  assert.equal(await page.getByTestId('draft-notice').count(), 0)
  const table = await page.evaluate(async (id) => (await fetch(`/api/v1/items/${id}/deliveries`)).json(), id)
  assert.equal(table.people, promised.people)
  assert.equal(await member.evaluate(async (id) => (await fetch(`/api/v1/items/${id}`)).status, id), 200)
  await member.context().close()
  await page.context().close()
})
