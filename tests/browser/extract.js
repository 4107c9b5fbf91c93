// What a page looks like from inside: language, headings, links, ids, switcher, and text whose script does
// not match the language it is marked with (WCAG 3.1.2). Run on every page by conftest.py.
() => {
  const japanese = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
  const englishWord = /\b[A-Za-z][a-z]+\b/;   // "for", "English"; not acronyms such as ARIM or DxMT
  const langOf = el => ((el.closest('[lang]') || document.documentElement).getAttribute('lang') || '').toLowerCase();
  const where = el => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (e.classList.length ? '.' + [...e.classList].slice(0, 2).join('.') : ''));
    }
    return parts.join(' > ');
  };
  const mismatches = [];
  const identifier = /^\S*[\/._@:]\S*$/;     // data/budget.yml, fields/materials/: names, not language
  const japaneseContext = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;  // with 「」（）、。
  const blocks = 'p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6, caption, figcaption, summary, ' +
    'blockquote, label, button, a, title, [lang]';
  // A finding is "whole" when the passage around it (its block, or the element carrying its lang)
  // is wholly in the other language; otherwise a word of it sits in a sentence of the marked language.
  // "chrome": outside the page content (header, navigation, footer), i.e. written by the templates.
  const judge = (text, el, source, passage) => {
    const lang = langOf(el);
    if (identifier.test(text)) return;
    let script = null, whole = false;
    if (lang.startsWith('en') && japanese.test(text)) {
      script = 'ja'; whole = !englishWord.test(passage);
    } else if (lang.startsWith('ja') && !japaneseContext.test(text) && englishWord.test(text)) {
      script = 'en'; whole = !japaneseContext.test(passage);
    }
    if (script) mismatches.push({text: text.slice(0, 80), source, where: where(el), marked: lang, script, whole,
                                 chrome: !el.closest('.md-content')});
  };
  const skip = 'script, style, noscript, template, code, pre, kbd, samp';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const el = walker.currentNode.parentElement;
    if (!text || !el || el.closest(skip)) continue;
    judge(text, el, 'text', (el.closest(blocks) || el).textContent);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [alt], [placeholder]')) {
    if (el.closest(skip)) continue;
    for (const name of ['title', 'aria-label', 'alt', 'placeholder']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) judge(value, el, '@' + name, value);
    }
  }
  judge(document.title, document.documentElement, 'title', document.title);
  return {
    lang: document.documentElement.getAttribute('lang') || '',
    title: document.title.trim(),
    h1: [...document.querySelectorAll('h1')].map(h => {
      const copy = h.cloneNode(true);
      copy.querySelectorAll('.headerlink').forEach(a => a.remove());  // the ¶ permalink
      return copy.textContent.trim();
    }),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id)
      .concat([...document.querySelectorAll('a[name]')].map(a => a.name)),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    // (the attribute: the theme's script is shown each language's home, see alternates.js)
    alternates: [...document.querySelectorAll('link[rel=alternate][hreflang]')]
      .map(l => new URL(l.getAttribute('href'), location.href).href),
    switcher: Object.fromEntries([...document.querySelectorAll('a.md-select__link[hreflang], a.choice[hreflang]')]
      .map(a => [a.getAttribute('hreflang'), {href: a.href, lang: a.getAttribute('lang') || ''}])),
    mismatches,
  };
}
