import { describe, expect, it } from 'vitest'
import type { SurveyQuestion } from '../../api/types'
import ja from '../../i18n/ja.json'
import en from '../../i18n/en.json'
import { answersToSend, askedQuestions, emptyDraft, missingRequired, percent, type Draft } from './survey'

function q(id: string, type: SurveyQuestion['type'], extra: Partial<SurveyQuestion> = {}): SurveyQuestion {
  return { id, type, ja: id, en: id, help_ja: '', help_en: '', required: false, choices: [], rows: [], min: null, max: null, max_chars: 2000, when: null, ...extra }
}
const questions = [
  q('adopted', 'single', { required: true, choices: [{ id: 'yes', ja: 'はい', en: 'Yes' }, { id: 'no', ja: 'いいえ', en: 'No' }] }),
  q('why', 'multiple', { required: true, when: { question: 'adopted', choice: 'no' }, choices: [{ id: 'people', ja: '人', en: 'People' }] }),
  q('detail', 'text', { when: { question: 'why', choice: 'people' } }),
  q('staff', 'number'),
]
const d = (over: Partial<Draft>): Draft => ({ ...emptyDraft(), ...over })

describe('survey conditions', () => {
  it('asks a conditional question only when its choice is picked, and its followers only then', () => {
    expect(askedQuestions(questions, {}).map((x) => x.id)).toEqual(['adopted', 'staff'])
    const no = { adopted: d({ choices: ['no'] }), why: d({ choices: ['people'] }) }
    expect(askedQuestions(questions, no).map((x) => x.id)).toEqual(['adopted', 'why', 'detail', 'staff'])
    const yes = { ...no, adopted: d({ choices: ['yes'] }) }
    expect(askedQuestions(questions, yes).map((x) => x.id)).toEqual(['adopted', 'staff'])
  })
  it('sends only the answers to questions that are asked', () => {
    const drafts = { adopted: d({ choices: ['yes'] }), why: d({ choices: ['people'] }), detail: d({ text: '人手' }), staff: d({ number: 4 }), detail2: d({}) }
    expect(answersToSend(questions, drafts)).toEqual([
      { question: 'adopted', choices: ['yes'] },
      { question: 'staff', number: 4 },
    ])
  })
  it('names the required questions still open', () => {
    expect(missingRequired(questions, {}).map((x) => x.id)).toEqual(['adopted'])
    expect(missingRequired(questions, { adopted: d({ choices: ['no'] }) }).map((x) => x.id)).toEqual(['why'])
  })
  it('writes shares in whole per cent', () => {
    expect(percent(1, 3)).toBe('33%')
    expect(percent(0, 0)).toBe('—')
  })
  it('has the same words in both languages', () => {
    const keys = (o: unknown, p = ''): string[] =>
      Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, p + k + '.') : [p + k]))
    expect(keys(ja.survey).sort()).toEqual(keys(en.survey).sort())
  })
})
