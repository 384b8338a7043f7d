// Browser test of the STIX 2.1 download (issue 18): 「STIX 2.1 でダウンロード」 on the item page
// downloads the item's bundle, the one above the list the bundle of the list's filter.
// Screenshots in web/e2e-output/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { env, newPage, signIn, shots } from './harness.mjs'

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

test('the item page and the list download STIX 2.1 bundles', async () => {
  const analyst = await newPage()
  await signIn(analyst, 'analyst@jeisac.example')
  const pub = await post(analyst, '/items', {
    kind: 'advisory', tlp: 'AMBER', title: 'STIX の確認（e2e）', body: '修正版を適用してください。',
    cve_ids: ['CVE-2024-3400'], mitigation: '修正版へ更新する。',
    audience: { sector_ids: ['electricity'] },
  })
  assert.equal(pub.status, 201)
  const id = pub.json.id

  await analyst.goto(env.base + `/items/${id}`)
  const button = analyst.getByTestId('stix-download')
  await button.waitFor()
  assert.equal(await button.innerText(), 'STIX 2.1 でダウンロード')
  await analyst.screenshot({ path: path.join(shots, 'item-stix.png') })
  const [one] = await Promise.all([analyst.waitForEvent('download'), button.click()])
  assert.match(one.suggestedFilename(), new RegExp(`^renkei-item-${id}_\\d{8}-\\d{4}\\.stix\\.json$`))
  const bundle = JSON.parse(readFileSync(await one.path(), 'utf8'))
  assert.equal(bundle.type, 'bundle')
  const report = bundle.objects.find((o) => o.type === 'report')
  assert.equal(report.name, 'STIX の確認（e2e）')
  assert.ok(bundle.objects.some((o) => o.type === 'vulnerability' && o.name === 'CVE-2024-3400'))

  // The list's button carries the list's filter.
  await analyst.goto(env.base + '/items?scope=sent&kind=advisory')
  const listButton = analyst.getByTestId('stix-download-list')
  await listButton.waitFor()
  const href = await listButton.getAttribute('href')
  assert.match(href, /^\/api\/v1\/items\/stix\?/)
  assert.match(href, /scope=sent/)
  assert.match(href, /kind=advisory/)
  await analyst.getByTestId('item-table').locator('tbody tr').first().waitFor()
  await analyst.screenshot({ path: path.join(shots, 'items-stix.png') })
  const [all] = await Promise.all([analyst.waitForEvent('download'), listButton.click()])
  const list = JSON.parse(readFileSync(await all.path(), 'utf8'))
  const names = list.objects.filter((o) => o.type === 'report').map((o) => o.name)
  assert.ok(names.includes('STIX の確認（e2e）'))
  assert.ok(!list.objects.some((o) => o.type === 'note'), 'only advisories')
  // No button on drafts.
  await analyst.getByTestId('scope-drafts').click()
  await analyst.waitForFunction(() => !document.querySelector('[data-testid=stix-download-list]'))
  await analyst.context().close()
})
