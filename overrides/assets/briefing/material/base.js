// The inline script of Material for MkDocs 9.8.2 in partials/javascripts/base.html,
// loaded from this file so that the Content-Security-Policy can forbid inline scripts.
// Changed only where the template wrote the scope of the stored settings (config.extra.scope or
// base_url): the <script> element gives it in data-md-scope.
// Material for MkDocs: MIT licence, Copyright (c) 2016-2025 Martin Donath. tests/real_site/test_csp.py checks that
// this is still the script of the installed Material.
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
