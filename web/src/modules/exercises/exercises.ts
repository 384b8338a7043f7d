// What the exercise pages share: the exercise clock as people read it, and who may run
// exercises (the menu's rule, the same as ExerciseService::MayRun).
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
