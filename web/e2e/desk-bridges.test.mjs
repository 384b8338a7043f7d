// Browser test of the desk's bridges: the SME's owner (湘南精機) opens a consultation and
// sees its customers (取引先) on the support page; the agent cannot share before consent; the
// owner consents (同意済み, JST); the agent shares the ticket TLP:AMBER with 東北発電株式会社
// after the confirmation step and gets a link to the item; the operator's member reads it in
// the inbox as 取引先からの通知; the owner creates the draft report and lands on its case page.
// Screenshot of the share panel in e2e-output/desk-share.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { apiAs, env, newPage, signIn, shots } from './harness.mjs'

const AGENT = 'agent@otasuketai.example'
const OWNER = 'owner@shonan-seiki.example'
const MEMBER = 'member@denryoku.example'
const CUSTOMER = '東北発電株式会社'
const SUBJECT = 'E2E 取引先共有: ルータが不審な通信を検知'
const BODY = '本日 9 時ごろ、ルータが海外の不審なアドレスへの通信を検知しました。'


test('consent, share with a customer, the inbox, the draft report', async () => {
  const ownerApi = await apiAs(OWNER)
  const made = await ownerApi('POST', '/desk/tickets', { channel: 'web', kind: 'incident', subject: SUBJECT, body: BODY })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const id = made.body.ticket.id

  // The owner's support page lists its customers; if the demo has none, add 東北発電 there.
  const owner = await newPage()
  await signIn(owner, OWNER)
  await owner.goto(env.base + '/support')
  const customers = owner.getByTestId('support-customers')
  await customers.waitFor()
  if (!(await customers.getByTestId('customers-list').textContent()).includes(CUSTOMER)) {
    await customers.getByTestId('customers-edit').click()
    await customers.getByTestId('customers-find').fill('東北発電')
    await customers.getByRole('button', { name: CUSTOMER }).click()
    await customers.getByTestId('customers-save').click()
    await customers.getByTestId('customers-saved').waitFor()
  }
  assert.match(await customers.getByTestId('customers-list').textContent(), new RegExp(CUSTOMER))

  // Before consent the agent's panel explains and is disabled.
  const agent = await newPage()
  await signIn(agent, AGENT)
  await agent.goto(env.base + `/desk/tickets/${id}`)
  await agent.getByTestId('share-needs-consent').waitFor()
  assert.equal(await agent.getByTestId('share-review').isDisabled(), true)

  // The owner consents.
  await owner.goto(env.base + `/desk/tickets/${id}`)
  owner.once('dialog', (d) => void d.accept())
  await owner.getByTestId('consent-button').click()
  const done = owner.getByTestId('consent-done')
  await done.waitFor()
  assert.match(await done.textContent(), /同意済み（\d{4}\/\d{2}\/\d{2}/)

  // The agent shares it AMBER with 東北発電, through the confirmation step.
  await agent.reload()
  const panel = agent.getByTestId('ticket-share')
  await panel.getByTestId('share-form').waitFor()
  assert.equal(await agent.getByTestId('share-needs-consent').count(), 0)
  assert.equal(await panel.getByTestId('share-title').inputValue(), SUBJECT)
  assert.equal(await panel.getByTestId('share-body').inputValue(), BODY)
  assert.deepEqual(await panel.locator('#share-tlp option').allTextContents(), ['TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT'])
  await panel.getByLabel(CUSTOMER).check()
  await panel.getByTestId('share-tlp').selectOption('AMBER')
  await panel.getByTestId('share-action').fill('同じ型番のルータをお使いの場合は、ファームウェアを更新してください。')
  await panel.screenshot({ path: path.join(shots, 'desk-share.png') })
  await panel.getByTestId('share-review').click()
  assert.match(await panel.getByTestId('share-confirm-to').textContent(), new RegExp(CUSTOMER))
  await panel.screenshot({ path: path.join(shots, 'desk-share-confirm.png') })
  await panel.getByTestId('share-send').click()
  const link = panel.getByTestId('share-item-link')
  await link.waitFor()
  const href = await link.getAttribute('href')
  assert.match(href, /^\/items\/\d+$/)
  await agent.getByText(/取引先へ共有（TLP:AMBER、共有情報 #\d+）/).waitFor()

  // The operator's member reads it in the inbox, as 取引先からの通知.
  const member = await newPage()
  await signIn(member, MEMBER)
  await member.goto(env.base + '/items')
  const row = member.locator('tr, li').filter({ hasText: SUBJECT }).first()
  await row.waitFor()
  assert.match(await row.textContent(), /取引先からの通知/)
  await member.goto(env.base + href)
  await member.getByText(SUBJECT).first().waitFor()

  // The owner drafts the report and lands on the case page.
  await owner.reload()
  await owner.getByTestId('report-draft').click()
  await owner.waitForURL(/\/reports\/\d+$/)
})
