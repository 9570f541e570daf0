import { type Html, html } from '../escape.js';
import { PATHS, page } from '../layout.js';

/** A page for what went wrong, in words, with the way back: never the request echoed as markup. */
export function problemPage(title: string, message: string): Html {
  return page(
    { title },
    html`<h1>${title}</h1>
<p>${message}</p>
<p><a href="${PATHS.home}">Back to the topics</a></p>`,
  );
}
