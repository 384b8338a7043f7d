// Issue 17, relay (展開): the national centre's item reaches the hubs' analysts; the 電力ISAC
// analyst relays it to the hub's members through the one confirmation; a member sees the
// chain of senders (no link to the item it may not see) and acknowledges; the originator's
// 展開状況 shows the hop with that acknowledgement. Screenshots for a person to look at.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, shots, signIn } from './harness.mjs'

async function post(page, url, body) {
  return page.evaluate(async ([url, body]) => {
    const me = await (await fetch('/api/v1/me')).json()
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify(body),
    })
    return { status: r.status, json: await r.json() }
  }, [url, body])
}

test('a hub relays a received item, a member sees the provenance, the originator sees the hop', async () => {
  const nco = await newPage()
  await signIn(nco, 'officer@nco.example')
  const title = '展開の確認（e2e）制御系への探索的な通信'
  const pub = await post(nco, '/api/v1/items', {
    kind: 'alert',
    tlp: 'AMBER',
    title,
    body: '## 概要\n重要インフラ事業者の制御系を狙った探索的な通信を観測しています。',
    action_requested: 'ログを確認し、受領確認してください',
    audience: { sector_ids: ['electricity'], roles: ['hub_analyst'] },
  })
  assert.equal(pub.status, 201, JSON.stringify(pub.json))
  const original = pub.json.id

  // The hub analyst relays it to 電力ISAC's members, as AMBER, with a note.
  const hub = await newPage()
  await signIn(hub, 'analyst@jeisac.example')
  await hub.goto(env.base + `/items/${original}`)
  await hub.getByTestId('relay-open').click()
  const labels = await hub.getByTestId('relay-tlp').locator('option').allInnerTexts()
  assert.deepEqual(labels, ['TLP:AMBER', 'TLP:AMBER+STRICT'], 'only the same label or stricter, never RED')
  await hub.getByTestId('relay-hub').first().check()
  await hub.getByTestId('relay-note').fill('国家サイバー統括室からの注意喚起を会員の皆様へ展開します。')
  await hub.getByTestId('relay-action').fill('自社のログを確認し、受領確認してください')
  await hub.getByTestId('relay-preview').click()
  const dialog = hub.locator('dialog[open]')
  await dialog.getByTestId('confirm-reach').waitFor()
  assert.match(await dialog.innerText(), /TLP:AMBER/)
  assert.match(await dialog.getByTestId('confirm-audience').innerText(), /電力ISAC/)
  await hub.screenshot({ path: path.join(shots, 'relay-confirm.png') })
  await dialog.getByTestId('confirm-send').click()
  await hub.waitForURL((u) => /\/items\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${original}`))
  const relayed = Number(new URL(hub.url()).pathname.split('/').pop())
  await hub.getByTestId('provenance').waitFor()
  assert.match(await hub.getByTestId('provenance').innerText(), /国家サイバー統括室\s*→\s*一般社団法人電力ISAC/)
  assert.equal(await hub.getByTestId('provenance').getByRole('link', { name: '国家サイバー統括室' }).count(), 1,
    'the relayer received the original: it gets the link')

  // A member: the chain by name, no link to the item it may not see; acknowledges.
  const member = await newPage()
  await signIn(member, 'member@denryoku.example')
  await member.goto(env.base + `/items/${relayed}`)
  const line = member.getByTestId('provenance')
  await line.waitFor()
  assert.match(await line.innerText(), /国家サイバー統括室\s*→\s*一般社団法人電力ISAC/)
  assert.equal(await line.getByRole('link').count(), 0, 'no link to the original')
  assert.match(await member.getByTestId('relay-note').innerText(), /会員の皆様へ展開します/)
  await member.screenshot({ path: path.join(shots, 'relay-member.png'), fullPage: true })
  await member.getByTestId('acknowledge').click()
  await member.getByTestId('acknowledged').waitFor()

  // The originator's 展開状況: the original's recipients and the hub's hop.
  await nco.goto(env.base + `/items/${original}`)
  const table = nco.getByTestId('relay-hops')
  await table.waitFor()
  const hop = table.locator('tr[data-depth="1"]')
  assert.equal(await hop.count(), 1)
  const cells = await hop.innerText()
  assert.match(cells, /一般社団法人電力ISAC/)
  assert.match(cells, /[1-9][\d,]* 名/)
  assert.doesNotMatch(cells.split('\t').slice(5, 6).join(''), /^0\.0%$/, 'the member acknowledged within 1 h')
  await nco.getByTestId('relay-status').scrollIntoViewIfNeeded()
  await nco.getByTestId('relay-status').screenshot({ path: path.join(shots, 'relay-status.png') })
})

test('the demo national-centre item shows its ministry and hub relays', async () => {
  const nco = await newPage()
  await signIn(nco, 'officer@nco.example')
  const found = await nco.evaluate(async () => {
    const page = await (await fetch('/api/v1/items?scope=sent&limit=200')).json()
    return page.items.find((i) => i.title.includes('重要インフラ') && i.tlp === 'AMBER' && i.relay_depth === 0)?.id ?? null
  })
  assert.ok(found, 'the demo item relayed by METI and 電力ISAC')
  await nco.goto(env.base + `/items/${found}`)
  const table = nco.getByTestId('relay-hops')
  await table.waitFor()
  assert.equal(await table.locator('tr[data-depth="1"]').count(), 2)
  await nco.getByTestId('relay-status').scrollIntoViewIfNeeded()
  await nco.waitForTimeout(500)  // the chart draws
  await nco.getByTestId('relay-status').screenshot({ path: path.join(shots, 'relay-status-demo.png') })
})
