// What a reader sees of a page's tables and charts (tests/browser/test_legibility.py runs it).
() => {
  const vw = document.documentElement.clientWidth;
  const found = {scroll: [], outside: [], small: [], broken: [], cells: 0, chartText: 0};
  const name = el => (el.closest('table') && (el.closest('table').id || el.closest('table').querySelector('caption')?.textContent.trim().slice(0, 40))) || '';
  if (document.documentElement.scrollWidth > vw + 1) found.scroll.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + vw);
  document.querySelectorAll('article .briefing-scroll').forEach(box => {
    if (box.scrollWidth > box.clientWidth + 1) found.scroll.push(`${name(box.querySelector('table') || box)}: ${box.scrollWidth} px in a ${box.clientWidth} px box`);
  });
  // Every labelled cell is a figure or a fact of its row: it must be on screen, inside its table's box.
  document.querySelectorAll('article .briefing-table [data-label]').forEach(cell => {
    if (!cell.textContent.trim() || cell.closest('[hidden]') || cell.closest('details:not([open])')) return;
    found.cells++;
    const r = cell.getBoundingClientRect(), box = cell.closest('.briefing-scroll').getBoundingClientRect();
    if (r.left < -1 || r.right > vw + 1 || r.right > box.right + 1) {
      found.outside.push(`${name(cell)} › ${cell.dataset.label}: “${cell.textContent.trim().slice(0, 30)}” at ${Math.round(r.left)}–${Math.round(r.right)} px`);
    }
  });
  document.querySelectorAll('article .briefing-chart').forEach(chart => {
    chart.querySelectorAll('.briefing-chart-label, .briefing-chart-value, .briefing-chart-legend li').forEach(el => {
      found.chartText++;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 12) found.small.push(`${el.textContent.trim().slice(0, 30)}: ${size} px`);
    });
  });
  // Line boxes of a stretch of text: boxes that do not overlap vertically are on different lines
  // (a superscript's box is higher, but overlaps its line).
  const lineCount = range => {
    const boxes = [...range.getClientRects()].filter(r => r.width > 0).sort((a, b) => a.top - b.top);
    let count = 0, bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 1) count++;
      bottom = Math.max(bottom, box.bottom);
    }
    return count;
  };
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start); range.setEnd(node, end);
    return lineCount(range);
  };
  const japanese = document.documentElement.lang === 'ja';
  const units = japanese
    ? /\d{4}年\d{1,2}月～?|\d[\d,.]*億円|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf][\u30a0-\u30ff\u3400-\u9fff・]+/g
    : /[A-Za-z]{2,}/g;
  const walker = document.createTreeWalker(document.querySelector('article') || document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('.briefing-table, .briefing-chart') || node.parentElement.closest('[hidden], .briefing-sr-only, thead, code')) continue;
    for (const m of node.data.matchAll(units)) {
      if (lines(node, m.index, m.index + m[0].length) > 1) found.broken.push(`“${m[0]}” in ${name(node.parentElement)}`);
    }
  }
  // What the build keeps on one line (names of ministries and ministers, dates, amounts, circled
  // labels: see phrases.py) is never broken.
  if (japanese) document.querySelectorAll('article .briefing-nowrap').forEach(unit => {
    const range = document.createRange(); range.selectNodeContents(unit);
    if (lineCount(range) < 2) return;
    // Broken: fine only for a unit wider than its cell, which must break somewhere.
    const whole = unit.cloneNode(true);
    whole.style.cssText = 'white-space: nowrap; position: absolute; visibility: hidden';
    unit.parentElement.appendChild(whole);
    const width = whole.getBoundingClientRect().width;
    whole.remove();
    const cell = unit.closest('td, th, p, li');
    if (width <= cell.clientWidth - parseFloat(getComputedStyle(cell).paddingLeft) - parseFloat(getComputedStyle(cell).paddingRight)) found.broken.push(`“${unit.textContent.trim()}” in ${name(unit)}`);
  });
  return found;
}
