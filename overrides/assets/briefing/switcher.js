// The language switcher leads to the same page in the other language (a plain relative link, which
// works without scripts); this keeps the row too: on a page opened at #row, or after a row link is
// followed, the link carries the same #row.
(function () {
  function update() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").split("#")[0] + location.hash);
    });
  }
  window.addEventListener("hashchange", update);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
})();
