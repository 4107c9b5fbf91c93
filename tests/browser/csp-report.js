// Runs in every document before its own scripts (test_csp_in_browser.py): each violation of the
// Content-Security-Policy is reported to the test straight away, so that a page that is left cannot lose it.
document.addEventListener('securitypolicyviolation', e => window.__cspViolation({
  directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
  sample: e.sample, disposition: e.disposition}), true);
