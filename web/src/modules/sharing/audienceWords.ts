// The audience in words for the confirmation before sending (ConfirmDialog): sectors and
// hubs by name, organisations and people by the names the caller has, the roles that
// narrow them, and whether it is also public or urgent.
import type { Role, Tlp } from '../../api/types'
import { hubName, sectorName } from '../directory/reference'

export interface AudienceInWords {
  tlp: Tlp
  sector_ids: string[]
  hub_ids: number[]
  orgNames: string[]
  roles: Role[]
  userNames: string[]
  public: boolean
  urgent: boolean
}

type T = (key: string, named?: Record<string, unknown>) => string

export function audienceWords(a: AudienceInWords, t: T, locale: string): string[] {
  const sep = t('common.listSeparator')
  const out: string[] = []
  if (a.tlp === 'RED') {
    if (a.userNames.length) out.push(t('confirm.users', { names: a.userNames.join(sep) }))
  } else {
    if (a.tlp !== 'AMBER+STRICT' && a.sector_ids.length)
      out.push(t('confirm.sectors', { names: a.sector_ids.map((id) => sectorName(id, locale)).join(sep) }))
    if (a.tlp !== 'AMBER+STRICT' && a.hub_ids.length)
      out.push(t('confirm.hubs', { names: a.hub_ids.map((id) => hubName(id, locale)).join(sep) }))
    if (a.orgNames.length) out.push(t('confirm.orgs', { names: a.orgNames.join(sep) }))
    if (a.roles.length) out.push(t('confirm.roles', { names: a.roles.map((r) => t('roles.' + r)).join(sep) }))
  }
  if (!out.length) out.push(t('confirm.noAudience'))
  if (a.tlp === 'CLEAR' && a.public) out.push(t('confirm.public'))
  if (a.urgent) out.push(t('confirm.urgent'))
  return out
}
