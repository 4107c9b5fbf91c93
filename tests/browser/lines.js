// Where the lines of a page break, as a reader sees them at the window's width (tests/browser/conftest.py
// runs it on every page at 1280 and 390 px; test_pages.py judges what it finds):
// - starts: Japanese lines that begin with a character the Japanese line-breaking rules (JIS X 4051)
//   forbid there: ー, a small kana, a closing bracket, a comma, full stop or other mark;
// - units: a unit the build keeps whole (.briefing-nowrap), or a date or an amount with its unit in a
//   table, heading, chart or citation, that is broken across lines although it would fit.
// The citation box is opened first: its text is measured too.
() => {
  const FORBIDDEN = /[ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ）」』】〕》〉］｝、。，．・：；！？]/g;
  const UNITS = /(?:令和|平成)(?:\d{1,2}|元)年度?(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{4}年度?(?:\d{1,2}月)?(?:\d{1,2}日)?|\d[\d,.]*(?:兆円|億円|万円|万人)|¥\d[\d,.]*\s(?:billion|million)|\b\d{1,2}\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\s\d{4}/g;
  const UNIT_PLACES = 'table, h1, h2, h3, h4, h5, h6, .briefing-chart, .briefing-cite, .briefing-footer, .briefing-breadcrumb';
  const SKIP = 'script, style, noscript, template, select, textarea, svg, .briefing-sr-only, [hidden]';
  const VERBATIM = 'code, pre, kbd, samp';  // not Japanese text set by the rules, but it holds a line's place
  const found = {starts: [], units: [], characters: 0, unitsSeen: 0};
  document.querySelectorAll('details.briefing-cite').forEach(box => { box.open = true; });

  const langOf = el => ((el.closest('[lang]') || document.documentElement).getAttribute('lang') || '').toLowerCase();
  const displays = new Map();
  const blockOf = el => {  // the nearest box that is not inline: text of one block shares its lines
    for (let e = el; e; e = e.parentElement) {
      if (!displays.has(e)) displays.set(e, getComputedStyle(e).display);
      if (!displays.get(e).startsWith('inline') && displays.get(e) !== 'contents') return e;
    }
    return document.body;
  };
  // Text kept for screen readers in a 1 px box (a table's header row on phones) has a line per character.
  const shown = block => block.getBoundingClientRect().width > 2;
  const range = document.createRange();
  const box = (node, index) => {
    range.setStart(node, index); range.setEnd(node, index + 1);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 || r.height > 0);
    return rects.length ? rects[rects.length - 1] : null;
  };
  const where = el => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ')[0] : ''));
    }
    return parts.join(' > ');
  };
  const lineCount = r => {
    const boxes = [...r.getClientRects()].filter(b => b.width > 0).sort((a, b) => a.top - b.top);
    let count = 0, bottom = -Infinity;
    for (const b of boxes) {
      if (b.top >= bottom - 1) count++;
      bottom = Math.max(bottom, b.bottom);
    }
    return count;
  };

  // Forbidden line starts: each such character is compared with the character before it in its block.
  let previous = null;  // {node, index, block}
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.data.trim() || el.closest(SKIP)) continue;
    const block = blockOf(el);
    if (!shown(block)) continue;
    if (langOf(el).startsWith('ja') && !el.closest(VERBATIM)) {
      for (const m of node.data.matchAll(FORBIDDEN)) {
        found.characters++;
        let before = m.index > 0 ? {node, index: m.index - 1} : (previous && previous.block === block ? previous : null);
        if (!before) continue;
        const here = box(node, m.index), there = box(before.node, before.index);
        if (!here || !there) continue;
        if (here.top >= there.bottom - 1 && here.left < there.left) {
          const text = node.data.slice(Math.max(0, m.index - 8), m.index) + '|' + node.data.slice(m.index, m.index + 8);
          found.starts.push(`“${text.replace(/\s+/g, ' ')}” in ${where(el)}`);
        }
      }
    }
    let last = node.data.length - 1;
    while (last > 0 && /\s/.test(node.data[last])) last--;
    previous = {node, index: last, block};
  }

  // Units kept whole by the build: broken only if wider than the line they are on.
  const fits = unit => {
    const copy = unit.cloneNode(true);
    copy.style.cssText = 'white-space: nowrap; position: absolute; visibility: hidden';
    unit.parentElement.appendChild(copy);
    const width = copy.getBoundingClientRect().width;
    copy.remove();
    const line = blockOf(unit.parentElement);
    const style = getComputedStyle(line);
    return width <= line.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  document.querySelectorAll('.briefing-nowrap').forEach(unit => {
    if (unit.closest(SKIP) || !unit.getClientRects().length || !shown(blockOf(unit))) return;
    found.unitsSeen++;
    const r = document.createRange(); r.selectNodeContents(unit);
    if (lineCount(r) > 1 && fits(unit)) found.units.push(`“${unit.textContent.trim()}” in ${where(unit)}`);
  });
  // Dates and amounts in tables, headings, charts and the citation, whether marked or not.
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(SKIP) || !el.closest(UNIT_PLACES) || !shown(blockOf(el))) continue;
    for (const m of node.data.matchAll(UNITS)) {
      found.unitsSeen++;
      const r = document.createRange();
      r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      if (lineCount(r) > 1) found.units.push(`“${m[0]}” in ${where(el)}`);
    }
  }
  return found;
}
