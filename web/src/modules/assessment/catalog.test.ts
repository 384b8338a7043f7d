import { describe, expect, it } from 'vitest'
import { answeredCount } from './catalog'

describe('answeredCount', () => {
  const items = new Map([['A-1', {}], ['A-2', {}], ['A-3', {}]])
  it('counts a level or N/A once per item, never more than the items', () => {
    const answers = {
      'A-1': { level: 2, not_applicable: false },
      // An answered item just marked N/A (its level cleared or not): one answer, not two.
      'A-2': { level: 3, not_applicable: true },
      'A-3': { level: null, not_applicable: false },
      // An answer to an item the catalogue no longer has does not count.
      'Z-9': { level: 1, not_applicable: false },
    }
    expect(answeredCount(items, answers)).toBe(2)
    answers['A-3'] = { level: null, not_applicable: true }
    expect(answeredCount(items, answers)).toBe(3)
  })
})
