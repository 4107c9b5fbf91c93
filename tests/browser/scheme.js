// The colour scheme the page shows: slate when dark (Material's palette).
() => document.body.getAttribute('data-md-color-scheme')
