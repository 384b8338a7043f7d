import { describe, expect, it } from 'vitest'
import ja from '../../i18n/ja.json'
import en from '../../i18n/en.json'
import {
  canAsk,
  coverage,
  deadlineFromDate,
  formatScore,
  introActions,
  introPair,
  introsByOther,
  introStatus,
  matchReasons,
  nextStatuses,
  offerSectorName,
  OUTCOMES,
  parseTags,
  prefectureName,
  similarityPercent,
  SPECIALITIES,
  type Introduction,
} from './offers'

function intro(over: Partial<Introduction>): Introduction {
  return {
    id: 1, need_id: 10, seed_id: 20, need_title: 'n', seed_title: 's', need_agreed: false, seed_agreed: true,
    state: 'requested', outcome: '', need_org_name: '', need_contact: '', seed_org_name: '', seed_contact: '',
    my_side: 'seed', can_answer: false, created_at: '', updated_at: '', ...over,
  }
}

describe('tags as chips', () => {
  it('splits at commas, 、 and spaces of either width, dropping # and empties', () => {
    expect(parseTags('OT、診断, 工場　#訓練  ,,')).toEqual(['OT', '診断', '工場', '訓練'])
  })
  it('folds full-width letters and keeps one of each tag, ignoring case', () => {
    expect(parseTags('ＯＴ ot Ot')).toEqual(['OT'])
    expect(parseTags('ｏｔ,診断', ['OT'])).toEqual(['診断'])
  })
  it('cuts a tag at 40 characters', () => {
    expect(parseTags('あ'.repeat(50))[0]).toHaveLength(40)
  })
})

describe('why a match is suggested', () => {
  const base = { shared_tags: [] as string[], same_prefecture: false, same_region: false, same_sector: false, text_similarity: 0 }
  it('names shared tags, the prefecture, the sector and the text similarity in per cent', () => {
    const r = matchReasons({ ...base, shared_tags: ['OT', '診断'], same_prefecture: true, same_region: true, same_sector: true, text_similarity: 0.456 })
    expect(r).toEqual([
      { key: 'sharedTags', values: { n: 2 } },
      { key: 'samePrefecture' },
      { key: 'sameSector' },
      { key: 'textSimilarity', values: { percent: 46 } },
    ])
  })
  it('says "same region" only when the prefecture differs', () => {
    expect(matchReasons({ ...base, same_region: true }).map((x) => x.key)).toEqual(['sameRegion', 'textSimilarity'])
  })
  it('keeps the percentage within 0–100 and the score to one decimal', () => {
    expect(similarityPercent(1.2)).toBe(100)
    expect(similarityPercent(-0.1)).toBe(0)
    expect(formatScore(9.4567)).toBe('9.5')
    expect(formatScore(7)).toBe('7')
  })
  it('puts the need and the seed in their places whichever side one looks from', () => {
    expect(introPair({ id: 3, kind: 'need' }, { id: 8 })).toEqual({ need_id: 3, seed_id: 8 })
    expect(introPair({ id: 8, kind: 'seed' }, { id: 3 })).toEqual({ need_id: 3, seed_id: 8 })
  })
  it('offers an introduction only when one side is the caller\'s and both are open', () => {
    expect(canAsk({ mine: true, state: 'open' }, { mine: false, state: 'open' })).toBe(true)
    expect(canAsk({ mine: false, state: 'open' }, { mine: true, state: 'open' })).toBe(true)
    expect(canAsk({ mine: false, state: 'open' }, { mine: false, state: 'open' })).toBe(false)
    expect(canAsk({ mine: true, state: 'withdrawn' }, { mine: false, state: 'open' })).toBe(false)
  })
})

describe('introductions', () => {
  it('words the state from where the caller stands', () => {
    expect(introStatus(intro({ state: 'requested', can_answer: false }))).toBe('waiting')
    expect(introStatus(intro({ state: 'requested', can_answer: true }))).toBe('answer')
    expect(introStatus(intro({ state: 'accepted' }))).toBe('accepted')
    expect(introStatus(intro({ state: 'declined', can_answer: true }))).toBe('declined')
  })
  it('offers accept/decline only to the side that must answer, contacts and outcome only once both agreed', () => {
    expect(introActions(intro({ can_answer: true }))).toEqual({ answer: true, contacts: false, outcome: false })
    expect(introActions(intro({ can_answer: false }))).toEqual({ answer: false, contacts: false, outcome: false })
    expect(introActions(intro({ state: 'accepted' }))).toEqual({ answer: false, contacts: true, outcome: true })
    expect(introActions(intro({ state: 'declined' }))).toEqual({ answer: false, contacts: false, outcome: false })
  })
  it('finds an offer\'s introductions by the other offer', () => {
    const list = [intro({ id: 1, need_id: 10, seed_id: 20 }), intro({ id: 2, need_id: 11, seed_id: 20 }), intro({ id: 3, need_id: 10, seed_id: 21 })]
    expect([...introsByOther({ id: 20, kind: 'seed' }, list).entries()].map(([k, v]) => [k, v.id])).toEqual([[10, 1], [11, 2]])
    expect([...introsByOther({ id: 10, kind: 'need' }, list).keys()]).toEqual([20, 21])
  })
})

describe('support requests and coverage', () => {
  it('moves a request requested → accepted/declined → done, and no further', () => {
    expect(nextStatuses('requested')).toEqual(['accepted', 'declined'])
    expect(nextStatuses('accepted')).toEqual(['done'])
    expect(nextStatuses('done')).toEqual([])
    expect(nextStatuses('declined')).toEqual([])
  })
  it('takes a deadline day as its end in JST', () => {
    expect(deadlineFromDate('2027-03-31')).toBe('2027-03-31T23:59:00+09:00')
    expect(new Date(deadlineFromDate('2027-03-31')!).toISOString()).toBe('2027-03-31T14:59:00.000Z')
    expect(deadlineFromDate('')).toBeNull()
  })
  it('names prefectures by JIS code, nationwide for 0, in order', () => {
    expect(prefectureName(4, 'ja')).toBe('宮城県')
    expect(prefectureName(47, 'en')).toBe('Okinawa')
    expect(prefectureName(99, 'ja')).toBe('99')
    expect(coverage([7, 4], 'ja', '全国', '、')).toBe('宮城県、福島県')
    expect(coverage([0, 4], 'ja', '全国', '、')).toBe('全国')
  })
})

describe('sectors', () => {
  const directory = (c: string) => ({ electricity: '電力' })[c] ?? c
  const t = (k: string) => (k === 'communityMatch.sectorExtra.manufacturing' ? '製造業' : k)
  const te = (k: string) => k === 'communityMatch.sectorExtra.manufacturing'
  it('names a directory sector, an SME sector, and an unknown one by its code rather than nothing', () => {
    expect(offerSectorName('electricity', directory, t, te)).toBe('電力')
    expect(offerSectorName('manufacturing', directory, t, te)).toBe('製造業')
    expect(offerSectorName('space', directory, t, te)).toBe('space')
  })
})

describe('words', () => {
  const keys = (o: unknown, p = ''): string[] =>
    Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, p + k + '.') : [p + k]))
  it('has every speciality, outcome and state in both languages', () => {
    for (const lang of [ja, en]) {
      for (const s of SPECIALITIES) expect(lang.communityExperts.speciality[s]).toBeTruthy()
      for (const o of OUTCOMES) expect(lang.communityMatch.outcome[o]).toBeTruthy()
      for (const s of ['waiting', 'answer', 'accepted', 'declined'] as const) expect(lang.communityMatch.intros.status[s]).toBeTruthy()
    }
    expect(ja.communityExperts.speciality.ot).toBe('OT・制御システム')
    expect(ja.communityMatch.hiddenPoster).toBe('非公開（双方の合意後に表示）')
  })
  it('has the same keys in both languages', () => {
    expect(keys(ja.communityMatch).sort()).toEqual(keys(en.communityMatch).sort())
    expect(keys(ja.communityExperts).sort()).toEqual(keys(en.communityExperts).sort())
  })
})
