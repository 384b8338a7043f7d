// What every browser test file shares: a `renkei serve` on a fresh SQLite database with
// the demo data and the built app (web/dist), Debian's Chromium through playwright-core,
// and helpers to open a page and sign in. Importing it registers the before/after hooks.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
const webDir = path.resolve(here, '..')
const bin = process.env.RENKEI_BIN ?? path.resolve(webDir, '../build/release/src/app/renkei')
export const shots = path.join(webDir, 'e2e-output')
export const PASSWORD = 'e2e-demo-password-1'
let server, browser, work
// Set once the server listens: env.base is its URL. A test file that sets env.intake = true
// at its top level (before the hooks run) gets the UTM alert listener too, on a free port
// of 127.0.0.1 (UDP and TCP): env.intakePort.
export const env = { base: '', intake: false, intakePort: 0 }

function freePort() {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

before(async () => {
  mkdirSync(shots, { recursive: true })
  work = mkdtempSync(path.join(tmpdir(), 'renkei-e2e-'))
  const db = `sqlite:${work}/e2e.db`
  const load = spawnSync(bin, ['demo-data', '--db', db, '--password', PASSWORD], { encoding: 'utf8' })
  assert.equal(load.status, 0, load.stderr + load.stdout)
  const port = await freePort()
  env.base = `http://127.0.0.1:${port}`
  const args = ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', path.join(webDir, 'dist')]
  if (env.intake) {
    env.intakePort = await freePort()
    args.push('--intake', `127.0.0.1:${env.intakePort}`)
  }
  server = spawn(bin, args, {
    stdio: 'inherit',
    env: { ...process.env, RENKEI_SIGNIN_IP_LIMIT: '10000' },
  })
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(env.base + '/api/v1/health')).ok) break
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
})

after(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
  if (work) rmSync(work, { recursive: true, force: true })
})

export async function newPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Europe/London' })
  const page = await context.newPage()
  page.on('pageerror', (e) => assert.fail('page error: ' + e.message))
  return page
}

export async function signIn(page, email, password = PASSWORD) {
  await page.goto(env.base + '/signin')
  await page.getByLabel('メールアドレス').fill(email)
  await page.getByLabel('パスワード').fill(password)
  await page.getByRole('button', { name: 'サインイン' }).click()
  await page.getByTestId('who').waitFor()
}

// Follows a link of the top menu's 組織・分野 (Directory) group: opens the group, clicks the link.
export async function openDirectory(page, name) {
  await page.getByTestId('nav-directory-button').click()
  await page.getByTestId('mainnav').getByRole('link', { name, exact: true }).click()
}

// A signed-in API caller: (method, url, body) → { status, body parsed from JSON or null }.
export async function apiAs(email) {
  const r = await fetch(env.base + '/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  assert.equal(r.status, 200, await r.clone().text())
  const cookie = r.headers.get('set-cookie').split(';')[0]
  const { user } = await r.json()
  return async (method, url, body) => {
    const res = await fetch(env.base + '/api/v1' + url, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': user.csrf_token },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
}
