// Runs before Decap's bundle: the form starts only once quartier-cms.js has registered
// its widget, formats and preview (an inline script would need a weaker CSP).
window.CMS_MANUAL_INIT = true;
