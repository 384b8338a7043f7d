// Dates are shown in JST (Asia/Tokyo) with the zone visible, whatever the browser's zone.

export function formatJst(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return '—'
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: locale === 'en' ? 'short' : '2-digit',
      day: locale === 'en' ? 'numeric' : '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  )
  const time = `${parts.hour}:${parts.minute} JST`
  // English: "1 Dec 2026 09:00 JST" (a day/month order nobody misreads); Japanese: "2026/12/01 09:00 JST".
  return locale === 'en' ? `${parts.day} ${parts.month} ${parts.year} ${time}` : `${parts.year}/${parts.month}/${parts.day} ${time}`
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
