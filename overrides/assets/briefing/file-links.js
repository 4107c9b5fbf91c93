// Opened from file:// there is no web server to turn "folder/" into "folder/index.html",
// so point every relative link at the file itself. Over http nothing changes.
// Loaded before the theme's script: from file:// it also removes the head's alternate links (for search
// engines and feed readers), since the theme fetches a sitemap.xml beside each: from the reader's disk
// that would ask the server of an absolute address, or fail for a relative one.
(function () {
  if (location.protocol !== "file:") return;
  // (Relative ones too, and the feed's: the browser refuses those fetches from file://, and says so.)
  document.querySelectorAll('link[rel="alternate"]').forEach(function (link) { link.remove(); });
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
  // Links made after loading (search results, absolute file:///…/folder/?h=…) are fixed as they are followed.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link) return;
    var url = new URL(link.href, location.href);
    if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
      url.pathname += "index.html";
      link.href = url.href;
    }
  }, true);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fix(document); });
  } else {
    fix(document);
  }
})();
