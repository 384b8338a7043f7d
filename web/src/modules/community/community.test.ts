import { describe, expect, it } from 'vitest'
import ja from '../../i18n/ja.json'
import en from '../../i18n/en.json'
import { formatJst } from '../../format'
import {
  byMonth,
  eventDraftProblem,
  isoToJstLocal,
  jstLocalToIso,
  jstMonth,
  MAP_COLUMNS,
  MAP_ROWS,
  memberCounts,
  membersByKind,
  parseIds,
  postableVisibilities,
  REGIONS,
  shade,
  TILES,
  timeRange,
  type EventDraft,
  type Member,
} from './community'

// The server's regions (kPrefectures) run in JIS order: 1 Hokkaido, 2–7 Tohoku, …, 47 Okinawa.
function serverRegion(code: number): string {
  const bounds: [number, string][] = [[1, 'hokkaido'], [7, 'tohoku'], [14, 'kanto'], [23, 'chubu'], [30, 'kinki'], [35, 'chugoku'], [39, 'shikoku'], [46, 'kyushu'], [47, 'okinawa']]
  return bounds.find(([last]) => code <= last)![1]
}

describe('the tile map of Japan', () => {
  it('has one tile for each of the 47 JIS codes', () => {
    expect(TILES).toHaveLength(47)
    expect(TILES.map((t) => t.code).sort((a, b) => a - b)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1))
  })
  it('puts no two tiles on one square, and every tile inside the grid', () => {
    const squares = new Set(TILES.map((t) => `${t.col},${t.row}`))
    expect(squares.size).toBe(47)
    for (const t of TILES) {
      expect(t.col).toBeGreaterThanOrEqual(0)
      expect(t.col).toBeLessThan(MAP_COLUMNS)
      expect(t.row).toBeGreaterThanOrEqual(0)
      expect(t.row).toBeLessThan(MAP_ROWS)
    }
  })
  it('is laid out like Japan: Hokkaido top right, Okinawa bottom left, Tokyo east of Osaka, Fukuoka west of Hiroshima', () => {
    const at = (code: number) => TILES.find((t) => t.code === code)!
    const maxCol = Math.max(...TILES.map((t) => t.col))
    const maxRow = Math.max(...TILES.map((t) => t.row))
    expect(at(1)).toMatchObject({ col: maxCol, row: 0 })
    expect(at(47)).toMatchObject({ col: 0, row: maxRow })
    expect(at(13).col).toBeGreaterThan(at(27).col)
    expect(at(40).col).toBeLessThan(at(34).col)
    // Tohoku runs north to south: Aomori above Miyagi above Fukushima.
    expect(at(2).row).toBeLessThan(at(4).row)
    expect(at(4).row).toBeLessThan(at(7).row)
  })
  it('gives each prefecture the server\'s region', () => {
    for (const t of TILES) expect(t.region, `prefecture ${t.code}`).toBe(serverRegion(t.code))
    expect(new Set(TILES.map((t) => t.region))).toEqual(new Set(REGIONS))
  })
  it('names every prefecture and region in both languages', () => {
    for (const msgs of [ja, en]) {
      for (let code = 1; code <= 47; code++) {
        expect(msgs.community.pref[String(code) as keyof typeof msgs.community.pref]).toBeTruthy()
        expect(msgs.community.prefShort[String(code) as keyof typeof msgs.community.prefShort]).toBeTruthy()
      }
      for (const r of REGIONS) expect(msgs.community.regions[r]).toBeTruthy()
    }
    expect(ja.community.pref['4']).toBe('宮城県')
    expect(ja.community.prefShort['4']).toBe('宮城')
    expect(ja.community.prefShort['1']).toBe('北海道')
  })
  it('shades none, one, a few and many apart', () => {
    expect([0, 1, 2, 4, 5, 30].map(shade)).toEqual([0, 1, 2, 2, 3, 3])
    expect(shade(null)).toBe(0)
  })
})

describe('Japan time for the event form', () => {
  it('reads a datetime-local value as JST and writes the offset', () => {
    expect(jstLocalToIso('2026-12-20T14:00')).toBe('2026-12-20T14:00:00+09:00')
    expect(new Date(jstLocalToIso('2026-12-20T14:00')).toISOString()).toBe('2026-12-20T05:00:00.000Z')
    expect(jstLocalToIso('')).toBe('')
    expect(jstLocalToIso('2026-12-20')).toBe('')
  })
  it('turns an instant into its JST wall time, whatever the browser zone', () => {
    expect(isoToJstLocal('2026-12-20T05:00:00Z')).toBe('2026-12-20T14:00')
    expect(isoToJstLocal('2026-12-31T20:30:00Z')).toBe('2027-01-01T05:30')
    expect(isoToJstLocal('nonsense')).toBe('')
  })
  it('puts an event in its JST month (late on 30 November UTC is December in Japan)', () => {
    expect(jstMonth('2026-11-30T15:30:00Z')).toBe('2026-12')
    expect(jstMonth('2026-11-30T14:59:00Z')).toBe('2026-11')
  })
  it('groups events by month in time order, newest first for the past', () => {
    const e = (id: number, starts_at: string) => ({ id, starts_at })
    const events = [e(1, '2027-01-10T01:00:00Z'), e(2, '2026-12-05T01:00:00Z'), e(3, '2026-12-20T01:00:00Z')]
    expect(byMonth(events).map((g) => [g.month, g.events.map((x) => x.id)])).toEqual([['2026-12', [2, 3]], ['2027-01', [1]]])
    expect(byMonth(events, true).map((g) => [g.month, g.events.map((x) => x.id)])).toEqual([['2027-01', [1]], ['2026-12', [3, 2]]])
    expect(byMonth([])).toEqual([])
  })
  it('writes a one-day event\'s date once', () => {
    const full = (iso: string) => formatJst(iso, 'ja')
    expect(timeRange('2026-12-20T05:00:00Z', '2026-12-20T07:00:00Z', full)).toBe('2026/12/20 14:00–16:00 JST')
    expect(timeRange('2026-12-20T05:00:00Z', '2026-12-21T07:00:00Z', full)).toBe('2026/12/20 14:00 JST – 2026/12/21 16:00 JST')
    expect(timeRange('2026-12-20T05:00:00Z', '2026-12-20T07:00:00Z', (iso) => formatJst(iso, 'en'))).toBe('20 Dec 2026 14:00–16:00 JST')
  })
  it('names the first field the form can tell is wrong', () => {
    const ok: EventDraft = { title: '勉強会', body: '', place: '仙台', starts: '2027-01-10T14:00', ends: '2027-01-10T16:00', capacity: 20 }
    expect(eventDraftProblem(ok)).toBeNull()
    expect(eventDraftProblem({ ...ok, title: '  ' })?.field).toBe('title')
    expect(eventDraftProblem({ ...ok, starts: '' })?.field).toBe('starts')
    expect(eventDraftProblem({ ...ok, ends: '2027-01-10T13:00' })).toEqual({ field: 'ends', key: 'community.event.endBeforeStart' })
    expect(eventDraftProblem({ ...ok, capacity: 0 })?.field).toBe('capacity')
    expect(eventDraftProblem({ ...ok, capacity: 2.5 })?.field).toBe('capacity')
    for (const p of [eventDraftProblem({ ...ok, title: '' }), eventDraftProblem({ ...ok, capacity: null })]) {
      const [, section, key] = p!.key.split('.')
      expect((ja.community as unknown as Record<string, Record<string, string>>)[section][key]).toBeTruthy()
    }
  })
})

describe('members and posts', () => {
  const m = (org_id: number, kind: Member['kind']): Member => ({ org_id, name_ja: `組織${org_id}`, name_en: '', kind })
  it('groups members in the common format\'s order of kinds, leaving out empty kinds', () => {
    const groups = membersByKind([m(1, 'enterprise'), m(2, 'police'), m(3, 'municipality'), m(4, 'enterprise')])
    expect(groups.map((g) => [g.kind, g.members.map((x) => x.org_id)])).toEqual([['municipality', [3]], ['police', [2]], ['enterprise', [1, 4]]])
  })
  it('counts the 参加者 row from the members by kind', () => {
    const c = memberCounts({ municipality: 2, police: 1, academia: 0, vendor: 0, chamber: 1, bureau: 0, enterprise: 3 })
    expect(c.kinds).toEqual([{ kind: 'municipality', n: 2 }, { kind: 'police', n: 1 }, { kind: 'chamber', n: 1 }, { kind: 'enterprise', n: 3 }])
    expect(c.total).toBe(7)
  })
  it('lets members post public or members-only, the secretariat also secretariat-only, others nothing', () => {
    expect(postableVisibilities(true, false)).toEqual(['public', 'members'])
    expect(postableVisibilities(false, true)).toEqual(['public', 'members', 'secretariat'])
    expect(postableVisibilities(false, false)).toEqual([])
  })
  it('reads the compared communities from the address', () => {
    expect(parseIds('3,1,x,3,-2,0')).toEqual([3, 1])
    expect(parseIds(['2', '5'])).toEqual([2, 5])
    expect(parseIds(undefined)).toEqual([])
  })
})
