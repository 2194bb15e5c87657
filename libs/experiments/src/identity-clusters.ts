import type { DatasetSplits } from '@dmlnet/datasets';
import { adjustedRandIndex, kMeans, majorityClusterShare, membersByDistance, purity } from '@dmlnet/metrics';
import { contactSheet, imageBlock, rounded, tableBlock, type Block } from '@dmlnet/report-core';

/** Fig. 14 (sec. 4.6.2): "the 31 subjects in the images are divided into four categories". */
export const FIG14_CLUSTERS = 4;
/** Fig. 14 shows each cluster's top 10 images. */
export const FIG14_TOP_IMAGES = 10;
/** The contact sheet's file in the run folder. */
export const FIG14_SHEET = 'plots/fig14-identity-clusters.png';

/** Fig. 14's numbers: the frontal happy test faces clustered by their FER-branch features, against the people. */
export interface IdentityClusters {
  /** Frontal (0 degree) test images labelled HA, and how many people they show. */
  images: number;
  people: number;
  /** Of them, how many the model classifies as HA. */
  classifiedHappy: number;
  /** Clusters asked for (the paper's 4, fewer where there are fewer distinct points). */
  clusters: number;
  /** Agreement of the clusters with the people: 1 identical, about 0 chance (Hubert & Arabie). */
  adjustedRandIndex: number;
  /** Each cluster counted as its largest person: 1 when every cluster holds one person. */
  purity: number;
  /** Per person, the share of their images in their most common cluster, averaged over the people. */
  personShare: number;
  /** Per cluster: its people (subject ids, by count) and its images nearest its centre first (test indices). */
  members: { subjects: string[]; images: number[] }[];
}

/** Why Fig. 14 could not be drawn on a dataset, or its clusters. */
export type IdentityClustersResult = { clusters: IdentityClusters } | { skipped: string };

/**
 * Fig. 14 (sec. 4.6.2): the test set's frontal happy faces clustered by k-means (seeded, 10 k-means++ starts) on the
 * FER-branch features `features` (one row per test image), with how the clusters relate to the people. The paper takes
 * the faces "classified as having HA"; here the images labelled HA, so the set does not depend on the model (at the
 * paper's 96.9% HA accuracy on BU-3DFE the two are nearly the same), and `classifiedHappy` says how many the model
 * classifies HA. Skipped, saying why, where the dataset has no HA class or no frontal yaw, or the faces are of one person
 * or no more than the clusters (where every number would be 0 or 1 by construction).
 */
export function identityClusters(splits: DatasetSplits, features: readonly Float32Array[], predicted: readonly number[], seed: number): IdentityClustersResult {
  const happy = splits.expressions.indexOf('HA');
  const frontal = splits.poses.indexOf(0);
  if (happy < 0 || frontal < 0) return { skipped: `${splits.name} has no ${happy < 0 ? 'HA class' : 'frontal (0°) yaw'}` };
  const chosen = Array.from({ length: splits.test.size }, (_, i) => i).filter((i) => splits.test.expression[i] === happy && splits.test.pose[i] === frontal);
  if (chosen.length < 2) return { skipped: `${splits.name}'s test split has ${chosen.length} frontal HA image(s): too few to cluster` };
  const points = chosen.map((i) => features[i]);
  const people = chosen.map((i) => splits.subjects[splits.test.identity[i]] ?? 'unknown');
  const distinct = new Set(points.map((p) => Array.from(p).join(','))).size;
  const k = Math.min(FIG14_CLUSTERS, distinct);
  // With one person, or no more images than clusters, every number below is 0 or 1 by construction.
  const persons = new Set(people).size;
  if (persons < 2 || chosen.length <= k) {
    return { skipped: `${splits.name}'s test split has ${chosen.length} frontal HA image(s) of ${persons} ${persons === 1 ? 'person' : 'people'}: too few to cluster into ${k} groups and compare with the people` };
  }
  const clustering = kMeans(points, k, { seed });
  const members = membersByDistance(clustering).map((indices) => {
    const counts = new Map<string, number>();
    for (const m of indices) counts.set(people[m], (counts.get(people[m]) ?? 0) + 1);
    return { subjects: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s), images: indices.map((m) => chosen[m]) };
  });
  return {
    clusters: {
      images: chosen.length,
      people: persons,
      classifiedHappy: chosen.filter((i) => predicted[i] === happy).length,
      clusters: k,
      adjustedRandIndex: adjustedRandIndex(clustering.clusters, people),
      purity: purity(clustering.clusters, people),
      personShare: majorityClusterShare(clustering.clusters, people).mean,
      members,
    },
  };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Fig. 14's contact sheet: a row per cluster with its top images (nearest its centre first), each captioned with its
 * person; `size` is the images' side in pixels (the model's input size), drawn at least 64 pixels wide.
 */
export function identityClustersSheet(splits: DatasetSplits, clusters: IdentityClusters, size: number): Promise<Buffer> {
  return contactSheet(
    clusters.members.map((member, c) => ({
      label: [`cluster ${c + 1}`, count(member.images.length, 'image', 'images'), count(member.subjects.length, 'person', 'people')],
      images: member.images.slice(0, FIG14_TOP_IMAGES).map((i) => ({ pixels: splits.pixels('test', i), width: size, height: size, caption: splits.subjects[splits.test.identity[i]] })),
    })),
    { title: `Fig. 14: ${splits.name}, frontal HA test faces clustered by their FER-branch features`, zoom: Math.max(1, Math.round(64 / size)) },
  );
}

/** Fig. 14 as blocks: its numbers and, when drawn, the contact sheet (already written to FIG14_SHEET); `model` names whose features. */
export function identityClustersBlocks(result: IdentityClustersResult, model: string): Block[] {
  if ('skipped' in result) {
    return [tableBlock('fig14', 'Fig. 14: identity clusters of frontal happy faces', ['clusters', 'note'], [[null, `not drawn: ${result.skipped}`]])];
  }
  const c = result.clusters;
  const notes = [
    `${model}: FER-branch features of the ${c.images} frontal test faces labelled HA (${c.classifiedHappy} of them classified HA; the paper clusters the faces ` +
      `classified HA, near the same set at its 96.9% HA accuracy), ${c.people} people, into ${c.clusters} clusters by k-means (the paper: 31 people, 4 categories). ` +
      'Adjusted Rand index against the people: 1 identical, about 0 chance. Purity: each cluster counted as its largest person. ' +
      "Person share: each person's share of images in their most common cluster, averaged (the paper: \"most facial images of the same subject are clustered into the same category\").",
  ];
  return [
    tableBlock(
      'fig14',
      'Fig. 14: identity clusters of frontal happy faces',
      ['images', 'people', 'clusters', 'adjusted Rand index', 'purity', 'person share'],
      [[c.images, c.people, c.clusters, rounded(c.adjustedRandIndex, 3), rounded(c.purity, 3), rounded(c.personShare, 3)]],
      { notes },
    ),
    imageBlock('fig14-identity-clusters', `Fig. 14: each cluster's top ${FIG14_TOP_IMAGES} images, nearest its centre first, captioned with the person`, FIG14_SHEET),
  ];
}
