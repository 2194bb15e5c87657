import * as tf from '@tensorflow/tfjs';
import { checkEmbeddings, squaredEuclideanDistance } from './distance';
import type { PairwiseDistance } from './distance';
import { identityMasks, poseMasks } from './masks';
import type { IdentityLabels, PoseLabels, TripletLabels, TripletMasks } from './masks';
import { batchHardMining } from './mining';
import { DEFAULT_REDUCTION, reduceLosses } from './reduce';
import type { Reduction } from './reduce';

export interface TripletMarginOptions {
  /** m_pose or m_id of eqs. 4-5; the paper reports no value, so the caller must choose one. */
  margin: number;
  /** softplus(m + D+ - D-) instead of max(0, m + D+ - D-): a smooth hinge (Hermans et al.'s soft margin when m = 0). */
  soft?: boolean;
  /** Default 'mean' (see DEFAULT_REDUCTION). */
  reduction?: Reduction;
}

export interface TripletLossOptions extends TripletMarginOptions {
  /** Default squaredEuclideanDistance, the paper's eq. 1. */
  distance?: PairwiseDistance;
}

/** Which terms of eq. 6 to train with: the ablation (paper Figs. 11-13) uses each alone and both. */
export type TripletParts = 'pose' | 'identity' | 'both';

export interface JointTripletLossOptions extends Omit<TripletLossOptions, 'margin'> {
  poseMargin: number;
  identityMargin: number;
  /** Default 'both'. */
  parts?: TripletParts;
}

/** The batch-hard triplet loss of eqs. 4-5 on precomputed distances [B, B], for any positive/negative masks. */
export function batchHardTripletLoss(distances: tf.Tensor2D, masks: TripletMasks, options: TripletMarginOptions): tf.Scalar {
  if (!Number.isFinite(options.margin)) throw new Error(`the triplet margin must be a finite number, got ${options.margin}`);
  return tf.tidy(() => {
    const { positive, negative, valid } = batchHardMining(distances, masks);
    const violation = tf.add(tf.sub(positive, negative), options.margin) as tf.Tensor1D;
    // eq. 4 sums m + D+ - D- with no hinge; as in FaceNet we take max(0, .) so triplets already past the margin stop pushing.
    const perAnchor = options.soft ? tf.softplus(violation) : tf.relu(violation);
    return reduceLosses(perAnchor, valid, options.reduction ?? DEFAULT_REDUCTION);
  });
}

function distancesOf(embeddings: tf.Tensor2D, distance: PairwiseDistance | undefined, batch: number): tf.Tensor2D {
  checkEmbeddings(embeddings);
  if (embeddings.shape[0] !== batch) throw new Error(`${embeddings.shape[0]} embeddings but ${batch} labels`);
  return (distance ?? squaredEuclideanDistance)(embeddings);
}

/** One term of eq. 6 from its masks: batch-hard mining on the option's distance. */
function termLoss(embeddings: tf.Tensor2D, masksOf: () => TripletMasks, options: TripletLossOptions): tf.Scalar {
  return tf.tidy(() => {
    const masks = masksOf();
    return batchHardTripletLoss(distancesOf(embeddings, options.distance, masks.positive.shape[0]), masks, options);
  });
}

/** eq. 4: L_pose, with pose-based positives (same expression, other pose) and negatives (other expression, same pose). */
export function poseTripletLoss(embeddings: tf.Tensor2D, labels: PoseLabels, options: TripletLossOptions): tf.Scalar {
  return termLoss(embeddings, () => poseMasks(labels), options);
}

/** eq. 5: L_id, with identity-based positives (same expression, other identity) and negatives (other expression, same identity). */
export function identityTripletLoss(embeddings: tf.Tensor2D, labels: IdentityLabels, options: TripletLossOptions): tf.Scalar {
  return termLoss(embeddings, () => identityMasks(labels), options);
}

/** eq. 6: L_triplet = L_pose + L_id, either term switchable for the ablation. */
export function tripletLoss(embeddings: tf.Tensor2D, labels: TripletLabels, options: JointTripletLossOptions): tf.Scalar {
  const parts = options.parts ?? 'both';
  if (!['pose', 'identity', 'both'].includes(parts)) throw new Error(`unknown triplet parts '${parts}': use 'pose', 'identity' or 'both'`);
  return tf.tidy(() => {
    const terms: [TripletMasks, number][] = [];
    if (parts !== 'identity') terms.push([poseMasks(labels), options.poseMargin]);
    if (parts !== 'pose') terms.push([identityMasks(labels), options.identityMargin]);
    // One distance matrix serves both terms.
    const distances = distancesOf(embeddings, options.distance, terms[0][0].positive.shape[0]);
    return tf.addN(terms.map(([masks, margin]) => batchHardTripletLoss(distances, masks, { ...options, margin })));
  });
}
