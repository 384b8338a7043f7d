// Not a test: a tour that screenshots pages for a person to look at (node --test e2e/shots.tour.mjs).
import { test } from 'node:test'
import path from 'node:path'
import { env, newPage, shots, signIn } from './harness.mjs'

const tours = [
  ['member@denryoku.example', ['/', '/items', '/reports', '/reports/new', '/assessments', '/organisations', '/settings']],
  ['analyst@jeisac.example', ['/', '/items', '/items/new', '/reports', '/hubs', '/sectors']],
  ['officer@occto.example', ['/sector/assessments']],
  ['admin@renkei.example', ['/admin', '/organisations']],
]
for (const [who, paths] of tours) {
  test('tour ' + who, async () => {
    for (const width of [1280, 820]) {
      const page = await newPage({ width, height: 900 })
      await signIn(page, who)
      for (const p of paths) {
        await page.goto(env.base + p)
        await page.waitForTimeout(800)
        const name = `tour-${who.split('@')[0]}-${p.replace(/\//g, '_') || 'home'}-${width}.png`
        await page.screenshot({ path: path.join(shots, name), fullPage: true })
      }
      await page.context().close()
    }
  })
}
