export { PROBE_LAMBDA_FACTORS, formatProbeTable, probeLinearReadout } from './linear-probe';
export type { ProbeReport, ProbeTask } from './linear-probe';
