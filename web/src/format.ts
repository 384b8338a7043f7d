// Dates are shown in JST (Asia/Tokyo) with the zone visible, whatever the browser's zone.

export function formatJst(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return '—'
  const text = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d)
  return text + ' JST'
}

// "2007-03" → "2007年3月" / "Mar 2007".
export function formatYearMonth(ym: string | null | undefined, locale: string): string {
  if (!ym) return ''
  const m = /^(\d{4})-(\d{2})$/.exec(ym)
  if (!m) return ym
  const year = Number(m[1])
  const month = Number(m[2])
  if (locale === 'en') {
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    return `${names[month - 1]} ${year}`
  }
  return `${year}年${month}月`
}
