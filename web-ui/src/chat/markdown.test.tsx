import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './markdown';

function html(text: string): HTMLElement {
  return render(<div data-testid="md"><Markdown text={text} /></div>).getByTestId('md');
}

describe('the markdown renderer', () => {
  it('shows HTML in a message as text: a <script> never becomes an element', () => {
    const md = html('Look: <script>alert("x")</script> and <img src=x onerror="alert(1)"> **<b>bold</b>**\n\n```html\n<script>alert(2)</script>\n```');
    expect(md.querySelector('script')).toBeNull();
    expect(md.querySelector('img')).toBeNull();
    expect(md.querySelector('b')).toBeNull();
    expect(md.textContent).toContain('<script>alert("x")</script>');
    expect(md.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(md.querySelector('strong')).toHaveTextContent('<b>bold</b>');
    expect(md.querySelector('pre code')).toHaveTextContent('<script>alert(2)</script>');
  });

  it('links only http(s), mailto and same-site addresses', () => {
    const md = html('[safe](https://example.org/a?b=1) [evil](javascript:alert(1)) [data](data:text/html,x) see http://example.com/x.');
    const links = Array.from(md.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/a?b=1', 'http://example.com/x']);
    expect(links[0]).toHaveAttribute('rel', 'noopener noreferrer');
    expect(md.textContent).toContain('evil (javascript:alert(1))');
  });

  it('renders paragraphs, emphasis, code, fences, lists and headings', () => {
    const md = html('# Title\n\nSome **bold**, *italic*, _also_ and `a < b` in snake_case_name.\nSecond line.\n\n'
      + '- one\n- two\n  1. nested\n  2. more\n\n3. three\n4. four\n\n```js\nconst x = 1;\n\nif (x) {}\n```\nafter');
    expect(md.querySelector('h3')).toHaveTextContent('Title');
    const p = md.querySelectorAll('p')[0];
    expect(p.querySelector('strong')).toHaveTextContent('bold');
    expect(Array.from(p.querySelectorAll('em')).map((e) => e.textContent)).toEqual(['italic', 'also']);
    expect(p.querySelector('code')).toHaveTextContent('a < b');
    expect(p).toHaveTextContent('snake_case_name');
    expect(p.querySelector('br')).not.toBeNull();
    const ul = md.querySelector('ul')!;
    expect(ul.children).toHaveLength(2);
    expect(ul.querySelector('ol')!.children).toHaveLength(2);
    const ol = md.querySelectorAll(':scope > ol')[0];
    expect(ol).toHaveAttribute('start', '3');
    expect(md.querySelector('pre code')!.textContent).toBe('const x = 1;\n\nif (x) {}');
    expect(md.querySelector('pre code')).toHaveAttribute('data-lang', 'js');
    expect(md.lastElementChild).toHaveTextContent('after');
  });

  it('shows an unclosed fence, as while an answer streams, as code', () => {
    const md = html('Here:\n```\nline 1\nline');
    expect(md.querySelector('pre code')!.textContent).toBe('line 1\nline');
  });

  it('shows a block of HTML as text and never renders an image, safe or not', () => {
    const md = html('<div onclick="alert(1)">\n<iframe src="https://evil.example"></iframe>\n</div>\n\n![cat](https://example.org/cat.png) ![x](javascript:alert(1))');
    expect(md.querySelector('div, iframe, img')).toBeNull();
    expect(md.textContent).toContain('<iframe src="https://evil.example"></iframe>');
    expect(Array.from(md.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['https://example.org/cat.png']);
    expect(md.textContent).toContain('x (javascript:alert(1))');
  });

  it('renders GFM tables and strikethrough', () => {
    const md = html('| a | b |\n|---|---|\n| 1 | ~~2~~ |');
    expect(md.querySelectorAll('td')).toHaveLength(2);
    expect(md.querySelector('del')).toHaveTextContent('2');
  });
});
