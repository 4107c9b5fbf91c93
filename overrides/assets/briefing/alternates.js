// The head's hreflang links name this very page in each language, for search engines and other readers of
// the page. The theme's script reads every alternate link's address and fetches the sitemap.xml beside it (to
// map its own language selector, which this site does not use: the switcher links straight to the same
// page): beside a page there is none, so it would ask for two missing files on every page. Loaded before the
// theme's script, this lets the script read each language's home instead, where the sitemap is; the links
// themselves (their href attribute) stay as they are.
(function () {
  var root = document.querySelector('link[rel="alternate"][hreflang="x-default"]');
  if (!root) return;
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    var lang = link.getAttribute("hreflang");
    var home = lang === "x-default" ? root.href : new URL(lang + "/", root.href).href;
    Object.defineProperty(link, "href", { value: home, configurable: true });
  });
})();
