import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown'

describe('renderMarkdown', () => {
  it('renders headings, lists and emphasis', () => {
    const html = renderMarkdown('## 概要\n- 一点目\n- **重要**')
    expect(html).toContain('<h2>概要</h2>')
    expect(html).toContain('<li>一点目</li>')
    expect(html).toContain('<strong>重要</strong>')
  })

  it('never passes raw HTML or script through', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;')
  })

  it('neutralises javascript: links and opens others safely', () => {
    // Not a link at all: left as plain text.
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href=')
    const html = renderMarkdown('[JPCERT](https://www.jpcert.or.jp/)')
    expect(html).toContain('href="https://www.jpcert.or.jp/"')
    expect(html).toContain('rel="noopener noreferrer"')
  })
})
