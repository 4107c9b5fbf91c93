// The inline script of Material for MkDocs 9.8.2 in partials/javascripts/content.html (the script written with content.tabs.link),
// loaded from this file so that the Content-Security-Policy can forbid inline scripts.
// Unchanged.
// Material for MkDocs: MIT licence, Copyright (c) 2016-2025 Martin Donath. tests/real_site/test_csp.py checks that
// this is still the script of the installed Material.
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
