// A page at an address that has moved (data/redirects.yml) goes on to the new address, keeping the row
// (#…) of the old link; from file:// a folder address needs its index.html. The page's
// <meta http-equiv="refresh"> does the same without scripts, but loses the row.
// A file, not an inline script, so that the Content-Security-Policy can forbid inline scripts.
(function () {
  var target = document.currentScript.getAttribute("data-target");
  location.replace(target + (location.protocol === "file:" ? "index.html" : "") + location.hash);
})();
