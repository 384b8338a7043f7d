// Item bodies are Markdown written by senders. Rendered with raw HTML disabled, so a
// body can never inject markup or script; links open in a new tab without a referrer,
// and only http(s) and mailto links are kept (markdown-it's default validateLink also
// refuses javascript:, vbscript:, file: and data: other than images).
import MarkdownIt from 'markdown-it'

const md = new MarkdownIt({ html: false, linkify: true, breaks: true })

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  const href = token.attrGet('href') ?? ''
  if (!/^(https?:|mailto:)/i.test(href)) token.attrSet('href', '#')
  token.attrSet('target', '_blank')
  token.attrSet('rel', 'noopener noreferrer')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

export function renderMarkdown(text: string): string {
  return md.render(text)
}
