// Opened from file:// there is no web server to turn "folder/" into "folder/index.html",
// so point every relative link at the file itself. Over http nothing changes.
(function () {
  if (location.protocol !== "file:") return;
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
