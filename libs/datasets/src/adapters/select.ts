import type { ManifestEntry } from './manifest-entry';
import type { ScanReport, ScannedSample } from './adapter';

/**
 * Keeps the samples of the experiment's label sets (the manifest's `expressions`, `poses` and `unknownPose`),
 * counting the others by reason: Multi-PIE's outer cameras, BU-3DFE's neutral faces.
 */
export function selectSamples(samples: readonly ScannedSample[], entry: ManifestEntry, report: ScanReport): ScannedSample[] {
  return samples.filter(({ expression, pose }) => {
    if (entry.expressions !== undefined && !entry.expressions.includes(expression)) {
      report.exclude(`expression ${expression} is not in the manifest's expressions`);
      return false;
    }
    if (pose === null ? entry.unknownPose === 'exclude' : entry.poses !== undefined && !entry.poses.includes(pose)) {
      report.exclude(pose === null ? 'pose unknown (unknownPose: exclude)' : `pose ${pose} is not in the manifest's poses`);
      return false;
    }
    return true;
  });
}
