// embed.html only: the copy buttons of the snippets, and a minimal listener for the iframe's
// height messages (what Datawrapper's, pym.js's or AMP's embed code does on a real page).
(() => {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const code = document.getElementById(button.dataset.copy);
      const status = document.getElementById(`${button.dataset.copy}-status`);
      const text = code ? code.textContent : '';
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = '已复制 / Copied';
      } catch {
        // No clipboard permission: select the snippet so Ctrl+C / long-press copies it.
        const range = document.createRange();
        range.selectNodeContents(code);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        status.textContent = '已选中，请按 Ctrl+C 复制 / Selected: press Ctrl+C';
      }
    });
  }
  addEventListener('message', (e) => {
    const h = e.data && e.data['datawrapper-height'];
    if (!h || typeof h !== 'object') return;
    for (const [key, height] of Object.entries(h)) {
      for (const frame of document.querySelectorAll('iframe')) {
        if (frame.src.includes(key) && frame.contentWindow === e.source && Number.isFinite(height)) {
          frame.style.height = `${height}px`;
        }
      }
    }
  });
})();
