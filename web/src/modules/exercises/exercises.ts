// What the exercise pages share: the exercise clock as people read it, and who may run
// exercises (the menu's rule, the same as ExerciseService::MayRun).
import { formatJst } from '../../format'
import { hasRole } from '../../session'

export function mayRunExercises(): boolean {
  return hasRole('national_centre_officer') || hasRole('hub_analyst') || hasRole('ministry_officer')
}

// Exercise-clock milliseconds as 「2:05」 (hours:minutes).
export function clockText(ms: number): string {
  const minutes = Math.floor(ms / 60000)
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`
}

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

// The exercise's period as a report header shows it: 「開始前」 before the start; while it
// runs 「<start> 〜 実施中」 (or 一時停止中); once over 「<start> 〜 <end>」, with 中止（NO-PLAY）
// for a halted one. Never 「— —」.
export function periodText(
  e: { status: string; started_at?: string | null; ended_at?: string | null },
  t: (key: string) => string,
  locale: string,
): string {
  if (!e.started_at) return t('exercises.statuses.scheduled')
  const start = formatJst(e.started_at, locale)
  if (!e.ended_at) return `${start} 〜 ${t(`exercises.statuses.${e.status}`)}`
  const end = `${start} 〜 ${formatJst(e.ended_at, locale)}`
  return e.status === 'halted' ? `${end}（${t('exercises.statuses.halted')}）` : end
}
