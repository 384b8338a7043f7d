// Browser test of the SME desk (お助け隊, issue 19) end to end: the agent of the 神奈川
// consortium takes a phone consultation from 湘南精機 (電話受付), a FortiGate line sent over
// UDP to the server's alert listener raises an alert ticket, the agent takes it, writes an
// internal note and a message, dispatches an engineer (出発 → 到着 → 完了) and completes it
// with the outcome and 被害想定額; the statistics move by the phone contact, the incident and
// the dispatch. The SME's owner sees the ticket and the alert in plain Japanese, never the
// note, and opens a consultation from its own form. Screenshots in e2e-output/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import dgram from 'node:dgram'
import path from 'node:path'
import { apiAs, env, newPage, signIn, shots } from './harness.mjs'

env.intake = true

const AGENT = 'agent@otasuketai.example'
const OWNER = 'owner@shonan-seiki.example'
const SERIAL = 'FGT60FTK23000123' // 湘南精機's UTM (src/app/demo_desk.cc)
const NOTE = '社内メモ: 湘南精機は前回も同じ端末'
const SIGNATURE = 'E2E.Botnet.C2.Beacon'


// A FortiGate IPS line naming the SME's UTM by its serial (the 神奈川 consortium accepts
// 127.0.0.0/8, data/intake/listener.toml), severity critical: above the ticket threshold.
function fortigateLine() {
  const now = new Date()
  const jst = new Date(now.getTime() + 9 * 3600_000).toISOString()
  return (
    `<185>date=${jst.slice(0, 10)} time=${jst.slice(11, 19)} devname="FGT60F-Shonan" devid="${SERIAL}" ` +
    `eventtime=${now.getTime()}000000 tz="+0900" logid="0419016384" type="utm" subtype="ips" ` +
    `eventtype="signature" level="alert" severity="critical" srcip=192.0.2.41 srcport=50123 ` +
    `dstip=203.0.113.200 dstport=443 attack="${SIGNATURE}" action="detected" count=1 ` +
    `msg="botnet: ${SIGNATURE}"`
  )
}

function sendUdp(line) {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4')
    sock.send(Buffer.from(line), env.intakePort, '127.0.0.1', (err) => {
      sock.close()
      if (err) reject(err)
      else resolve()
    })
  })
}

async function waitFor(what, fn, ms = 15000) {
  const until = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > until) assert.fail('timed out waiting for ' + what)
    await new Promise((r) => setTimeout(r, 250))
  }
}

test('お助け隊: a phone consultation, an alert ticket dispatched and completed, the statistics move, the SME sees its ticket and alert', async () => {
  const agentApi = await apiAs(AGENT)
  const ownerApi = await apiAs(OWNER)
  const sme = (await ownerApi('GET', '/me')).body.org_id
  const kanagawa = (await agentApi('GET', '/desk/consortia')).body.items.find((c) => c.code === 'kanagawa')
  assert.ok(kanagawa, 'the agent works the 神奈川 consortium')
  // The demo leaves 湘南精機 an open alert ticket; the desk completes it first, so the line
  // below raises a ticket of its own (an open one would take the alert).
  const open = (await agentApi('GET', `/desk/tickets?status=open&sme=${sme}&limit=200`)).body.items
  for (const x of open.filter((x) => x.channel === 'alert')) {
    const r = await agentApi('PATCH', `/desk/tickets/${x.id}`, { status: 'resolved', outcome: '前日の検知: 誤検知と確認', damage_estimate_yen: 0 })
    assert.equal(r.status, 200, JSON.stringify(r.body))
  }
  // The period the statistics page shows by default: the twelve months up to this one (JST).
  const jstNow = new Date(Date.now() + 9 * 3600_000)
  const month = (y, m) => `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01T00:00:00%2B09:00`
  const y = jstNow.getUTCFullYear() - 1
  const m = jstNow.getUTCMonth() + 1
  const period = `from=${month(y, m)}&to=${month(y + 1, m)}`
  const stats0 = (await agentApi('GET', `/desk/stats?consortium=${kanagawa.id}&${period}`)).body.total

  // ---- the agent: home tiles, the queue, 電話受付 ----
  const agent = await newPage()
  await signIn(agent, AGENT)
  await agent.getByTestId('tile-desk_unassigned').waitFor()
  await agent.getByTestId('tile-desk_overdue').waitFor()
  await agent.getByTestId('tile-desk_mine').waitFor()
  await agent.screenshot({ path: path.join(shots, 'desk-home.png'), fullPage: true })
  await agent.getByTestId('tile-desk_unassigned').getByTestId('tile-count').click()
  await agent.waitForURL(/\/desk\?filter=unassigned/)
  assert.equal(await agent.getByTestId('desk-tab-unassigned').getAttribute('aria-selected'), 'true')
  await agent.getByTestId('desk-table').waitFor()
  await agent.screenshot({ path: path.join(shots, 'desk-queue.png'), fullPage: true })

  await agent.getByTestId('intake-open').click()
  await agent.getByTestId('intake-channel-phone').check()
  await agent.getByTestId('intake-sme').fill('湘南精機')
  await agent.getByTestId('intake-sme-results').getByRole('button', { name: '湘南精機株式会社' }).click()
  await agent.getByTestId('intake-sme-chosen').waitFor()
  await agent.getByTestId('intake-kind').selectOption('contact')
  await agent.getByTestId('intake-category').selectOption('security')
  await agent.getByTestId('intake-subject').fill('請求書を装ったメールの相談')
  await agent.getByTestId('intake-body').fill('取引先を名乗るメールに添付ファイルがあり、開いてよいか確認したい。')
  await agent.getByTestId('intake-caller').fill('総務部 湘南様 0466-00-0000')
  await agent.screenshot({ path: path.join(shots, 'desk-intake.png'), fullPage: true })
  await agent.getByTestId('intake-submit').click()
  await agent.waitForURL(/\/desk\/tickets\/\d+/)
  await agent.getByText(/相談 #\d+ を記録しました/).waitFor()
  assert.equal(await agent.getByTestId('ticket-status').innerText(), '一次切り分け', 'a call is answered as it is taken')
  assert.notEqual(await agent.getByTestId('ticket-assignee').innerText(), '未割当', 'the call is the agent’s')
  assert.match(await agent.getByTestId('clock-first').innerText(), /初動 済（期限内）/)

  // ---- an alert raises a ticket ----
  await sendUdp(fortigateLine())
  const alertTicket = await waitFor('the alert ticket', async () => {
    const list = (await agentApi('GET', `/desk/tickets?status=open&sme=${sme}`)).body.items
    return list.find((x) => x.channel === 'alert')
  })
  assert.equal(alertTicket.kind, 'incident')
  assert.match(alertTicket.subject, /E2E\.Botnet\.C2\.Beacon/)

  // The SME's owner, meanwhile: its open tickets on the home page, the alert in plain
  // Japanese on its support page, the desk on it.
  const owner = await newPage()
  await signIn(owner, OWNER)
  await owner.getByTestId('tile-desk_open').getByRole('link', { name: alertTicket.subject }).waitFor()
  await owner.getByTestId('tile-desk_open').getByTestId('tile-count').click()
  await owner.waitForURL(/\/support\?filter=open/)
  const line = owner.getByTestId('support-alert').filter({ has: owner.getByRole('link', { name: `相談 #${alertTicket.id}` }) })
  await line.getByText('不審な通信を検知しました。対応中です。').waitFor()
  await owner.getByTestId('support-tickets').getByRole('link', { name: alertTicket.subject }).waitFor()
  assert.equal(await owner.getByTestId('support-tickets').getByRole('link', { name: '請求書を装ったメールの相談' }).count(), 1, 'the call is open too')
  await owner.screenshot({ path: path.join(shots, 'desk-support.png'), fullPage: true })

  // The queue shows it (live, or on the next visit), unassigned with its time left.
  await agent.getByTestId('nav-desk-button').click()
  await agent.getByTestId('nav-desk-queue').click()
  const row = agent.getByTestId('desk-row-' + alertTicket.id)
  await row.waitFor()
  assert.match(await row.getByTestId('desk-sla').innerText(), /初動まで あと/)
  assert.match(await row.innerText(), /未割当/)
  await row.getByRole('link').click()
  await agent.getByTestId('ticket-alerts').getByText('不審な通信を検知しました。対応中です。').waitFor()
  assert.equal(await agent.getByTestId('alert-raw').count(), 1, 'the desk reads the raw line')

  // Takes it, writes a note and a message.
  await agent.getByTestId('assign-me').click()
  await agent.getByTestId('ticket-assignee').filter({ hasNotText: '未割当' }).waitFor()
  await agent.getByTestId('composer-note').check()
  await agent.getByTestId('composer-body').fill(NOTE)
  await agent.getByTestId('composer-send').click()
  await agent.getByTestId('entry-note').getByText(NOTE).waitFor()
  await agent.getByTestId('composer-message').check()
  await agent.getByTestId('composer-body').fill('検知を確認しました。技術者が伺います。')
  await agent.getByTestId('composer-send').click()
  await agent.getByTestId('entry-message').getByText('検知を確認しました。技術者が伺います。').waitFor()
  // The first message answered it.
  await agent.getByTestId('clock-first').getByText(/初動 済/).waitFor()

  // 駆付け: request, 出発, 到着, 完了.
  await agent.getByTestId('dispatch-open').click()
  await agent.getByTestId('dispatch-engineer').fill('技術 一郎')
  await agent.getByTestId('dispatch-note').fill('本社 1F の UTM と PC-12 を確認')
  await agent.getByTestId('dispatch-submit').click()
  await agent.getByTestId('clock-arrival').getByText(/到着まで あと/).waitFor()
  for (const [step, word] of [
    ['left', '出発'],
    ['arrived', '到着'],
    ['finished', '完了'],
  ]) {
    await agent.getByTestId('step-' + step).click()
    await agent.getByTestId('ticket-entries').getByText(new RegExp('技術 一郎 が現地' + (step === 'left' ? 'へ出発' : step === 'arrived' ? 'に到着' : '対応を完了'))).waitFor()
    assert.ok(word)
  }
  await agent.getByTestId('clock-arrival').getByText(/到着 済/).waitFor()
  assert.equal(await agent.getByTestId('ticket-category').innerText(), '訪問による対応（駆けつけ）')

  // 対応完了: the outcome and 被害想定額 are asked for.
  await agent.getByTestId('status-select').selectOption('resolved')
  await agent.getByTestId('resolve-fields').waitFor()
  await agent.getByTestId('change-apply').click()
  await agent.getByText('対応結果を記入してください').waitFor()
  await agent.getByTestId('outcome').fill('感染端末を隔離し駆除。C2 宛の通信を遮断した。')
  await agent.getByTestId('damage').fill('150000')
  await agent.getByTestId('change-apply').click()
  await agent.getByTestId('ticket-status').getByText('対応完了').waitFor()
  await agent.screenshot({ path: path.join(shots, 'desk-ticket.png'), fullPage: true })
  assert.equal(await agent.getByTestId('ticket-damage').innerText(), '150,000 円')

  // ---- the statistics move ----
  await agent.getByTestId('nav-desk-button').click()
  await agent.getByTestId('nav-desk-stats').click()
  await agent.getByTestId('stats-table').waitFor()
  await agent.getByTestId('stats-consortium').selectOption(String(kanagawa.id))
  await agent.getByTestId('stats-show').click()
  await agent.getByTestId('stats-total-contacts').getByText(String(stats0.contacts + 1)).waitFor()
  assert.equal(await agent.getByTestId('stats-total-incidents').innerText(), String(stats0.incidents + 1))
  assert.equal(await agent.getByTestId('stats-total-dispatches').innerText(), String(stats0.dispatches + 1))
  await agent.screenshot({ path: path.join(shots, 'desk-stats.png'), fullPage: true })

  // ---- the SME's owner, once it is done ----
  await owner.getByTestId('nav-support').click()
  await owner.reload()
  const done = owner.getByTestId('support-alert').filter({ has: owner.getByRole('link', { name: `相談 #${alertTicket.id}` }) })
  await done.getByText('不審な通信を検知しました。対応は完了しました。').waitFor()
  await owner.getByTestId('support-tickets').getByRole('link', { name: '請求書を装ったメールの相談' }).waitFor()
  await owner.getByTestId('support-tickets').getByRole('link', { name: alertTicket.subject }).click()
  await owner.getByTestId('ticket-status').getByText('完了').waitFor()
  await owner.getByText('検知を確認しました。技術者が伺います。').waitFor()
  assert.equal(await owner.getByText(NOTE).count(), 0, 'the internal note is the desk’s only')
  assert.equal(await owner.getByTestId('alert-raw').count(), 0, 'no raw lines for the SME')
  assert.equal(await owner.getByTestId('ticket-manage').count(), 0)
  // Its own form.
  await owner.getByRole('link', { name: /サポート窓口へ/ }).click()
  await owner.getByTestId('support-ask').click()
  await owner.getByTestId('support-kind-incident').check()
  await owner.getByTestId('support-subject').fill('パソコンの動きが遅い')
  await owner.getByTestId('support-body').fill('今朝から事務所のパソコンが重く、見慣れない画面が出ます。')
  await owner.getByTestId('support-send').click()
  await owner.getByTestId('ticket-sent').waitFor()
  assert.equal(await owner.getByTestId('ticket-status').innerText(), '受け付けました')
  await owner.screenshot({ path: path.join(shots, 'desk-sme-ticket.png'), fullPage: true })
})
