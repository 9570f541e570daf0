import type { RESTOptions } from 'discord.js';

/**
 * How discord.js's REST client makes its requests: through Node's own fetch rather than its
 * default, undici's `request`. @slack/bolt (through @slack/socket-mode) loads undici 7, which on
 * load installs its Agent as the global dispatcher under the symbol every undici copy shares;
 * discord.js's undici 6 `request` then hands that Agent a FormData body it cannot encode, and a
 * reply with attachments fails ("action is not a function") whenever Slack runs in the same
 * process. fetch encodes the multipart body itself and gives the dispatcher a plain stream.
 */
export const REST_REQUEST: Pick<RESTOptions, 'makeRequest'> = {
  makeRequest: (url, init) => fetch(url, init as unknown as RequestInit),
};
