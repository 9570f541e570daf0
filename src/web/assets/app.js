// policybot's page script: progressive enhancement only. Every page works without it (search is a
// GET form, downloads are links, references are text to select); this adds search as one types,
// copy buttons and the basket's count. It builds the DOM with textContent, never innerHTML, so no
// text from the server or the person is ever read as markup.
(() => {
  const status = document.createElement('p');
  status.className = 'vh';
  status.setAttribute('role', 'status');
  document.body.append(status);
  const announce = (text) => {
    status.textContent = '';
    setTimeout(() => {
      status.textContent = text;
    }, 50);
  };

  // Search as one types: the core's topic finder through /api/topics.
  const input = document.getElementById('q');
  const results = document.getElementById('suggestions');
  if (input && results) {
    let timer;
    let controller;
    const render = (query, topics) => {
      results.replaceChildren();
      if (query.trim() === '') return;
      if (topics.length === 0) {
        const p = document.createElement('p');
        p.textContent = `No topic matches “${query}”.`;
        results.append(p);
        return;
      }
      const heading = document.createElement('h2');
      heading.textContent = `${topics.length} topic${topics.length === 1 ? '' : 's'} found`;
      const list = document.createElement('ol');
      list.className = 'found';
      for (const topic of topics) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = topic.url;
        link.textContent = topic.title;
        item.append(link);
        list.append(item);
      }
      results.append(heading, list);
    };
    const search = async () => {
      const query = input.value;
      controller?.abort();
      controller = new AbortController();
      try {
        const res = await fetch(`/api/topics?q=${encodeURIComponent(query)}`, { signal: controller.signal });
        if (!res.ok) return;
        const body = await res.json();
        if (input.value === query) render(query, body.topics);
      } catch (error) {
        if (error.name !== 'AbortError') results.replaceChildren();
      }
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    });
    // Down arrow from the box to the first result; up and down between results.
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowDown') return;
      const first = results.querySelector('a');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    });
    results.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const links = [...results.querySelectorAll('a')];
      const at = links.indexOf(document.activeElement);
      if (at === -1) return;
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? links[at + 1] : (links[at - 1] ?? input);
      next?.focus();
    });
  }

  // Copy buttons: the plain text of each reference part, as it is on the page.
  if (navigator.clipboard) {
    for (const button of document.querySelectorAll('button.copy')) {
      button.hidden = false;
      button.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(button.dataset.copy ?? '');
          button.classList.add('done');
          announce('Copied to the clipboard');
          setTimeout(() => button.classList.remove('done'), 1500);
        } catch {
          announce('Could not copy: select the text and copy it instead');
        }
      });
    }
  }

  // The basket: how many topics are ticked, and no empty download.
  const basket = document.querySelector('form.basket');
  const count = document.getElementById('basket-count');
  if (basket && count) {
    const ticked = () => basket.querySelectorAll('input[name="topic"]:checked').length;
    const update = () => {
      const n = ticked();
      count.textContent =
        n === 0
          ? 'Tick topics above to download them together.'
          : `${n} topic${n === 1 ? '' : 's'} ticked. Download as:`;
    };
    basket.addEventListener('change', update);
    basket.addEventListener('submit', (event) => {
      if (ticked() === 0) {
        event.preventDefault();
        announce('Tick at least one topic first');
        count.textContent = 'Tick at least one topic first.';
      }
    });
    update();
  }
})();
