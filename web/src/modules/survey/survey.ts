// The survey pages' pure parts: which questions are asked given the answers so far (a
// question's condition names an earlier choice question and one of its choices), the answers
// as the API takes them (only those asked, only those given), and the words of a state.
import type { SurveyAnswerInput, SurveyQuestion } from '../../api/types'

// What the answer page holds per question while one types: the choices ticked (single: at
// most one), a number as typed, a text or date, a matrix's column per row.
export interface Draft {
  choices: string[]
  number: string | number // v-model on <input type="number"> gives a number once typed
  text: string
  matrix: Record<string, string>
}

export function emptyDraft(): Draft {
  return { choices: [], number: '', text: '', matrix: {} }
}

// Whether `q` is answered in `d`.
export function answered(q: SurveyQuestion, d: Draft | undefined): boolean {
  if (!d) return false
  switch (q.type) {
    case 'single':
    case 'multiple':
      return d.choices.length > 0
    case 'number':
      return String(d.number).trim() !== ''
    case 'matrix':
      return Object.keys(d.matrix).length > 0
    default:
      return d.text.trim() !== ''
  }
}

// The questions that are asked, in order: a question whose condition's question is itself
// not asked is not asked either.
export function askedQuestions(questions: SurveyQuestion[], drafts: Record<string, Draft>): SurveyQuestion[] {
  const asked = new Set<string>()
  const out: SurveyQuestion[] = []
  for (const q of questions) {
    if (q.when) {
      const d = drafts[q.when.question]
      if (!asked.has(q.when.question) || !d || !d.choices.includes(q.when.choice)) continue
    }
    asked.add(q.id)
    out.push(q)
  }
  return out
}

// The answers to send: the asked questions that have an answer (a hidden question's answer
// stays on the page but is not sent, so the server never refuses it).
export function answersToSend(questions: SurveyQuestion[], drafts: Record<string, Draft>): SurveyAnswerInput[] {
  const out: SurveyAnswerInput[] = []
  for (const q of askedQuestions(questions, drafts)) {
    const d = drafts[q.id]
    if (!answered(q, d)) continue
    if (q.type === 'single' || q.type === 'multiple') out.push({ question: q.id, choices: [...d.choices] })
    else if (q.type === 'number') out.push({ question: q.id, number: Number(d.number) })
    else if (q.type === 'matrix') out.push({ question: q.id, matrix: { ...d.matrix } })
    else out.push({ question: q.id, text: d.text })
  }
  return out
}

// The required questions that are asked and not answered (the submit button's hint).
export function missingRequired(questions: SurveyQuestion[], drafts: Record<string, Draft>): SurveyQuestion[] {
  return askedQuestions(questions, drafts).filter((q) => q.required && !answered(q, drafts[q.id]))
}

// A share in whole per cent ("42%"); "—" for none.
export function percent(n: number, of: number): string {
  return of > 0 ? `${Math.round((100 * n) / of)}%` : '—'
}
