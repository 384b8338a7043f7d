// Browser test of files on the community board (issue 20): 宮城県's secretariat attaches a file
// to a members-only post (a wrong file is refused in place with the server's words); a member
// (the prefectural police) sees it and downloads the same bytes, and attaches to a post of its
// own but not to the secretariat's; signed out the public page does not list it and the public
// download refuses it, while a file on the public post downloads signed out. Screenshots at
// 1280 and 820 px in e2e-output/ (community-files-*.png).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { env, newPage, signIn, shots } from './harness.mjs'

const SECRETARIAT = 'cyber@pref.miyagi.example'
const MEMBER = 'cyber@police.miyagi.example'
const MEMO = '請求書詐欺メールの件名と送信元の一覧です。\n1. 【至急】請求書の送付\n2. お支払い期限のお知らせ\n'
// 100 rows, about 3 KB: its size is shown in KB.
const CSV = '時刻,送信元\n' + Array.from({ length: 100 }, (_, i) => `2026-12-01 10:${String(i % 60).padStart(2, '0')},203.0.113.${i}\n`).join('')
const NOTICE = '次回の勉強会の案内です（公開）。\n'

async function miyagi() {
  const r = await fetch(env.base + '/api/v1/public/communities?prefecture=4')
  const { items } = await r.json()
  assert.equal(items.length, 1)
  return items[0]
}

// The board's first post with that label (li[data-visibility]) and its id.
async function postOf(page, visibility) {
  const li = page.getByTestId('posts').locator(`:scope > li[data-visibility=${visibility}]`).first()
  await li.waitFor()
  const id = (await li.getAttribute('data-testid')).replace('post-', '')
  return { li, id }
}

// Clicks a file's link and returns the downloaded bytes.
async function download(page, link) {
  const [dl] = await Promise.all([page.waitForEvent('download'), link.click()])
  return readFile(await dl.path())
}

function noSidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

test('files on the board: the secretariat attaches, a member downloads, signed out only the public post’s files', async () => {
  const community = await miyagi()
  const url = `${env.base}/communities/${community.id}`

  // ---- the secretariat attaches to the members-only post ----
  const sec = await newPage()
  await signIn(sec, SECRETARIAT)
  await sec.goto(url)
  await sec.getByTestId('community-name').waitFor()
  const members = await postOf(sec, 'members')
  const input = sec.getByTestId(`post-file-${members.id}`)
  assert.equal(await sec.getByLabel('ファイルを添付').count() >= 1, true, 'the control is labelled')
  // A file whose bytes are not what its name says: the server's message, in Japanese, in place.
  await input.setInputFiles({ name: '報告書.pdf', mimeType: 'application/pdf', buffer: Buffer.from('これは PDF ではありません') })
  const refusal = await sec.getByTestId(`post-file-error-${members.id}`).innerText()
  assert.match(refusal, /[ぁ-んァ-ヶ一-龠]/, `a Japanese message: ${refusal}`)
  assert.doesNotMatch(refusal, /content_mismatch|invalid_|_/)
  assert.equal(await members.li.getByTestId(`post-files-${members.id}`).count(), 0, 'nothing was attached')
  await members.li.screenshot({ path: path.join(shots, 'community-files-refused-1280.png') })
  // A program is not accepted either.
  await input.setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') })
  await sec.getByTestId(`post-file-error-${members.id}`).filter({ hasNotText: refusal }).waitFor()
  assert.doesNotMatch(await sec.getByTestId(`post-file-error-${members.id}`).innerText(), /invalid_filename/)

  // The real file, chosen from the keyboard (Space on the focused control opens the chooser):
  // listed under the post with its size, the notice names it.
  await input.focus()
  const [chooser] = await Promise.all([sec.waitForEvent('filechooser'), sec.keyboard.press('Space')])
  await chooser.setFiles({ name: '詐欺メール一覧.txt', mimeType: 'text/plain', buffer: Buffer.from(MEMO) })
  assert.equal(await sec.getByTestId(`post-file-notice-${members.id}`).innerText(), '「詐欺メール一覧.txt」を添付しました。')
  const files = sec.getByTestId(`post-files-${members.id}`)
  assert.match(await files.innerText(), /添付ファイル（1件）/)
  assert.match(await files.innerText(), new RegExp(`詐欺メール一覧\\.txt\\s+${Buffer.byteLength(MEMO)} B`))
  const href = await files.getByRole('link', { name: '詐欺メール一覧.txt' }).getAttribute('href')
  assert.match(href, /^\/api\/v1\/community-files\/\d+$/)
  const fileId = href.split('/').pop()

  // And one on the public post.
  const pub = await postOf(sec, 'public')
  await sec.getByTestId(`post-file-${pub.id}`).setInputFiles({ name: '勉強会のご案内.txt', mimeType: 'text/plain', buffer: Buffer.from(NOTICE) })
  await sec.getByTestId(`post-file-notice-${pub.id}`).waitFor()
  // Both stay after a reload (the server's lists, not the page's memory).
  await sec.reload()
  await sec.getByTestId(`post-files-${pub.id}`).waitFor()
  assert.match(await sec.getByTestId(`post-files-${members.id}`).innerText(), /詐欺メール一覧\.txt/)
  await sec.screenshot({ path: path.join(shots, 'community-files-secretariat-1280.png'), fullPage: true })
  await sec.setViewportSize({ width: 820, height: 1100 })
  await sec.reload()
  await sec.getByTestId(`post-files-${members.id}`).waitFor()
  assert.ok(await noSidewaysScroll(sec) <= 1, 'no sideways scroll at 820 px')
  await sec.screenshot({ path: path.join(shots, 'community-files-secretariat-820.png'), fullPage: true })
  await sec.context().close()

  // ---- a member sees the file and downloads the same bytes ----
  const member = await newPage()
  await signIn(member, MEMBER)
  await member.goto(url)
  const seen = member.getByTestId(`post-files-${members.id}`)
  await seen.waitFor()
  const bytes = await download(member, seen.getByRole('link', { name: '詐欺メール一覧.txt' }))
  assert.equal(bytes.toString('utf8'), MEMO)
  // The members' post is the police's own (recognised by name and organisation): it may attach
  // there, but not to the public post of 高専.
  assert.equal(await member.getByTestId(`post-attach-${members.id}`).count(), 1)
  assert.equal(await member.getByTestId(`post-attach-${pub.id}`).count(), 0)
  // A new post of its own: the control is there right after posting.
  await member.getByTestId('post-open').click()
  await member.getByTestId('post-vis-members').check()
  await member.getByTestId('post-title').fill('不審な通信の観測（e2e）')
  await member.getByTestId('post-body').fill('県内で観測した通信の一覧を添付します。')
  await member.getByTestId('post-submit').click()
  const own = member.getByTestId('posts').locator(':scope > li', { hasText: '不審な通信の観測（e2e）' })
  await own.waitFor()
  const ownId = (await own.getAttribute('data-testid')).replace('post-', '')
  await member.getByTestId(`post-file-${ownId}`).setInputFiles({ name: '観測一覧.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })
  await member.getByTestId(`post-file-notice-${ownId}`).waitFor()
  // The server kept it: after a reload it is still listed.
  await member.reload()
  await member.getByTestId(`post-files-${ownId}`).waitFor()
  assert.match(await member.getByTestId(`post-files-${ownId}`).innerText(), new RegExp(`観測一覧\\.csv\\s+${(Buffer.byteLength(CSV) / 1024).toFixed(1)} KB`))
  await member.screenshot({ path: path.join(shots, 'community-files-member-1280.png'), fullPage: true })
  await member.context().close()

  // ---- signed out: the members' file is neither listed nor downloadable; the public one is ----
  const out = await newPage()
  await out.goto(url)
  await out.getByTestId('community-name').waitFor()
  const board = await out.getByTestId('board').innerText()
  assert.doesNotMatch(board, /詐欺メール一覧|観測一覧/)
  assert.equal((await fetch(`${env.base}/api/v1/public/community-files/${fileId}`)).status, 404)
  const pubFiles = out.getByTestId(`post-files-${pub.id}`)
  await pubFiles.waitFor()
  const link = pubFiles.getByRole('link', { name: '勉強会のご案内.txt' })
  assert.match(await link.getAttribute('href'), /^\/api\/v1\/public\/community-files\/\d+$/)
  assert.equal((await download(out, link)).toString('utf8'), NOTICE)
  assert.equal(await out.getByLabel('ファイルを添付').count(), 0, 'no attaching signed out')
  await out.screenshot({ path: path.join(shots, 'community-files-public-1280.png'), fullPage: true })
  await out.context().close()
})
