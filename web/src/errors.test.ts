import { describe, expect, it } from 'vitest'
import { ApiError } from './api/client'
import { errorMessage, fieldErrors } from './errors'
import ja from './i18n/ja.json'
import en from './i18n/en.json'

// The error registry the server words its errors from (docs/errors.md): what the web app
// shows for a failed request is its text, in the language the request asked for.
interface Entry {
  code?: string
  kind?: string
  en: string
  ja: string
}
const files = import.meta.glob<Record<string, Entry | string>>('../../data/errors/*.json', {
  eager: true,
  import: 'default',
})
const entries = Object.entries(files).flatMap(([file, content]) =>
  Object.entries(content)
    .filter(([id]) => id !== '$comment')
    .map(([id, e]) => ({ file, id, ...(e as Entry) })),
)

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]).sort()
}

const t = (key: string, values?: Record<string, unknown>) => `${key}:${JSON.stringify(values ?? {})}`

describe('error registry', () => {
  it('has Japanese and English text, with the same placeholders, for every entry', () => {
    expect(entries.length).toBeGreaterThan(100)
    for (const e of entries) {
      expect(e.ja, `${e.file} ${e.id}`).toBeTruthy()
      expect(e.en, `${e.file} ${e.id}`).toBeTruthy()
      expect(placeholders(e.ja), `${e.file} ${e.id}`).toEqual(placeholders(e.en))
    }
  })

  it('is the only place error texts live: the app keeps no copy per code', () => {
    const codes = new Set(entries.map((e) => e.code ?? e.id))
    for (const messages of [ja, en]) {
      const own = Object.keys(messages.errors).filter((k) => codes.has(k))
      expect(own).toEqual([])
    }
  })
})

describe('errorMessage', () => {
  it("shows the server's text, which is in the person's language", () => {
    const e = new ApiError({ status: 400, code: 'too_long', detail: '200文字以内で入力してください。', field: 'title' })
    expect(errorMessage(e, t)).toBe('200文字以内で入力してください。')
    expect(fieldErrors(e, t)).toEqual({ title: '200文字以内で入力してください。' })
  })

  it('never shows a raw code, even when the answer had no text', () => {
    const e = new ApiError({ status: 502, code: 'http_502', detail: '' })
    const shown = errorMessage(e, t)
    expect(shown).not.toContain('http_502')
    expect(shown).toBe('errors.http:{"status":502}')
    expect(ja.errors.http).toContain('{status}')
    expect(en.errors.http).toContain('{status}')
  })
})
