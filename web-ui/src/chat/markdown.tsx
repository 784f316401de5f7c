import type { ReactNode } from 'react';

// A small Markdown renderer for agents' answers that builds React elements, never HTML strings: whatever
// the text holds (tags, scripts, entities) is shown as text. It knows paragraphs, headings, **bold**,
// *italic*, `code`, fenced code blocks (an unclosed fence, as while streaming, runs to the end), lists,
// quotes, rules and links; only http(s), mailto and same-site links become links.

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^( *)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const RULE = /^ {0,3}([-*_])( *\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;

export function safeHref(url: string): string | null {
  const u = url.trim();
  if (/^(https?:|mailto:)/i.test(u)) return u;
  if ((u.startsWith('/') && !u.startsWith('//')) || u.startsWith('#')) return u;
  return null;
}

export function Markdown({ text }: { text: string }) {
  return <>{blocks(text.replace(/\r\n?/g, '\n').split('\n'), 'b')}</>;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function blocks(lines: string[], key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const k = `${key}-${i}`;
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      const code: string[] = [];
      i++;
      while (i < lines.length && !close.test(lines[i])) code.push(lines[i++]);
      i++;
      out.push(
        <pre key={k} className="md-code"><code data-lang={fence[2] || undefined}>{code.join('\n')}</code></pre>,
      );
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const content = inline(heading[2], k);
      out.push(heading[1].length <= 2 ? <h3 key={k}>{content}</h3> : <h4 key={k}>{content}</h4>);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push(<hr key={k} />);
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i].trim() && QUOTE.test(lines[i])) quoted.push(QUOTE.exec(lines[i++])![1]);
      out.push(<blockquote key={k}>{blocks(quoted, k)}</blockquote>);
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const base = item[1].length;
      const ordered = /\d/.test(item[2]);
      const items: string[][] = [];
      while (i < lines.length) {
        const l = lines[i];
        const m = ITEM.exec(l);
        if (m && m[1].length <= base + 1 && /\d/.test(m[2]) === ordered) {
          items.push([m[3]]);
          i++;
        } else if (l.trim() && (indentOf(l) > base || (!m && !FENCE.test(l) && !HEADING.test(l) && !QUOTE.test(l)))) {
          // a nested list, or a continuation line of the last item
          items[items.length - 1].push(indentOf(l) > base ? l.substring(Math.min(indentOf(l), base + 2)) : l);
          i++;
        } else if (!l.trim() && i + 1 < lines.length && ITEM.exec(lines[i + 1])?.[1].length === base) {
          i++; // a blank line between items
        } else {
          break;
        }
      }
      const children = items.map((it, n) => <li key={n}>{listItem(it, `${k}-${n}`)}</li>);
      const start = ordered ? parseInt(item[2], 10) : 1;
      out.push(ordered ? <ol key={k} start={start !== 1 ? start : undefined}>{children}</ol> : <ul key={k}>{children}</ul>);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !FENCE.test(lines[i]) && !HEADING.test(lines[i])
      && !RULE.test(lines[i]) && !QUOTE.test(lines[i]) && !(para.length && ITEM.test(lines[i]))) {
      para.push(lines[i++].trim());
    }
    if (!para.length) para.push(lines[i++].trim());
    out.push(<p key={k}>{para.flatMap((l, n) => (n ? [<br key={`br${n}`} />, ...inline(l, `${k}-${n}`)] : inline(l, `${k}-${n}`)))}</p>);
  }
  return out;
}

/** A list item: its first line inline, anything under it (a nested list, more text) as blocks. */
function listItem(lines: string[], key: string): ReactNode[] {
  const [first, ...rest] = lines;
  const head = inline(first, key);
  if (!rest.some((l) => l.trim())) return head;
  if (rest.every((l) => !ITEM.test(l) && !FENCE.test(l))) {
    return [...head, ...rest.flatMap((l, n) => [<br key={`br${n}`} />, ...inline(l.trim(), `${key}-${n}`)])];
  }
  return [...head, ...blocks(rest, key)];
}

const AUTOLINK = /^https?:\/\/[^\s<>"]*[^\s<>".,:;!?')\]]/;
const LINK = /^\[([^\]\n]+)\]\(\s*([^\s)]+)(?:\s+"[^"]*")?\s*\)/;

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(plain);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const k = `${key}.${i}`;
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!>~|{}]/.test(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let ticks = 1;
      while (text[i + ticks] === '`') ticks++;
      const marker = '`'.repeat(ticks);
      const end = text.indexOf(marker, i + ticks);
      if (end >= 0) {
        flush();
        out.push(<code key={k}>{text.substring(i + ticks, end).replace(/^ (.+) $/, '$1')}</code>);
        i = end + ticks;
        continue;
      }
      plain += marker;
      i += ticks;
      continue;
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      const marker = c + c;
      const end = text.indexOf(marker, i + 2);
      if (end > i + 2 && text[i + 2] !== ' ' && text[end - 1] !== ' ') {
        flush();
        out.push(<strong key={k}>{inline(text.substring(i + 2, end), k)}</strong>);
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] !== c && text[i + 1] !== ' ' && text[i + 1] !== undefined
      && !(c === '_' && /\w/.test(text[i - 1] ?? ''))) {
      let end = i + 1;
      for (;;) {
        end = text.indexOf(c, end);
        if (end < 0 || text[end + 1] !== c) break;
        end += 2;
      }
      if (end > i + 1 && text[end - 1] !== ' ' && !(c === '_' && /\w/.test(text[end + 1] ?? ''))) {
        flush();
        out.push(<em key={k}>{inline(text.substring(i + 1, end), k)}</em>);
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const link = LINK.exec(text.substring(i));
      if (link) {
        const href = safeHref(link[2]);
        flush();
        out.push(href
          ? <a key={k} href={href} target="_blank" rel="noopener noreferrer">{inline(link[1], k)}</a>
          : <span key={k}>{inline(link[1], k)} ({link[2]})</span>);
        i += link[0].length;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && !/\w/.test(text[i - 1] ?? '')) {
      const url = AUTOLINK.exec(text.substring(i));
      if (url) {
        flush();
        out.push(<a key={k} href={url[0]} target="_blank" rel="noopener noreferrer">{url[0]}</a>);
        i += url[0].length;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}
