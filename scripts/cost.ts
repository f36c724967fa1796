// `npm run cost -- --env dev`: itemized monthly cost of the synthesized stack (see docs/cost.md).
import { runCostCli } from '../src/cost/cli';

// CDK for Terraform must not phone home, and a TF_CLI_CONFIG_FILE naming a missing file breaks it.
process.env.CHECKPOINT_DISABLE = '1';
if (process.env.TF_CLI_CONFIG_FILE && !require('fs').existsSync(process.env.TF_CLI_CONFIG_FILE)) {
  delete process.env.TF_CLI_CONFIG_FILE;
}
process.exitCode = runCostCli(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
