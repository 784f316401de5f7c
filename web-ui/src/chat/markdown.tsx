import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';

// Agents' answers rendered with react-markdown (CommonMark + GFM; a line break inside a paragraph stays a
// break, as in chat). It builds React elements, never HTML strings. Raw HTML in an answer is shown as the
// text it is (react-markdown would drop it silently); only http(s), mailto and same-site links become links.

export function safeHref(url: string): string | null {
  const u = url.trim();
  if (/^(https?:|mailto:)/i.test(u)) return u;
  if ((u.startsWith('/') && !u.startsWith('//')) || u.startsWith('#')) return u;
  return null;
}

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem']);

/** A remark plugin: every raw HTML node becomes text, a block of it a paragraph of text. */
function htmlAsText() {
  const visit = (node: MdNode) => {
    node.children?.forEach((child, i, siblings) => {
      if (child.type === 'html') {
        const text: MdNode = { type: 'text', value: child.value ?? '' };
        siblings[i] = BLOCK_PARENTS.has(node.type) ? { type: 'paragraph', children: [text] } : text;
      } else {
        visit(child);
      }
    });
  };
  return (tree: MdNode) => visit(tree);
}

function Link({ href, children }: ComponentProps<'a'>) {
  const safe = href === undefined ? null : safeHref(href);
  if (!safe) return <span>{children} ({href})</span>;
  return <a href={safe} target="_blank" rel="noopener noreferrer">{children}</a>;
}

function Code({ className, children }: ComponentProps<'code'>) {
  const lang = /language-(\S+)/.exec(className ?? '')?.[1];
  // mdast-util-to-hast ends a block's code with "\n"; the text is the block's lines only.
  const text = typeof children === 'string' ? children.replace(/\n$/, '') : children;
  return <code data-lang={lang}>{text}</code>;
}

const components: Components = {
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h3>{children}</h3>,
  h3: ({ children }) => <h4>{children}</h4>,
  h4: ({ children }) => <h4>{children}</h4>,
  h5: ({ children }) => <h4>{children}</h4>,
  h6: ({ children }) => <h4>{children}</h4>,
  a: ({ href, children }) => <Link href={href}>{children}</Link>,
  img: ({ src, alt }) => <Link href={typeof src === 'string' ? src : undefined}>{alt || 'image'}</Link>,
  pre: ({ children }) => <pre className="md-code">{children}</pre>,
  code: ({ className, children }) => <Code className={className}>{children}</Code>,
};

// react-markdown's default transform blanks unsafe URLs; Link decides instead, showing the refused ones.
const keepUrl = (url: string) => url;

export function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm, remarkBreaks, htmlAsText]} components={components} urlTransform={keepUrl}>
      {text}
    </ReactMarkdown>
  );
}
