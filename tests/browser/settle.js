// Waits until a page has laid itself out again after the window was resized (conftest.py): two frames, then
// every transition running by then (Material slides its sidebar when the window crosses a breakpoint).
() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() =>
  Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null))).then(() => resolve(true)))))
