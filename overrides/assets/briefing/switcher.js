// The language switcher leads to the same page in the other language, and an older edition's banner
// to the same page in the current one (plain relative links, which work without scripts); this keeps
// the row too: on a page opened at #row, or after a row link is followed, the link carries the #row.
(function () {
  function update() {
    document.querySelectorAll("a.md-select__link[hreflang], a[data-keep-hash]").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").split("#")[0] + location.hash);
    });
  }
  window.addEventListener("hashchange", update);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
})();
