import { buildApp } from './src/app';
import { ConfigError } from './src/config';

// Builds every stack from configuration (environment variables, see docs/infrastructure.md) and
// synthesizes it. Invalid configuration is one sentence per problem on stderr and exit code 1.
try {
  const { app, warnings } = buildApp();
  for (const warning of warnings) {
    process.stderr.write(`WARNING: ${warning}\n`);
  }
  app.synth();
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) {
      process.stderr.write(`Configuration error: ${problem}\n`);
    }
    process.exit(1);
  }
  throw error;
}
