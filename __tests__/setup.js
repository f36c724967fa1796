// Registers cdktf's Jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...).
const { Testing } = require('cdktf');
Testing.setupJest();
