import { describe, expect, it } from 'vitest'
import { formatJst, formatYearMonth } from './format'

describe('formatJst', () => {
  it('shows UTC instants in Tokyo time with the zone visible', () => {
    // 15:00 UTC on 31 March is 00:00 on 1 April in Tokyo.
    expect(formatJst('2026-03-31T15:00:00.000Z', 'ja')).toBe('2026/04/01 00:00 JST')
    expect(formatJst('2026-03-31T15:00:00.000Z', 'en')).toBe('1 Apr 2026 00:00 JST')
  })
  it('writes English dates so that day and month cannot be swapped', () => {
    // 1 December, not 12 January: the month is a word.
    expect(formatJst('2026-12-01T00:30:00.000Z', 'en')).toBe('1 Dec 2026 09:30 JST')
    expect(formatJst('2026-12-01T00:30:00.000Z', 'ja')).toBe('2026/12/01 09:30 JST')
  })
  it('shows a dash for missing or broken values', () => {
    expect(formatJst(null, 'ja')).toBe('—')
    expect(formatJst('not a date', 'ja')).toBe('—')
  })
})

describe('formatYearMonth', () => {
  it('renders the hub map dates per language', () => {
    expect(formatYearMonth('2007-03', 'ja')).toBe('2007年3月')
    expect(formatYearMonth('2007-03', 'en')).toBe('Mar 2007')
    expect(formatYearMonth('', 'ja')).toBe('')
  })
})
