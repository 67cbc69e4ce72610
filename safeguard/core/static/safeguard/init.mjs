// Start GOV.UK Frontend's components. A module file, not inline script, so the strict
// Content-Security-Policy (script-src 'self') holds.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
