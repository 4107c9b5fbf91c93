// What shows that a page works (test_csp_in_browser.py): its style sheets applied, the theme's script and the
// site's ran, the citations' addresses.
() => {
  const header = document.querySelector('.md-header');
  return {
    sheets: [...document.querySelectorAll('link[rel=stylesheet]')].map(l => [l.getAttribute('href'), !!l.sheet]),
    header: header ? getComputedStyle(header).position : null,
    chooser: [...document.querySelectorAll('a.choice')].map(a => getComputedStyle(a).borderTopStyle),
    themeScript: !document.documentElement.classList.contains('no-js'),
    scope: typeof __md_scope === 'undefined' ? null : String(__md_scope),
    cite: [...document.querySelectorAll('[data-cite-url]')].map(e => [e.getAttribute('data-cite-url'), e.textContent]),
    url: location.href,
  };
}
