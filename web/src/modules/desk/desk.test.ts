import { describe, expect, it } from 'vitest'
import ja from '../../i18n/ja.json'
import en from '../../i18n/en.json'
import schema from '../../api/openapi.json'
import { alertLineText, clockText, contractOf, eventText, orgName, SHARE_TLPS, shareBlocker, sharePrefill, medianText, smeStatusText, monthOfJst, monthSeries, monthsBefore, monthStartJst, nextMonth, nextStep, periodQuery, spanText, yen } from './desk'
import { labelKey } from '../../labels'

// The words as the page's t()/te() give them (vue-i18n's {named} placeholders).
function words(messages: unknown) {
  const find = (key: string): unknown => {
    let v: unknown = messages
    for (const part of key.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined
    return v
  }
  const t = (key: string, named: Record<string, unknown> = {}): string => {
    const v = find(key)
    if (typeof v !== 'string') throw new Error(`no words for ${key}`)
    return v.replace(/\{(\w+)\}/g, (_, k: string) => String(named[k]))
  }
  const te = (key: string) => typeof find(key) === 'string'
  return { t, te }
}
const { t, te } = words(ja)
const EN = words(en)

const due = '2026-12-01T01:00:00Z' // 10:00 JST
const at = (iso: string) => Date.parse(iso)

describe('spanText', () => {
  it('says minutes, hours and days as people say them', () => {
    expect(spanText(25, t)).toBe('25 分')
    expect(spanText(60, t)).toBe('1 時間')
    expect(spanText(65, t)).toBe('1 時間 5 分')
    expect(spanText(24 * 60 + 180, t)).toBe('1 日 3 時間')
    expect(spanText(48 * 60, t)).toBe('2 日')
  })
})

describe('clockText (the SLA clocks)', () => {
  it('counts down to the first response: 「初動まで あと 25 分」', () => {
    const c = clockText('firstResponse', due, null, at('2026-12-01T00:35:00Z'), t)
    expect(c).toEqual({ state: 'running', text: '初動まで あと 25 分' })
  })
  it('rounds the time left up: 30 seconds left is あと 1 分, never あと 0 分', () => {
    expect(clockText('firstResponse', due, null, at('2026-12-01T00:59:30Z'), t).text).toBe('初動まで あと 1 分')
  })
  it('says how late once past due: 「初動期限を 12 分超過」', () => {
    const c = clockText('firstResponse', due, null, at('2026-12-01T01:12:00Z'), t)
    expect(c).toEqual({ state: 'late', text: '初動期限を 12 分超過' })
    expect(clockText('firstResponse', due, null, at(due), t).text).toBe('初動期限を 1 分超過')
    expect(clockText('firstResponse', due, null, at('2026-12-01T03:05:00Z'), t).text).toBe('初動期限を 2 時間 5 分超過')
  })
  it('stops once answered: in time, or how late', () => {
    expect(clockText('firstResponse', due, '2026-12-01T00:50:00Z', at('2026-12-02T00:00:00Z'), t)).toEqual({ state: 'met', text: '初動 済（期限内）' })
    expect(clockText('firstResponse', due, '2026-12-01T01:08:00Z', at('2026-12-02T00:00:00Z'), t)).toEqual({ state: 'missed', text: '初動 済（8 分超過）' })
  })
  it('a closed ticket whose clock never stopped counts no more', () => {
    expect(clockText('arrival', due, null, at('2026-12-03T00:00:00Z'), t, true).state).toBe('stopped')
  })
  it('no deadline, no clock (arrival before a dispatch)', () => {
    expect(clockText('arrival', null, null, 0, t)).toEqual({ state: 'none', text: '' })
  })
  it('speaks English too', () => {
    expect(clockText('arrival', due, null, at('2026-12-01T00:35:00Z'), EN.t).text).toBe('Arrival due in 25 min')
    expect(clockText('firstResponse', due, null, at('2026-12-01T01:12:00Z'), EN.t).text).toBe('First response overdue by 12 min')
  })
})

describe('eventText (the timeline\'s event entries, "code|argument")', () => {
  it('words every code the server writes, in Japanese', () => {
    expect(eventText('status|triage', t, te)).toBe('状態を「一次切り分け」に変更')
    expect(eventText('status|resolved', t, te)).toBe('状態を「対応完了」に変更')
    expect(eventText('priority|urgent', t, te)).toBe('優先度を「緊急」に変更')
    expect(eventText('assign|山田 花子', t, te)).toBe('担当者を 山田 花子 に割り当て')
    expect(eventText('assign', t, te)).toBe('担当者の割り当てを解除')
    expect(eventText('dispatch|佐藤', t, te)).toBe('駆付けを手配（佐藤）')
    expect(eventText('left|佐藤', t, te)).toBe('佐藤 が現地へ出発')
    expect(eventText('arrived|佐藤', t, te)).toBe('佐藤 が現地に到着')
    expect(eventText('finished|佐藤', t, te)).toBe('佐藤 が現地対応を完了')
    expect(eventText('merged_into|12', t, te)).toBe('相談 #12 に統合')
    expect(eventText('merged_from|13', t, te)).toBe('相談 #13 を統合')
    expect(eventText('alert|c2', t, te)).toContain('不審な通信')
    expect(eventText('reopened', t, te)).toBe('相談者の書き込みで対応を再開')
  })
  it('keeps an argument containing a bar whole and shows an unknown code as it came', () => {
    expect(eventText('assign|A|B', t, te)).toBe('担当者を A|B に割り当て')
    expect(eventText('escalated|x', t, te)).toBe('escalated|x')
    expect(eventText('status|paused', t, te)).toBe('状態を「paused」に変更')
  })
  it('in English', () => {
    expect(eventText('status|onsite', EN.t, EN.te)).toBe('Status set to “On-site response”')
  })
  it('names every code listed in the API document, in both languages', () => {
    const s = (schema as any).components.schemas
    const lists: [string, string[]][] = [
      ['deskChannels', s.DeskTicketSummary.properties.channel.enum],
      ['deskKinds', s.DeskTicketSummary.properties.kind.enum],
      ['deskCategories', s.DeskTicketSummary.properties.category.enum],
      ['deskStatuses', s.DeskTicketSummary.properties.status.enum],
      ['deskPriorities', s.DeskTicketSummary.properties.priority.enum],
      ['deskAlerts', s.DeskAlert.properties.category.enum],
    ]
    for (const [section, codes] of lists) {
      expect(codes.length).toBeGreaterThan(0)
      for (const c of codes) {
        expect(te(labelKey(section as any, c)), `${section}.${c} ja`).toBe(true)
        expect(EN.te(labelKey(section as any, c)), `${section}.${c} en`).toBe(true)
      }
    }
  })
  it('the categories are the pilot\'s words exactly', () => {
    expect(['participation', 'installation', 'security', 'other'].map((c) => t(labelKey('deskCategories', c)))).toEqual([
      '実証参加に関する問い合わせ',
      'セキュリティ機器設置等の問い合わせ',
      'セキュリティ対応の相談',
      'その他',
    ])
    expect(['remote', 'onsite', 'device_trouble'].map((c) => t(labelKey('deskCategories', c)))).toEqual([
      '電話およびリモートによる対応',
      '訪問による対応（駆けつけ）',
      '機器設置等のトラブル対応',
    ])
  })
})

describe('nextStep and yen', () => {
  it('walks a dispatch 出発 → 到着 → 完了 in order', () => {
    expect(nextStep({ left_at: null, arrived_at: null, finished_at: null })).toBe('left')
    expect(nextStep({ left_at: due, arrived_at: null, finished_at: null })).toBe('arrived')
    expect(nextStep({ left_at: due, arrived_at: due, finished_at: null })).toBe('finished')
    expect(nextStep({ left_at: due, arrived_at: due, finished_at: due })).toBeNull()
  })
  it('writes yen', () => {
    expect(yen(1200000, 'ja')).toBe('1,200,000 円')
    expect(yen(0, 'en')).toBe('¥0')
    expect(yen(null, 'ja')).toBe('—')
  })
})

describe('the statistics period', () => {
  it('starts a month at midnight JST and moves across the year end', () => {
    expect(monthStartJst('2026-07')).toBe('2026-07-01T00:00:00+09:00')
    expect(monthStartJst('2026-13')).toBeNull()
    expect(monthStartJst('')).toBeNull()
    expect(nextMonth('2026-12')).toBe('2027-01')
    expect(nextMonth('2026-09')).toBe('2026-10')
    expect(monthsBefore('2026-03', 3)).toBe('2025-12')
    expect(monthsBefore('2026-12', 11)).toBe('2026-01')
  })
  it('takes the month in JST: 15:00 UTC on the last day is already the next month', () => {
    expect(monthOfJst(at('2026-11-30T14:59:00Z'))).toBe('2026-11')
    expect(monthOfJst(at('2026-11-30T15:00:00Z'))).toBe('2026-12')
  })
  it('asks [first month start, the month after the last) and orders a reversed pair', () => {
    expect(periodQuery('2026-01', '2026-03')).toEqual({ from: '2026-01-01T00:00:00+09:00', to: '2026-04-01T00:00:00+09:00' })
    expect(periodQuery('2026-03', '2026-01')).toEqual({ from: '2026-01-01T00:00:00+09:00', to: '2026-04-01T00:00:00+09:00' })
    expect(periodQuery('', '2026-12')).toEqual({ from: undefined, to: '2027-01-01T00:00:00+09:00' })
    expect(periodQuery('', '')).toEqual({ from: undefined, to: undefined })
  })
  it('words a median like the clocks, a dash when there is none', () => {
    expect(medianText(42, t)).toBe('42 分')
    expect(medianText(125, t)).toBe('2 時間 5 分')
    expect(medianText(null, t)).toBe('—')
    expect(medianText(0, EN.t)).toBe('0 min')
  })
  it('sums the month rows of the consortia per month for the chart, totals left out', () => {
    const row = (month: string, contacts: number, incidents: number, dispatches = 0) => ({ month, contacts, incidents, dispatches })
    const s = monthSeries([row('2026-11', 3, 1, 1), row('2026-10', 2, 0), row('', 5, 1, 1), row('2026-11', 4, 2, 1), row('', 4, 2, 1)])
    expect(s).toEqual({ months: ['2026-10', '2026-11'], contacts: [2, 7], incidents: [0, 3], dispatches: [0, 2] })
    expect(monthSeries([])).toEqual({ months: [], contacts: [], incidents: [], dispatches: [] })
  })
})

describe("the SME's own words", () => {
  it("words a ticket's status as the SME needs it, the desk's word for what it does not know", () => {
    expect(smeStatusText('triage', t, te)).toBe('確認中')
    expect(smeStatusText('insurance', t, te)).toBe('保険の手続き中')
    expect(smeStatusText('resolved', EN.t, EN.te)).toBe('Done')
    expect(smeStatusText('someday', t, te)).toBe('someday')
  })
  it('says an alert is dealt with once its ticket is closed, in either language', () => {
    const ja = '不審な通信を検知しました。対応中です。'
    expect(alertLineText(ja, 'triage', t)).toBe(ja)
    expect(alertLineText(ja, null, t)).toBe(ja)
    expect(alertLineText(ja, 'resolved', t)).toBe('不審な通信を検知しました。対応は完了しました。')
    const en = 'Suspicious communication was detected. We are looking into it.'
    expect(alertLineText(en, 'merged', EN.t)).toBe('Suspicious communication was detected. This has been dealt with.')
    expect(alertLineText('何かを検知しました。', 'resolved', t)).toBe('何かを検知しました。')
  })
})

describe('the bridges', () => {
  it('words the consent, share and report events in ja and en', () => {
    expect(eventText('consent', t, te)).toBe('相談者が、お助け隊による代理での共有・報告に同意')
    expect(eventText('shared|42|AMBER+STRICT', t, te)).toBe('取引先へ共有（TLP:AMBER+STRICT、共有情報 #42）')
    expect(eventText('reported|7', t, te)).toBe('報告書の下書きを作成（報告 #7）')
    expect(eventText('shared|42|AMBER', EN.t, EN.te)).toBe('Shared with customers (TLP:AMBER, item #42)')
    expect(eventText('reported|7', EN.t, EN.te)).toBe('Draft incident report created (report #7)')
    expect(eventText('consent', EN.t, EN.te)).toContain('consented')
  })
  it('prefills the share from the subject and the SME\'s first message, never a note nor the desk\'s reply', () => {
    const entries = [
      { kind: 'event', from_sme: false, body: 'status|triage' },
      { kind: 'note', from_sme: false, body: '内部メモ' },
      { kind: 'message', from_sme: false, body: 'お助け隊の返信' },
      { kind: 'message', from_sme: true, body: 'ルータが不審な通信を検知しました' },
      { kind: 'message', from_sme: true, body: '二通目' },
    ] as const
    expect(sharePrefill({ subject: 'ルータの検知' }, [...entries])).toEqual({ title: 'ルータの検知', body: 'ルータが不審な通信を検知しました', action_requested: '' })
    expect(sharePrefill({ subject: 'x'.repeat(250) }, []).title).toHaveLength(200)
    expect(sharePrefill({ subject: 's' }, []).body).toBe('')
  })
  it('limits the labels to GREEN, AMBER and AMBER+STRICT, each with its help words', () => {
    expect([...SHARE_TLPS]).toEqual(['GREEN', 'AMBER', 'AMBER+STRICT'])
    for (const x of SHARE_TLPS) {
      expect(te('tlpHelp.' + x)).toBe(true)
      expect(EN.te('tlpHelp.' + x)).toBe(true)
    }
  })
  it('finds the SME\'s contract and names organisations in the reader\'s language', () => {
    const cs = [{ sme_org_id: 3, id: 1 }, { sme_org_id: 5, id: 2 }]
    expect(contractOf(cs, 5)?.id).toBe(2)
    expect(contractOf(cs, 9)).toBeNull()
    expect(orgName({ name_ja: '東北発電株式会社', name_en: 'Tohoku Power' }, 'en')).toBe('Tohoku Power')
    expect(orgName({ name_ja: '東北発電株式会社', name_en: '' }, 'en')).toBe('東北発電株式会社')
    expect(orgName({ name_ja: '東北発電株式会社', name_en: 'Tohoku Power' }, 'ja')).toBe('東北発電株式会社')
  })
  it('says why a share cannot be sent yet', () => {
    const f = { operators: [1], tlp: 'AMBER', title: '件名', body: '本文' }
    expect(shareBlocker(f, { desk: true, consented: false })).toBe('consent')
    expect(shareBlocker(f, { desk: false, consented: false })).toBeNull()
    expect(shareBlocker(f, { desk: true, consented: true })).toBeNull()
    expect(shareBlocker({ ...f, operators: [] }, { desk: false, consented: false })).toBe('operators')
    expect(shareBlocker({ ...f, tlp: 'RED' }, { desk: false, consented: false })).toBe('tlp')
    expect(shareBlocker({ ...f, title: ' ' }, { desk: false, consented: false })).toBe('title')
    expect(shareBlocker({ ...f, body: '' }, { desk: false, consented: false })).toBe('body')
  })
  it('has every bridge word in both languages', () => {
    const jaKeys = Object.keys((ja as { desk: { bridge: object } }).desk.bridge).sort()
    expect(Object.keys((en as { desk: { bridge: object } }).desk.bridge).sort()).toEqual(jaKeys)
  })
})
