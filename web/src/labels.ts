// Words for the codes the server speaks (audit actions, indicator kinds, delivery windows,
// scoring rules): the label from the `names` section of the language files, or the code
// itself for a code this page does not know yet (a newer server), never an empty cell.
type Translate = (key: string, named?: Record<string, unknown>) => string
type Has = (key: string) => boolean

export type LabelSection =
  | 'windows'
  | 'indicators'
  | 'auditActions'
  | 'targets'
  | 'actors'
  | 'scoreRules'
  // the SME desk's codes (お助け隊): how a ticket came in, its kind, category, status and
  // priority, the alert categories, the contract plans
  | 'deskChannels'
  | 'deskKinds'
  | 'deskCategories'
  | 'deskStatuses'
  | 'deskPriorities'
  | 'deskAlerts'

export function labelKey(section: LabelSection, code: string): string {
  return `names.${section}.${code.replace(/[^A-Za-z0-9]/g, '_')}`
}

export function codeLabel(t: Translate, te: Has, section: LabelSection, code: string): string {
  const key = labelKey(section, code)
  return te(key) ? t(key) : code
}
