// Opened from file:// there is no web server to turn "folder/" into "folder/index.html",
// so point every relative link at the file itself. Over http nothing changes.
// Loaded before the theme's script: from file:// it also removes the head's hreflang links where they
// are absolute (a site built with its address, for search engines), since the theme fetches a
// sitemap.xml beside each and would ask that server from the reader's disk.
(function () {
  if (location.protocol !== "file:") return;
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(link.getAttribute("href"))) link.remove();
  });
  function fix(root) {
    root.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(href)) return;
      var cut = href.search(/[?#]/);
      var path = cut < 0 ? href : href.slice(0, cut);
      var rest = cut < 0 ? "" : href.slice(cut);
      if (path === "" ) return;
      if (/(^|\/)\.{1,2}$/.test(path)) path += "/";
      if (path.slice(-1) === "/") link.setAttribute("href", path + "index.html" + rest);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fix(document); });
  } else {
    fix(document);
  }
})();
