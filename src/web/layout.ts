import { type Html, html, type Part } from './escape.js';

/** Where each page lives: one place, so links and routes agree. */
export const PATHS = {
  home: '/',
  search: '/search',
  ask: '/ask',
  check: '/check',
  download: '/download',
  api: '/api/topics',
  script: '/assets/app.js',
  style: '/assets/style.css',
  icon: '/assets/icon.svg',
  topic: (id: string) => `/topic/${encodeURIComponent(id)}`,
  source: (id: string) => `/source/${encodeURIComponent(id)}`,
} as const;

export interface PageOptions {
  readonly title: string;
  /** Extra tags for <head>: citation metadata, alternate links. */
  readonly head?: Part;
  /** Which item of the navigation is this page. */
  readonly current?: 'home' | 'ask' | 'check';
}

/**
 * The shell of every page: one stylesheet and one deferred script from the page's own files (the
 * CSP allows nothing inline), a skip link, the navigation, and the content in <main>.
 */
export function page(options: PageOptions, content: Part): Html {
  const nav = (key: 'home' | 'ask' | 'check', href: string, label: string) =>
    html`<a href="${href}"${options.current === key ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · policybot</title>
<link rel="stylesheet" href="${PATHS.style}">
<link rel="icon" href="${PATHS.icon}" type="image/svg+xml">
<script src="${PATHS.script}" defer></script>
${options.head}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="${PATHS.home}">policybot <span>citations on transnational crime</span></a>
<nav aria-label="Main">${nav('home', PATHS.home, 'Topics and search')} ${nav('ask', PATHS.ask, 'Ask a question')} ${nav('check', PATHS.check, 'Check quotes')}</nav>
</header>
<main id="main">
${content}
</main>
<footer class="site">
<p>Quotes are verbatim from the U.S. intelligence community's 2024 Annual Threat Assessment, as 1787's “Transnational Crime” page relays it, and from 1787's ten policy solutions. Every reference names its source.</p>
</footer>
</body>
</html>
`;
}

/** The words for a topic group, as lists head them. */
export const GROUP_NAMES: Readonly<Record<string, string>> = {
  threat: 'Threats (2024 Annual Threat Assessment)',
  solution: "1787's policy solutions",
  source: 'The sources',
  related: 'Related questions',
};
