// Copies the repository's (and the job environment's) DASHBOARD_* variables into $GITHUB_ENV, so the
// stack configuration (docs/CONVENTIONS.md) sees them. Unset variables stay unset: passing them as
// empty strings would clear a default. DASHBOARD_IMAGE_TAG and DASHBOARD_ENVIRONMENTS belong to the
// workflow, not to the repository settings.
// Usage: VARS_JSON='${{ toJSON(vars) }}' node .github/scripts/export-dashboard-vars.js
'use strict';
const fs = require('fs');

const reserved = new Set(['DASHBOARD_IMAGE_TAG', 'DASHBOARD_ENVIRONMENTS']);
const vars = JSON.parse(process.env.VARS_JSON || '{}');
const lines = [];
for (const [name, value] of Object.entries(vars)) {
  if (!name.startsWith('DASHBOARD_') || reserved.has(name)) continue;
  if (/[\r\n]/.test(value)) {
    console.error(`Repository variable ${name} spans several lines; allowed: one line.`);
    process.exit(1);
  }
  lines.push(`${name}=${value}\n`);
}
fs.appendFileSync(process.env.GITHUB_ENV, lines.join(''));
console.log(`Exported ${lines.length} DASHBOARD_* variable(s): ${lines.map((l) => l.split('=')[0]).join(', ') || 'none'}`);
