// The signed-in person, shared by every page. Loaded once from GET /me; cleared on
// sign-out or when any request finds the session gone.
import { reactive } from 'vue'
import { api, setCsrfToken } from './api/client'
import type { Me, Role } from './api/types'

export const session = reactive<{ me: Me | null; checked: boolean }>({ me: null, checked: false })

export function hasRole(role: Role): boolean {
  return session.me?.roles.includes(role) ?? false
}

// Administrators and hub secretariat staff manage parts of the directory.
export function canAdminister(): boolean {
  return hasRole('admin') || (hasRole('hub_analyst') && (session.me?.secretariat_of_hub_ids.length ?? 0) > 0)
}

// Publishers: hub analysts, ministries and the national centre (analysis centres and
// vendors too; the server decides and answers 403 otherwise).
export function canPublish(): boolean {
  return hasRole('hub_analyst') || hasRole('ministry_officer') || hasRole('national_centre_officer')
}

function adopt(me: Me | null): void {
  session.me = me
  setCsrfToken(me?.csrf_token ?? '')
}

export async function loadSession(): Promise<Me | null> {
  try {
    adopt(await api<Me>('/me', { quietUnauthorized: true }))
  } catch {
    adopt(null)
  }
  session.checked = true
  return session.me
}

export async function signIn(email: string, password: string): Promise<Me> {
  const res = await api<{ user: Me }>('/session', {
    method: 'POST',
    body: { email, password },
    quietUnauthorized: true,
  })
  adopt(res.user)
  session.checked = true
  return res.user
}

export async function signOut(): Promise<void> {
  try {
    await api<void>('/session', { method: 'DELETE' })
  } finally {
    adopt(null)
  }
}

export function forgetSession(): void {
  adopt(null)
}
