// An item page is not in the sidebar (data/collections.yml keeps items out of it): the entry of its
// collection's index, which its breadcrumb names (main.html), is highlighted instead, as the theme
// highlights the page being read.
(function () {
  var parent = document.querySelector(".briefing-breadcrumb [data-briefing-parent]");
  if (!parent) return;
  document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach(function (link) {
    if (link.href === parent.href) link.classList.add("md-nav__link--active");
  });
})();
