import { memo } from 'react';
import Markdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import classes from './message-markdown.module.css';

/*
 * Safe by construction (ADR 0013): react-markdown builds React elements from the Markdown's syntax tree and never
 * parses HTML, so HTML written in a message stays text; links to `javascript:` and the like are dropped by its URL
 * filter. Fenced code blocks that name a language are highlighted by highlight.js (its common languages).
 */
const remarkPlugins: Options['remarkPlugins'] = [remarkGfm];
const rehypePlugins: Options['rehypePlugins'] = [[rehypeHighlight, { detect: false }]];

const Heading: Components['h1'] = ({ children }) => <p className={classes.heading}>{children}</p>;

const components: Components = {
  // Links leave the app in a new tab, telling the other site nothing of where they came from.
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  // An image from anywhere would load as soon as the message shows (a tracking pixel): it is a link instead.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow">
        {alt || 'Image'}
      </a>
    ) : (
      <>{alt}</>
    ),
  // A "# Title" in a message must not become one of the page's headings.
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
};

/** A message's text as Markdown (GitHub's flavour: tables, task lists, strikethrough, bare links). */
export const MessageMarkdown = memo(function MessageMarkdown({ text }: { text: string }) {
  return (
    <div className={classes.markdown}>
      <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {text}
      </Markdown>
    </div>
  );
});
