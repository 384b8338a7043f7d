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
}

// POST /users: the new user, with the generated password once when none was given.
export interface CreatedUser extends User {
  temporary_password?: string
}

// POST /users/{id}/password-reset (202): the user's password, sessions and API tokens
// ended; a one-time link (24 hours) is on its way to them by mail. No password comes back.
export interface PasswordResetQueued {
  mailed: boolean
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

// ---- sharing ----------------------------------------------------------------

export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED'
export const TLPS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']
export type ItemKind = 'alert' | 'advisory' | 'analysis' | 'incident_summary' | 'near_miss_summary'
export const ITEM_KINDS: ItemKind[] = ['alert', 'advisory', 'analysis', 'incident_summary', 'near_miss_summary']

export interface Audience {
  sector_ids: string[]
  hub_ids: number[]
  org_ids: number[]
  roles: Role[]
  user_ids: number[]
}

export interface ItemContent {
  title: string
  body?: string
  action_requested: string
  action_due_at: string | null
  cve_ids: string[]
  affected_products: string[]
  detection?: string
  mitigation?: string
}

export interface Item extends ItemContent {
  id: number
  kind: ItemKind
  tlp: Tlp
  withdrawn: boolean
  version: number
  author: { id: number; name: string }
  sender_org: { id: number; name_ja: string; name_en: string }
  public: boolean
  urgent: boolean
  mail_text: boolean
  published_at: string
  updated_at: string
  withdrawn_at: string | null
  withdrawn_reason: string
  delivery: { delivered_at: string; read_at: string | null; acknowledged_at: string | null } | null
}

export interface Attachment {
  id: number
  filename: string
  content_type: string
  size: number
  sha256: string
  uploaded_at: string
}

export interface ItemDetail extends Item {
  body: string
  detection: string
  mitigation: string
  audience: Audience | null
  attachments: Attachment[]
  can_manage: boolean
  is_recipient: boolean
}

export interface ItemVersion extends ItemContent {
  version: number
  edited_by: { id: number; name: string }
  edited_at: string
  note: string
}

export interface ItemCounts {
  inbox: number
  unread: number
  action_outstanding: number
}

export interface OrgDelivery {
  org_id: number
  name_ja: string
  people: number
  read: number
  acknowledged: number
  first_read_at: string | null
  first_acknowledged_at: string | null
}

export interface PersonDelivery {
  user_id: number
  name: string
  email: string
  org_id: number
  org_name_ja: string
  delivered_at: string
  read_at: string | null
  acknowledged_at: string | null
}

export interface DeliveryReport {
  people: number
  read: number
  acknowledged: number
  organisations: number
  organisations_acknowledged: number
  read_within: Record<'1h' | '4h' | '24h', number>
  acknowledged_within: Record<'1h' | '4h' | '24h', number>
  organisations_detail: OrgDelivery[]
  people_detail: PersonDelivery[]
}

// ---- reporting window ----
export type ReportClass = 'legal' | 'serious' | 'other' | 'near_miss'
export const REPORT_CLASSES: ReportClass[] = ['legal', 'serious', 'other', 'near_miss']
export type Phase = 'initial' | 'followup' | 'final'
export const PHASES: Phase[] = ['initial', 'followup', 'final']
export type CaseStatus = 'draft' | 'open' | 'triaged' | 'closed'

export interface Indicator {
  kind: string
  value: string
  note: string
}

export interface FieldDef {
  key: string
  type: 'text' | 'multiline' | 'choice' | 'datetime' | 'integer'
  choices: string[]
  choices_ja: string[]
  choices_en: string[]
  max: number
  form: string | null
  label_ja: string
  label_en: string
  help_ja: string
  help_en: string
}

export interface Regime {
  id: string
  name_ja: string
  name_en: string
  sectors: string[]
  classes: ReportClass[]
  overdue_to_hub: boolean
  deadlines: { phase: Phase; within: string; label_ja: string; label_en: string }[]
  required: Record<Phase, string[]>
}

export interface ReportCatalog {
  version: string
  classes: ReportClass[]
  phases: Phase[]
  indicator_kinds: string[]
  fields: FieldDef[]
  taxonomy: { id: string; label_ja: string; label_en: string }[]
  regimes: Regime[]
}

export interface ReportCaseSummary {
  id: number
  reporter_org_id: number
  reporter_org_name_ja: string
  reporter_org_name_en: string
  sector_id: string
  report_class: ReportClass
  regime_id: string
  title: string
  status: CaseStatus
  phase: Phase | null
  forward_ministry: boolean
  forward_national_centre: boolean
  aware_at: string | null
  next_due_phase: Phase | null
  next_due_at: string | null
  created_at: string
  updated_at: string
  submitted_at: string | null
  overdue: boolean
}

export interface ReportVersion {
  version: number
  phase: Phase | null
  draft: boolean
  catalog_version: string
  saved_by_name: string
  saved_at: string
  fields: Record<string, string>
  indicators: Indicator[]
}

export interface ReportCase extends ReportCaseSummary {
  is_reporter: boolean
  can_edit: boolean
  can_triage: boolean
  can_anonymise: boolean
  next_due: { phase: Phase; label_ja: string; label_en: string; due_at: string } | null
  versions: ReportVersion[]
  recipients: { org_id: number; kind: 'ministry' | 'national_centre' | 'hub'; org_name_ja: string; org_name_en: string; added_at: string }[]
  messages: { id: number; author_name: string; author_org_id: number; author_org_name_ja: string; body: string; created_at: string }[]
  events: { kind: string; detail: string; actor_name: string; at: string }[]
  // title is "" when the viewer may not see the summary item (e.g. AMBER+STRICT not sent to them).
  summaries: { item_id: number; tlp: string; title: string; published_at: string }[]
  attachments: Attachment[]
}

export interface Finding {
  kind: string
  source: string
  original: string
  replacement: string
}

export interface SummaryProposal {
  source: string
  segments: { text: string; finding?: number }[]
  findings: Finding[]
  disclosed: { sector: boolean; region: boolean; size: boolean }
  k: number
  k_threshold: number
  k_warning: boolean
}

// ---- self-assessment ---------------------------------------------------------

export interface CatalogSummary {
  id: string
  version: string
  name_ja: string
  name_en: string
  source: string
  function_count: number
  item_count: number
}

export interface CheckItem {
  id: string
  ja: string
  en: string
  next_ja: string
  next_en: string
}

export interface CatalogCategory {
  id: string
  name_ja: string
  name_en: string
  items: CheckItem[]
}

export interface CatalogFunction {
  id: string
  name_ja: string
  name_en: string
  categories: CatalogCategory[]
}

export interface LevelDef {
  level: number
  label_ja: string
  label_en: string
  description_ja: string
  description_en: string
}

export interface AssessmentCatalog extends Omit<CatalogSummary, 'function_count' | 'item_count'> {
  score_rule: string
  levels: LevelDef[]
  functions: CatalogFunction[]
}

export interface AssessmentSummary {
  id: number
  org_id: number
  org_name_ja: string
  org_name_en: string
  catalog_id: string
  catalog_version: string
  scope: string
  fiscal_year: number
  status: 'draft' | 'submitted'
  carried_from: number | null
  score_rule: string | null
  created_at: string
  updated_at: string
  submitted_at: string | null
}

export interface AnswerRow {
  item_id: string
  level: number | null
  not_applicable: boolean
  na_reason: string
  comment: string
  evidence: string
  updated_at?: string
}

export interface NodeScore {
  id: string
  applicable: number
  answered: number
  mean_tenths: number | null
  floor: number | null
}

export interface Scores {
  rule: string
  functions: NodeScore[]
  categories: NodeScore[]
  overall: NodeScore[]
}

export interface PlanStep {
  item_id: string
  function_id: string
  current: number
  target: number
  gain_hundredths: number
}

export interface FunctionPosition {
  function_id: string
  own_tenths: number | null
  sector_mean_tenths: number | null
  percentile: number | null
}

export interface Assessment extends AssessmentSummary {
  can_edit: boolean
  answers: AnswerRow[]
  scores: Scores
  plan: PlanStep[]
  previous: AssessmentSummary | null
  previous_scores: Scores | null
  position: FunctionPosition[]
}

export interface Penetration {
  key: string
  operators: number
  submitted: number
}

export interface SectorView {
  fiscal_year: number
  business_class: string
  size: string
  min_group: number
  total: Penetration
  by_business_class: Penetration[]
  by_size: Penetration[]
  group_size: number
  suppressed: boolean
  functions: { function_id: string; buckets: number[]; mean_tenths: number | null }[]
  items: { item_id: string; levels: number[]; not_applicable: number; mean_tenths: number | null }[]
  weakest_items: string[]
  trends: { fiscal_year: number; submitted: number; suppressed: boolean; function_means_tenths: (number | null)[] }[]
}

export interface SectorStatusRow {
  org_id: number
  name_ja: string
  name_en: string
  business_class: string
  size: string
  assessment_id: number | null
  submitted_at: string | null
}
