// Layout and wording a Japanese operator notices: the top menu on one line at 1280 px and
// usable from the keyboard, the assessment results within 820 px, the progress counter.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { env, newPage, signIn, shots } from './harness.mjs'

// One line of the top bar: how far apart (px) the vertical centres of the brand, every top-level
// entry of the menu and the tools are.
async function menuSpread(page) {
  return page.evaluate(() => {
    const tops = [...document.querySelectorAll('.topbar .brand, .mainnav > a, .mainnav > .navmenu > button, .topbar .tools')]
    const centres = tops.map((e) => { const r = e.getBoundingClientRect(); return r.top + r.height / 2 })
    return Math.max(...centres) - Math.min(...centres)
  })
}

for (const who of ['admin@renkei.example', 'analyst@jeisac.example', 'member@denryoku.example', 'agent@otasuketai.example', 'owner@shonan-seiki.example']) {
  test(`the top menu fits one line at 1280 px (${who}), in Japanese and in English`, async () => {
    const page = await newPage({ width: 1280, height: 800 })
    await signIn(page, who)
    for (const lang of ['日本語', 'English']) {
      await page.getByRole('button', { name: lang }).click()
      await page.screenshot({ path: path.join(shots, `menu-1280-${who.split('@')[0]}-${lang === 'English' ? 'en' : 'ja'}.png`) })
      const bar = await page.locator('.topbar').boundingBox()
      assert.ok(bar.height < 80, `top bar ${bar.height}px high in ${lang}: more than one line`)
      const spread = await menuSpread(page)
      assert.ok(spread < 10, `menu entries on more than one row in ${lang} (${spread}px apart)`)
    }
    await page.context().close()
  })
}

test('the menu groups open and close from the keyboard', async () => {
  const page = await newPage({ width: 1280, height: 800 })
  await signIn(page, 'member@denryoku.example')
  // Once the home page has loaded: under load its first render came while keys were pressed,
  // and the focused menu entry was lost (stop 31's full run; not reproduced alone).
  await page.getByTestId('tile-count').first().waitFor()
  const button = page.getByTestId('nav-directory-button')
  await button.focus()
  await page.keyboard.press('ArrowDown')
  assert.equal(await button.getAttribute('aria-expanded'), 'true')
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '組織')
  await page.keyboard.press('ArrowDown')
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'セプターマップ')
  await page.keyboard.press('Escape')
  assert.equal(await button.getAttribute('aria-expanded'), 'false')
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'nav-directory-button')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await page.getByTestId('org-table').waitFor()
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'following a link closes the group')
  // The person's own menu: settings and sign out.
  await page.getByTestId('nav-me-button').click()
  await page.getByRole('link', { name: '設定', exact: true }).click()
  await page.getByRole('heading', { name: '設定' }).waitFor()
  await page.context().close()
})

async function openRound(page) {
  await page.getByTestId('nav-assessments').click()
  await page.getByTestId('assessment-table').getByRole('link', { name: /年度/ }).first().click()
  await page.getByTestId('progress').waitFor()
}

test('the assessment results fit 820 px: no page scroll, tables inside the page, radar labels inside the chart', async () => {
  const page = await newPage({ width: 820, height: 1100 })
  await signIn(page, 'member@denryoku.example')
  await openRound(page)
  await page.getByTestId('tab-results').click()
  await page.locator('canvas').first().waitFor()
  await page.waitForTimeout(500)
  await page.screenshot({ path: path.join(shots, 'assessment-results-820.png'), fullPage: true })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px at 820 px`)
  const table = await page.getByTestId('function-scores').boundingBox()
  const card = await page.getByTestId('function-scores').locator('xpath=ancestor::div[contains(@class,"card")][1]').boundingBox()
  assert.ok(table.x >= card.x && table.x + table.width <= card.x + card.width + 1, 'the score table stays inside its card')
  await page.context().close()
})

// Defect: the counter added the page's N/A count to the server's answered count, so an
// answered item marked N/A (its reason not typed yet, so not saved) counted twice and the
// page said 「回答 109 / 108」.
test('Issue16_ProgressNeverExceedsTheItemCount', async () => {
  const page = await newPage()
  await signIn(page, 'member@denryoku.example')
  await openRound(page)
  const counter = () => page.getByTestId('progress').innerText()
  const parse = (s) => s.match(/(\d+)\s*\/\s*(\d+)/).slice(1).map(Number)
  const [before, total] = parse(await counter())
  assert.ok(before > 0 && before <= total, await counter())
  const id = await page.evaluate(() => {
    const r = document.querySelector('input[type=radio][data-testid^="level-"]:checked')
    return r?.closest('[data-item]')?.getAttribute('data-item')
  })
  assert.ok(id, 'an answered item')
  await page.getByTestId(`na-${id}`).check()
  assert.deepEqual(parse(await counter()), [before, total], 'N/A instead of a level is still one answer')
  await page.context().close()
})

test('required fields say 必須 before anyone submits; optional ones do not', async () => {
  const page = await newPage()
  await signIn(page, 'analyst@jeisac.example')
  await page.goto(env.base + '/items/new')
  await page.getByLabel('件名 必須', { exact: true }).waitFor()
  await page.getByLabel('本文（Markdown） 必須', { exact: true }).waitFor()
  assert.equal(await page.locator('label[for=action] [data-testid=required-mark]').count(), 0, '要請事項 is optional')
  await page.goto(env.base + '/admin')
  await page.getByLabel('メールアドレス 必須', { exact: true }).waitFor()
  await page.getByLabel('名称（日本語） 必須', { exact: true }).waitFor()
  await page.context().close()
})
