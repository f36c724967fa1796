/** A saved CloudWatch Logs Insights query over the container log group. */
export interface LogsInsightsQuery {
  /** Construct id suffix (a Terraform address part: keep stable). */
  readonly id: string;
  /** Name shown in the console, under the environment's folder. */
  readonly title: string;
  readonly queryString: string;
}

/**
 * The design's three Logs Insights queries, made to match what the containers really log.
 *
 * - find-errors is the design's query as written.
 * - The design's response-time query reads a `response_time` field that Streamlit never logs. The
 *   dashboard's API client logs one line per backend call with `response_time_ms=<n>`; the query
 *   parses that, so it reports the latency the dashboard sees from the VibeJudge API.
 * - The design's health-check query filters on `/_stcore/health`, which Streamlit does not log (its
 *   web server has no access log), so it would always be empty. Health is watched by the
 *   HealthyHostCount / UnHealthyHostCount alarms; the saved query instead counts Streamlit starts and
 *   stops per task, which is what a flapping health check shows up as in the logs.
 */
export const LOGS_INSIGHTS_QUERIES: readonly LogsInsightsQuery[] = [
  {
    id: 'find_errors',
    title: 'find-errors',
    queryString: [
      'fields @timestamp, @message',
      '| filter @message like /ERROR|Exception|Failed/',
      '| sort @timestamp desc',
      '| limit 100',
    ].join('\n'),
  },
  {
    id: 'api_response_times',
    title: 'api-response-times',
    queryString: [
      'fields @timestamp, @message',
      '| filter @message like /response_time_ms=/',
      '| parse @message /response_time_ms=(?<response_time_ms>\\d+)/',
      '| stats avg(response_time_ms) as avg_response_ms, max(response_time_ms) as max_response_ms, pct(response_time_ms, 95) as p95_response_ms by bin(5m)',
    ].join('\n'),
  },
  {
    id: 'task_starts_and_stops',
    title: 'task-starts-and-stops',
    queryString: [
      'fields @timestamp, @logStream, @message',
      '| filter @message like /You can now view your Streamlit app|Stopping/',
      '| stats count() as events by bin(5m), @logStream',
    ].join('\n'),
  },
];
