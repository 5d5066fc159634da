// Marks <html> as running JavaScript before the page is drawn (loaded from <head>, not deferred): styles
// that only make sense with the enhancements key on `.js`. A file rather than an inline script, for the
// Content-Security-Policy (script-src 'self').
document.documentElement.classList.replace("no-js", "js");
