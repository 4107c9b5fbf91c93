// Where the first Tab key press lands, and whether a skip link there leads into the content (conftest.py).
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: null};
  const box = el.getBoundingClientRect();
  const info = {
    tag: el.tagName.toLowerCase(), cls: el.className || '', text: el.textContent.trim(),
    href: el.getAttribute('href') || '', visible: box.width > 0 && box.height > 0 &&
      box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    inMain: !!el.closest('main, [role=main]'),
  };
  if (info.href.startsWith('#')) {
    const target = document.getElementById(decodeURIComponent(info.href.slice(1)));
    info.target = target ? target.tagName.toLowerCase() : null;
    info.targetInContent = !!(target && target.closest('main, [role=main], article'));
  }
  return info;
}
