// Shapes of the API's JSON (see /api/v1/openapi.json).
export type Role =
  | 'member'
  | 'hub_analyst'
  | 'ministry_officer'
  | 'national_centre_officer'
  | 'sector_body_officer'
  | 'desk_agent'
  | 'admin'

export const ROLES: Role[] = [
  'member',
  'hub_analyst',
  'ministry_officer',
  'national_centre_officer',
  'sector_body_officer',
  'desk_agent',
  'admin',
]

export interface Me {
  user_id: number
  org_id: number
  email: string
  display_name: string
  roles: Role[]
  secretariat_of_hub_ids: number[]
  auth: 'session' | 'token'
  csrf_token?: string
}

export interface Sector {
  id: string
  name_ja: string
  name_en: string
  ministry_org_id: number | null
}

export interface Hub {
  id: number
  code: string
  kind: 'ceptoar' | 'isac'
  name_ja: string
  name_en: string
  sector_ids: string[]
  secretariat: { id: number; name_ja: string; name_en: string }
  member_count: number
  emergency_contact_since: string | null
  handling_rules_since: string | null
  communication_means: string[]
  info_shared_ja: string
}

export interface Prefecture {
  code: number
  name_ja: string
  name_en: string
  region?: string
}

export interface Organisation {
  id: number
  name_ja: string
  name_en: string
  kind: string
  sector_ids: string[]
  prefecture: Prefecture | null
  size_class: string | null
  business_class: string | null
  hub_ids: number[]
  active: boolean
  created_at: string
  updated_at: string
}

export interface Contact {
  id: number
  kind: string
  name: string
  phone: string
  email: string
  hours: string
}

export interface OrganisationDetail extends Organisation {
  contacts?: Contact[]
  can_edit: boolean
  can_edit_contacts: boolean
}

export interface User {
  id: number
  org_id: number
  email: string
  display_name: string
  roles: Role[]
  active: boolean
  locale: 'ja' | 'en'
  created_at: string
  last_sign_in_at: string | null
  temporary_password?: string
}

export interface Page<T> {
  items: T[]
  next_cursor?: string | null
}

export interface AuditEntry {
  id: number
  at: string
  actor_user_id: number | null
  actor_label: string
  ip: string
  action: string
  target_type: string
  target_id: string
  detail: Record<string, unknown>
}
