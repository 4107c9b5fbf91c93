// The inline script of Material for MkDocs 9.8.2 in partials/javascripts/content.html (the script written on every page),
// loaded from this file so that the Content-Security-Policy can forbid inline scripts.
// Unchanged.
// Material for MkDocs: MIT licence, Copyright (c) 2016-2025 Martin Donath. tests/real_site/test_csp.py checks that
// this is still the script of the installed Material.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
