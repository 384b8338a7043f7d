// Shapes of the API's JSON: names for the schemas of the OpenAPI document
// (src/api/openapi.json, generated from the server's route table and its hand-written
// schema parts src/http/<module>/<module>.openapi.json). The types themselves are
// generated from it (src/api/schema.d.ts, `npm run gen-types`, run before every build and
// test), so they cannot drift from what the server sends: the server's API tests check
// every response against the same document. To change a shape, change the schema part.
import type { components } from './schema'

type Schemas = components['schemas']
type ItemOf<T> = T extends readonly (infer E)[] ? E : never

// ---- the code lists (values pinned by the server) -----------------------------

export type Role = ItemOf<Schemas['Me']['roles']>
export type Tlp = Schemas['Item']['tlp']
export type ItemKind = Schemas['Item']['kind']
export type ReportClass = Schemas['ReportCaseSummary']['report_class']
export type Phase = ItemOf<Schemas['ReportCatalog']['phases']>
export type CaseStatus = Schemas['ReportCaseSummary']['status']

// Each list is checked against the document's enum at type-check time: a value the
// document lacks fails the build, and so does a value of the document the list lacks.
type AllOf<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : never
const list =
  <T extends string>() =>
  <const L extends readonly T[]>(values: AllOf<T, L>): T[] => [...values]

export const ROLES = list<Role>()([
  'member',
  'hub_analyst',
  'ministry_officer',
  'national_centre_officer',
  'sector_body_officer',
  'desk_agent',
  'admin',
])
export const TLPS = list<Tlp>()(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])
export const ITEM_KINDS = list<ItemKind>()(['alert', 'advisory', 'analysis', 'incident_summary', 'near_miss_summary', 'supply_chain_notice'])
// What the publish form offers: a supply-chain notice is sent from a support desk ticket only.
export const PUBLISHABLE_KINDS = ITEM_KINDS.filter((k) => k !== 'supply_chain_notice')
export const REPORT_CLASSES = list<ReportClass>()(['legal', 'serious', 'other', 'near_miss'])
export const PHASES = list<Phase>()(['initial', 'followup', 'final'])

// ---- auth and directory ---------------------------------------------------------

export type Me = Schemas['Me']
export type Sector = Schemas['Sector']
export type Hub = Schemas['Hub']
// GET /prefectures lists them with their region; an organisation's prefecture has none.
export type Prefecture = ItemOf<Schemas['PrefectureList']['items']>
export type Organisation = Schemas['Organisation']
export type Contact = Schemas['Contact']
export type OrganisationDetail = Schemas['OrganisationDetail']
export type User = Schemas['User']
// POST /users: the new user, with the generated password once when none was given.
export type CreatedUser = Schemas['NewUser']
export type UserHit = Schemas['UserHit']
export type MyClearance = Schemas['MyClearance']
export type Clearance = Schemas['Clearance']
export type Certification = Schemas['Certification']
export type ClearanceList = Schemas['ClearanceList']
export type ClearanceLevel = NonNullable<Schemas['Item']['clearance']>
export type ApiToken = Schemas['Token']
export type NewApiToken = Schemas['NewToken']
// POST /users/{id}/password-reset (202): the user's password, sessions and API tokens
// ended; a one-time link (24 hours) is on its way to them by mail. No password comes back.
export type PasswordResetQueued = Schemas['PasswordReset']

// A list answer ({items}, with next_cursor when the route pages).
export interface Page<T> {
  items: T[]
  next_cursor?: string | null
}

export type AuditEntry = Schemas['AuditEntry']
export type LockedAccount = Schemas['LockedAccount']
export type OutboxEntry = Schemas['OutboxEntry']

// ---- sharing ----------------------------------------------------------------

export type Audience = Schemas['Audience']
export type Item = Schemas['Item']
export type Attachment = Schemas['Attachment']
// The detail view writes the content fields a list leaves out (body, detection,
// mitigation); the document requires them on ItemDetail, but the generator cannot apply a
// `required` to fields that come through the $ref'd Item.
export type ItemDetail = Schemas['ItemDetail'] & Required<Pick<Schemas['ItemContentFields'], 'body' | 'detection' | 'mitigation'>>
export type ItemVersion = ItemOf<Schemas['ItemVersionList']['items']>
export type ItemCounts = Schemas['ItemCounts']
export type Home = Schemas['Home']
export type HomeTile = Schemas['HomeTile']
export type HomeLine = Schemas['HomeLine']
export type CaseTally = Schemas['CaseTally']
export type DeliveryReport = Schemas['DeliveryReport']
export type RelayReport = Schemas['RelayReport']
export type RelayInput = Schemas['RelayInput']
export type OrgDelivery = ItemOf<DeliveryReport['organisations_detail']>
export type PersonDelivery = ItemOf<DeliveryReport['people_detail']>

// ---- reporting window ----

export type Indicator = Schemas['Indicator']
export type ReportCatalog = Schemas['ReportCatalog']
export type FieldDef = ItemOf<ReportCatalog['fields']>
export type Regime = ItemOf<ReportCatalog['regimes']>
export type ReportCaseSummary = Schemas['ReportCaseSummary']
export type ReportCase = Schemas['ReportCase']
export type ReportVersion = ItemOf<ReportCase['versions']>
export type SummaryProposal = Schemas['SummaryProposal']
export type Finding = ItemOf<SummaryProposal['findings']>
export type SummaryCheck = Schemas['SummaryCheck']
export type Reach = Schemas['Reach']
export type SubmitReach = Schemas['SubmitReach']

// ---- self-assessment ---------------------------------------------------------

export type CatalogSummary = Schemas['AssessmentCatalogSummary']
export type AssessmentCatalog = Schemas['AssessmentCatalog']
export type LevelDef = Schemas['AssessmentLevel']
export type CatalogFunction = Schemas['AssessmentCatalogFunction']
export type CatalogCategory = ItemOf<CatalogFunction['categories']>
export type CheckItem = ItemOf<CatalogCategory['items']>
export type AssessmentSummary = Schemas['AssessmentSummary']
export type Assessment = Schemas['Assessment']
export type AnswerRow = Schemas['AssessmentAnswer']
export type NodeScore = Schemas['AssessmentScoreNode']
export type Scores = Schemas['AssessmentScores']
export type PlanStep = ItemOf<Assessment['plan']>
export type FunctionPosition = ItemOf<Assessment['position']>
export type Penetration = Schemas['AssessmentPenetration']
export type SectorView = Schemas['SectorAssessmentView']
export type SectorStatusRow = Schemas['SectorAssessmentStatusRow']

// ---- exercises ------------------------------------------------------------------

export type Exercise = Schemas['Exercise']
export type ExerciseSummary = Schemas['ExerciseSummary']
export type ExerciseBoard = Schemas['ExerciseStatus']
export type ExerciseLine = Schemas['ExerciseLine']
export type Scenario = Schemas['Scenario']
export type ScenarioList = Schemas['ScenarioList']
export type ItemPage = Schemas['ItemPage']

// ---- the SME support desk (お助け隊) ---------------------------------------------------

export type DeskConsortium = Schemas['DeskConsortium']
export type DeskContract = Schemas['DeskContract']
export type DeskDevice = Schemas['DeskDevice']
export type DeskTicketSummary = Schemas['DeskTicketSummary']
export type DeskTicket = Schemas['DeskTicket']
export type DeskEntry = Schemas['DeskEntry']
export type DeskDispatch = Schemas['DeskDispatch']
export type DeskAlert = Schemas['DeskAlert']
export type DeskStats = Schemas['DeskStats']
export type DeskStatsRow = Schemas['DeskStatsRow']
export type IntakeSender = Schemas['IntakeSender']
export type DeskChannel = DeskTicketSummary['channel']
export type DeskKind = DeskTicketSummary['kind']
export type DeskCategory = DeskTicketSummary['category']
export type DeskStatus = DeskTicketSummary['status']
export type DeskPriority = DeskTicketSummary['priority']
export const DESK_CHANNELS = list<DeskChannel>()(['phone', 'mail', 'web', 'alert'])
export const DESK_KINDS = list<DeskKind>()(['contact', 'incident'])
export const DESK_STATUSES = list<DeskStatus>()(['received', 'triage', 'remote', 'onsite', 'insurance', 'resolved', 'merged'])
export const DESK_PRIORITIES = list<DeskPriority>()(['low', 'normal', 'high', 'urgent'])
// The categories as the pilot counts them, per kind (the server refuses a category of the other kind).
export const DESK_CONTACT_CATEGORIES: DeskCategory[] = ['participation', 'installation', 'security', 'other']
export const DESK_INCIDENT_CATEGORIES: DeskCategory[] = ['remote', 'onsite', 'device_trouble', 'other']

// Surveys (調査, docs/survey.md).
export type Survey = Schemas['Survey']
export type SurveyQuestion = Schemas['SurveyQuestion']
export type SurveySummary = Schemas['SurveySummary']
export type SurveyResponse = Schemas['SurveyResponse']
export type SurveyAnswer = Schemas['SurveyAnswer']
export type SurveyAnswerInput = Schemas['SurveyAnswerInput']
export type SurveyProgress = Schemas['SurveyProgress']
export type SurveyResults = Schemas['SurveyResults']
export type SurveyGroup = Schemas['SurveyGroup']
export type SurveyText = Schemas['SurveyText']
