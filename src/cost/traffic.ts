/**
 * Traffic profiles for the ALB capacity-unit and data-transfer estimate. Values are month
 * averages (an ALB is billed per hour on the highest LCU dimension of that hour, and a steady
 * average is what a monthly estimate can state honestly).
 */
export interface TrafficProfile {
  /** Profile name as the CLI accepts it. */
  readonly name: TrafficProfileName;
  /** Why these numbers. */
  readonly reasoning: string;
  /** HTTP requests per second reaching the ALB (page loads, static assets, websocket upgrades). */
  readonly requestsPerSecond: number;
  /** New TCP/TLS connections per second. */
  readonly newConnectionsPerSecond: number;
  /** Concurrently open connections (Streamlit holds one websocket per browser session). */
  readonly activeConnections: number;
  /** Bytes processed by the ALB, both directions, in GB per hour. */
  readonly processedGbPerHour: number;
  /** Application log volume written by all tasks together, GB per month. */
  readonly applicationLogGbPerMonth: number;
}

/** The profile names. */
export const TRAFFIC_PROFILE_NAMES = ['low', 'mid', 'high'] as const;
export type TrafficProfileName = (typeof TRAFFIC_PROFILE_NAMES)[number];

/** Share of the ALB's processed bytes that leaves AWS towards browsers (responses dominate). */
export const OUTBOUND_SHARE_OF_PROCESSED_BYTES = 0.9;

/** The three profiles. `low` is the one the cost targets are stated for. */
export const TRAFFIC_PROFILES: Readonly<Record<TrafficProfileName, TrafficProfile>> = {
  low: {
    name: 'low',
    reasoning:
      'a normal month of an organizer dashboard: a handful of organizers open it during the working day (about 5 sessions open on average); a session loads about 2 MB of Streamlit assets once and then streams small deltas',
    requestsPerSecond: 0.2,
    newConnectionsPerSecond: 0.05,
    activeConnections: 5,
    processedGbPerHour: 0.02,
    applicationLogGbPerMonth: 0.5,
  },
  mid: {
    name: 'mid',
    reasoning:
      "judging season: the design's 100 concurrent users for 8 hours on each of 22 working days (100 x 8 x 22 / 730 = about 24 sessions on average), each rerun pushing tables and Plotly figures",
    requestsPerSecond: 2,
    newConnectionsPerSecond: 0.5,
    activeConnections: 25,
    processedGbPerHour: 0.15,
    applicationLogGbPerMonth: 2,
  },
  high: {
    name: 'high',
    reasoning:
      "the design's capacity target held all month: 100 concurrent sessions around the clock, each pulling about 1.7 KB/s on average (reruns with figures), plus fresh page loads",
    requestsPerSecond: 10,
    newConnectionsPerSecond: 2,
    activeConnections: 100,
    processedGbPerHour: 0.6,
    applicationLogGbPerMonth: 8,
  },
};
