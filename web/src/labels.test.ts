import { describe, expect, it } from 'vitest'
import ja from './i18n/ja.json'
import en from './i18n/en.json'
import schema from './api/openapi.json'
import { labelKey } from './labels'

function has(messages: unknown, key: string): boolean {
  let at: unknown = messages
  for (const part of key.split('.')) {
    if (typeof at !== 'object' || at === null || !(part in at)) return false
    at = (at as Record<string, unknown>)[part]
  }
  return typeof at === 'string' && at !== ''
}

describe('names for codes', () => {
  it('names every indicator kind the server accepts, in both languages', () => {
    const kinds: string[] = (schema as any).components.schemas.Indicator.properties.kind.enum ?? []
    expect(kinds.length).toBeGreaterThan(0)
    for (const k of kinds) {
      expect(has(ja, labelKey('indicators', k)), k).toBe(true)
      expect(has(en, labelKey('indicators', k)), k).toBe(true)
    }
  })
  it('gives ja and en the same codes in every names section', () => {
    for (const section of ['windows', 'indicators', 'auditActions', 'targets', 'actors', 'scoreRules'] as const)
      expect(Object.keys((en as any).names[section]).sort()).toEqual(Object.keys((ja as any).names[section]).sort())
  })
  it('reads "1時間以内", not "1h 以内"', () => {
    expect((ja as any).names.windows['1h']).toBe('1時間以内')
    expect((ja as any).names.indicators.sha256).toBe('SHA-256ハッシュ')
  })
})
