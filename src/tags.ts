import { EnvironmentConfig } from './config';

/** The default tags every AWS resource of an environment carries (requirement 10.5). */
export function defaultTags(environment: string, costCenter: string, component = 'dashboard'): Record<string, string> {
  return {
    project: 'vibejudge',
    component,
    environment,
    'managed-by': 'cdktf',
    'cost-center': costCenter,
  };
}

/** Default tags of one environment's stack. */
export function environmentTags(config: EnvironmentConfig): Record<string, string> {
  return defaultTags(config.environment, config.costCenter);
}
