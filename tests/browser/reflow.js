// Whether the page scrolls sideways, and what sticks out, at the window's width (conftest.py, at 320 px).
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && !el.closest('.briefing-scroll, .md-typeset__scrollwrap, pre'))
      wide.push(el.tagName.toLowerCase() + (typeof el.className === 'string' ? '.' + el.className : ''));
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide: wide.slice(0, 5)};
}
