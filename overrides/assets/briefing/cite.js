// Citations and row links: fill in this page's address and today's date, and copy on request.
// Without scripts the page still works: row links are ordinary #anchors and the citation
// shows placeholders.
(function () {
  function today(lang) {
    var d = new Date();
    if (lang === "ja") return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
    var months = "January February March April May June July August September October November December".split(" ");
    return d.getDate() + " " + months[d.getMonth()] + " " + d.getFullYear();
  }
  function status(text) {
    document.querySelectorAll(".briefing-copy-status").forEach(function (el) { el.textContent = text; });
  }
  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text, done); });
    } else {
      fallback(text, done);
    }
  }
  function fallback(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* the text stays selectable */ }
    document.body.removeChild(area);
  }
  function init() {
    var status_el = document.querySelector(".briefing-copy-status");
    var copied = (status_el && status_el.getAttribute("data-copied")) || "✓";
    // Each citation gives the page in its own language: the other one is where the switcher leads.
    document.querySelectorAll("[data-cite-url]").forEach(function (el) {
      var code = el.getAttribute("data-cite-url");
      var other = document.querySelector('a.md-select__link[hreflang="' + code + '"]');
      el.textContent = code === document.documentElement.lang || !other ? location.href : other.href.split("#")[0] + location.hash;
    });
    // Addresses shown in full, with this page's row if it was opened at one.
    document.querySelectorAll("a[data-cite-link]").forEach(function (link) {
      var full = new URL(link.getAttribute("href"), location.href);
      full.hash = location.hash;
      link.href = full.href;
      link.textContent = full.href;
    });
    document.querySelectorAll("[data-cite-date]").forEach(function (el) { el.textContent = today(el.getAttribute("data-cite-date")); });
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        copy(source.textContent.replace(/\s+/g, " ").trim(), function () { status(copied); });
      });
    });
    document.querySelectorAll("a.briefing-rowlink").forEach(function (link) {
      link.addEventListener("click", function () {
        // Follow the link (the address bar shows it) and also copy the full address.
        copy(new URL(link.getAttribute("href"), location.href).href, function () {
          link.setAttribute("data-copied", copied);
          setTimeout(function () { link.removeAttribute("data-copied"); }, 2000);
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
