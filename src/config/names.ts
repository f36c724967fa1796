import { EnvironmentName } from './types';

/** The container name (not suffixed: it is local to the task definition). */
export const CONTAINER_NAME = 'streamlit-dashboard';
/** Streamlit's port. */
export const CONTAINER_PORT = 8501;
/** Streamlit's health endpoint. */
export const HEALTH_CHECK_PATH = '/_stcore/health';
/** The design's base name of the dashboard. */
export const BASE_NAME = 'vibejudge-dashboard';

/** Every AWS name of one environment: the design's base name plus `-<env>` (docs/CONVENTIONS.md). */
export interface ResourceNames {
  readonly stackId: string;
  readonly prefix: string;
  readonly repository: string;
  readonly cluster: string;
  readonly service: string;
  readonly taskFamily: string;
  readonly logGroup: string;
  readonly loadBalancer: string;
  readonly targetGroup: string;
  readonly cookieSecretParameter: string;
}

export function resourceNames(environment: EnvironmentName): ResourceNames {
  const prefix = `${BASE_NAME}-${environment}`;
  return {
    stackId: prefix,
    prefix,
    repository: prefix,
    cluster: `vibejudge-cluster-${environment}`,
    service: `${BASE_NAME}-service-${environment}`,
    taskFamily: prefix,
    logGroup: `/ecs/${prefix}`,
    loadBalancer: `${BASE_NAME}-alb-${environment}`,
    targetGroup: `${BASE_NAME}-tg-${environment}`,
    cookieSecretParameter: `/${BASE_NAME}/${environment}/streamlit-cookie-secret`,
  };
}

/** Stack id of the remote-state bootstrap stack. */
export const BOOTSTRAP_STACK_ID = `${BASE_NAME}-bootstrap`;
