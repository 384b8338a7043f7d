import { describe, expect, it } from 'vitest'
import ja from './ja.json'
import en from './en.json'
import { i18n, initialLocale, setLocale } from './index'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, prefix + k + '.') : [prefix + k],
  )
}

describe('i18n', () => {
  it('defaults to Japanese and remembers English once chosen', () => {
    const store = new Map<string, string>()
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) }
    expect(initialLocale(storage)).toBe('ja')
    setLocale('en', storage)
    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(initialLocale(storage)).toBe('en')
    setLocale('ja', storage)
    expect(initialLocale(storage)).toBe('ja')
  })

  it('has every message in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(ja).sort())
  })
})
