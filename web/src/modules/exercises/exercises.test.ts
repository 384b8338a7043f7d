import { describe, expect, it } from 'vitest'
import ja from '../../i18n/ja.json'
import { periodText } from './exercises'

// The Japanese words as the page's t() gives them.
function t(key: string): string {
  let v: unknown = ja
  for (const part of key.split('.')) v = (v as Record<string, unknown>)[part]
  if (typeof v !== 'string') throw new Error(`no words for ${key}`)
  return v
}

describe('periodText', () => {
  it('ReportHeaderShowsStartAndRunningBeforeTheEnd (not 「— —」)', () => {
    const text = periodText({ status: 'running', started_at: '2026-12-02T01:00:00Z', ended_at: null }, t, 'ja')
    expect(text).toBe('2026/12/02 10:00 JST 〜 実施中')
    expect(text).not.toContain('—')
    expect(periodText({ status: 'paused', started_at: '2026-12-02T01:00:00Z' }, t, 'ja')).toContain('一時停止中')
  })
  it('says 開始前 before the start and both ends once over', () => {
    expect(periodText({ status: 'scheduled', started_at: null, ended_at: null }, t, 'ja')).toBe('開始前')
    expect(periodText({ status: 'ended', started_at: '2026-11-12T01:00:00Z', ended_at: '2026-11-15T01:00:00Z' }, t, 'ja')).toBe(
      '2026/11/12 10:00 JST 〜 2026/11/15 10:00 JST',
    )
    expect(periodText({ status: 'halted', started_at: '2026-11-12T01:00:00Z', ended_at: '2026-11-12T02:00:00Z' }, t, 'ja')).toContain(
      '中止（NO-PLAY）',
    )
  })
})
